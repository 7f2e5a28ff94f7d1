/**
 * The message (a key in `_locales/<lang>/messages.json`, `log_<type>`, plus substitutions) that
 * describes an activity-log entry to a person. The time is formatted by the page, not here.
 */
import type { LogEntry } from '../vault/log-entry';
import type { MessageKey } from './message-key';

export interface LogMessage {
  readonly key: MessageKey;
  readonly params: readonly string[];
}

/** "Acme (alice)", or just one of them if the other is empty. */
const accountName = (issuer: string, label: string): string => (issuer && label ? `${issuer} (${label})` : issuer || label);

const KEYS: Record<LogEntry['type'], MessageKey> = {
  'account-added': 'log_account_added',
  'account-edited': 'log_account_edited',
  'account-deleted': 'log_account_deleted',
  'code-copied': 'log_code_copied',
  'code-filled': 'log_code_filled',
  imported: 'log_imported',
  exported: 'log_exported',
  unlocked: 'log_unlocked',
  'unlock-failed': 'log_unlock_failed',
  'passphrase-changed': 'log_passphrase_changed',
};

export function logEntryMessage(entry: LogEntry): LogMessage {
  const key = KEYS[entry.type];
  switch (entry.type) {
    case 'account-added':
    case 'account-edited':
    case 'account-deleted':
    case 'code-copied':
      return { key, params: [accountName(entry.issuer, entry.label)] };
    case 'code-filled':
      return { key, params: [accountName(entry.issuer, entry.label), entry.site] };
    case 'imported':
      return { key, params: [String(entry.count)] };
    case 'exported':
      return { key, params: [entry.kind] };
    case 'unlocked':
    case 'unlock-failed':
    case 'passphrase-changed':
      return { key, params: [] };
  }
}
