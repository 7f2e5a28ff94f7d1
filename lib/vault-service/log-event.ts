/**
 * Activity-log events that extension pages report (the background cannot see a clipboard copy).
 * A page names the account by id only; the service looks up its issuer and label and stamps the
 * time, so a page can never put a code or a secret into the log. Exports are not among them: the
 * background builds every export and logs it itself.
 */
import type { Account } from '../otp/account';
import type { LogEntry } from '../vault/log-entry';

export type ClientLogEvent =
  | { readonly type: 'code-copied'; readonly accountId: string }
  | { readonly type: 'code-filled'; readonly accountId: string; readonly site: string };

/** Which account an entry is about, as the log stores it. */
export const accountRef = (a: Account) => ({ accountId: a.id, issuer: a.issuer, label: a.label });

/** The log entry for `event`, or `undefined` if it names no known account or is malformed. */
export function entryFromEvent(event: ClientLogEvent, accounts: readonly Account[], time: number): LogEntry | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  if (event.type !== 'code-copied' && event.type !== 'code-filled') return undefined;
  const account = accounts.find((a) => a.id === event.accountId);
  if (!account) return undefined;
  if (event.type === 'code-copied') return { type: 'code-copied', time, ...accountRef(account) };
  return typeof event.site === 'string' ? { type: 'code-filled', time, ...accountRef(account), site: event.site } : undefined;
}
