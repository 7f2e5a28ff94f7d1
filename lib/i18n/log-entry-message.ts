/**
 * The message (a key in `_locales/<lang>/messages.json`, `log_<type>`, plus substitutions) that
 * describes an activity-log entry to a person. The time is formatted by the page, not here.
 */
import type { LogEntry } from '../vault/log-entry';

export interface LogMessage {
  readonly key: string;
  readonly params: readonly string[];
  /** For a message with plural forms (`<key>_one`, `<key>_other`..., ./plural-message.ts): what it counts. */
  readonly count?: number;
}

/** "Acme (alice)", or just one of them if the other is empty. */
const accountName = (issuer: string, label: string): string => (issuer && label ? `${issuer} (${label})` : issuer || label);

export function logEntryMessage(entry: LogEntry): LogMessage {
  const key = `log_${entry.type.replace(/-/g, '_')}`;
  switch (entry.type) {
    case 'account-added':
    case 'account-edited':
    case 'account-deleted':
    case 'account-restored':
    case 'code-copied':
      return { key, params: [accountName(entry.issuer, entry.label)] };
    case 'code-filled':
      return { key, params: [accountName(entry.issuer, entry.label), entry.site] };
    case 'imported':
      return { key, params: [String(entry.count)], count: entry.count };
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
