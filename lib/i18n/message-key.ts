// A type-only import: erased from every bundle (the browser reads _locales itself), while the
// compiler reads the file's keys, so a key that is not in it does not compile.
import type messages from '../../public/_locales/en/messages.json';

/** A key of `public/_locales/en/messages.json`, the one list of every string a user reads. */
export type MessageKey = keyof typeof messages;
