/**
 * The message (a key in `_locales/<lang>/messages.json`, `log_<type>`, plus substitutions) that
 * describes an activity-log entry to a person. The time is formatted by the page, not here.
 */
import type { LogEntry } from '../vault/log-entry';
import type { MessageKey, PluralKey } from './message-key';

export type LogMessage =
  | { readonly key: MessageKey; readonly params: readonly string[]; readonly count?: undefined }
  /** A message with plural forms (`<key>_one`, `<key>_other`..., ./plural-message.ts), and what it counts. */
  | { readonly key: PluralKey; readonly params: readonly string[]; readonly count: number };

/** "Acme (alice)", or just one of them if the other is empty. */
const accountName = (issuer: string, label: string): string => (issuer && label ? `${issuer} (${label})` : issuer || label);

const KEYS: Record<Exclude<LogEntry['type'], 'imported'>, MessageKey> = {
  'account-added': 'log_account_added',
  'account-edited': 'log_account_edited',
  'account-deleted': 'log_account_deleted',
  'account-restored': 'log_account_restored',
  'code-copied': 'log_code_copied',
  'code-filled': 'log_code_filled',
  exported: 'log_exported',
  unlocked: 'log_unlocked',
  'unlock-failed': 'log_unlock_failed',
  'passphrase-changed': 'log_passphrase_changed',
  'passkey-added': 'log_passkey_added',
  'passkey-removed': 'log_passkey_removed',
  'unlocked-passkey': 'log_unlocked_passkey',
  'unlocked-recovery-key': 'log_unlocked_recovery_key',
  'recovery-key-created': 'log_recovery_key_created',
};

export function logEntryMessage(entry: LogEntry): LogMessage {
  if (entry.type === 'imported') return { key: 'log_imported', params: [String(entry.count)], count: entry.count };
  const key = KEYS[entry.type];
  switch (entry.type) {
    case 'account-added':
    case 'account-edited':
    case 'account-deleted':
    case 'account-restored':
    case 'code-copied':
      return { key, params: [accountName(entry.issuer, entry.label)] };
    case 'code-filled':
      return { key, params: [accountName(entry.issuer, entry.label), entry.site] };
    case 'exported':
      return { key, params: [entry.kind] };
    case 'passkey-added':
    case 'passkey-removed':
      return { key, params: [entry.name] };
    case 'unlocked':
    case 'unlock-failed':
    case 'passphrase-changed':
    case 'unlocked-passkey':
    case 'unlocked-recovery-key':
    case 'recovery-key-created':
      return { key, params: [] };
  }
}
