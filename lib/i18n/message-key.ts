// A type-only import: erased from every bundle (the browser reads _locales itself), while the
// compiler reads the file's keys, so a key that is not in it does not compile.
import type messages from '../../public/_locales/en/messages.json';

/** A key of `public/_locales/en/messages.json`, the one list of every string a user reads. */
export type MessageKey = keyof typeof messages;

type PluralBase<K> = K extends `${infer Base}_other` ? Base : never;

/**
 * A message that counts, named without its plural form: `addedCount` for `addedCount_one`,
 * `addedCount_other`... (lib/i18n/plural-message.ts picks the form). Its `_other` form is a key.
 */
export type PluralKey = PluralBase<MessageKey>;
