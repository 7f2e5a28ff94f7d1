/**
 * Messages that count ("Added 1 account", "Added 3 accounts") have one key per plural form:
 * `<key>_zero`, `_one`, `_two`, `_few`, `_many`, `_other`, the categories of Unicode CLDR's plural
 * rules that `Intl.PluralRules` names (https://unicode.org/reports/tr35/tr35-numbers.html#Language_Plural_Rules).
 * A translation gives the forms its language has: English `_one` and `_other`; Polish `_one`,
 * `_few`, `_many` and `_other`. `<key>_other` is always there, and a form a translation lacks falls
 * back to it.
 *
 * The rules are those of the language the messages are written in, which is not always the
 * browser's: a browser in French shows Sesame's English messages while there is no French
 * translation, and French rules would pick "Added 0 account". So each `messages.json` names its
 * own language in `messagesLocale`.
 */
import type { GetMessage } from './describe-problem';

/** The message that names the language of the messages in use (e.g. "en", "pt-BR"). */
export const MESSAGES_LOCALE_KEY = 'messagesLocale';
const FALLBACK_LOCALE = 'en';

const rulesByLocale = new Map<string, Intl.PluralRules>();

function pluralRules(locale: string): Intl.PluralRules {
  // Chrome's locale folders say pt_BR; BCP 47 (and Intl) say pt-BR.
  const tag = locale.trim().replace(/_/g, '-') || FALLBACK_LOCALE;
  let rules = rulesByLocale.get(tag);
  if (!rules) {
    try {
      rules = new Intl.PluralRules(tag);
    } catch {
      rules = new Intl.PluralRules(FALLBACK_LOCALE); // not a language tag: a translation's typo
    }
    rulesByLocale.set(tag, rules);
  }
  return rules;
}

/** The plural form's key for `count` in `locale`: `addedCount_one` for 1 in English. */
export function pluralKey(key: string, count: number, locale: string): string {
  return `${key}_${pluralRules(locale).select(count)}`;
}

/**
 * The message `key` in the form for `count`, with its substitutions. Falls back to `<key>_other`,
 * then to the key itself, so a missing message shows up in tests instead of as an empty string.
 */
export function pluralMessage(getMessage: GetMessage, key: string, count: number, substitutions: readonly string[]): string {
  const locale = getMessage(MESSAGES_LOCALE_KEY) || FALLBACK_LOCALE;
  const params = [...substitutions];
  return getMessage(pluralKey(key, count, locale), params) || getMessage(`${key}_other`, params) || key;
}
