import { browser } from 'wxt/browser';
import type { MessageKey } from '@/lib/i18n/message-key';

// Untyped here: the plural forms' keys are picked at run time (lib/i18n/plural-message.ts). t and
// tCount are typed with MessageKey, which reads messages.json itself (WXT's own getMessage types
// are only as fresh as the last `wxt prepare`).
export const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string[]) => string;

/**
 * A message from `public/_locales`, with `$1`.. substitutions. Apart from ./t.ts (which re-exports
 * it), so the popup's first paint from its saved screen can say "next 123 456" without loading
 * the problems' descriptions.
 */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  return getMessage(key, substitutions.map(String)) || key;
}
