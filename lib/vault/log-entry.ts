/**
 * Activity-log entries: what happened, to which account, when. An entry never holds a secret,
 * a one-time code or a passphrase; `normalizeLogEntry` copies only the fields listed here, so a
 * stray property on the way in is dropped rather than stored.
 */
import { LIMITS } from './account-codec';

/** Which account an entry is about; issuer and label are kept so the entry reads well after a delete. */
interface AccountRef {
  readonly accountId: string;
  readonly issuer: string;
  readonly label: string;
}

interface Timed {
  /** Milliseconds since the Unix epoch. */
  readonly time: number;
}

export type LogEntry =
  | (Timed & AccountRef & { readonly type: 'account-added' | 'account-edited' | 'account-deleted' | 'account-restored' | 'code-copied' })
  | (Timed & AccountRef & { readonly type: 'code-filled'; readonly site: string })
  | (Timed & { readonly type: 'imported'; readonly count: number })
  | (Timed & { readonly type: 'exported'; readonly kind: string })
  | (Timed & { readonly type: PlainType })
  /** A passkey was added to or removed from the unlock methods; `name` is what the user called it. */
  | (Timed & { readonly type: 'passkey-added' | 'passkey-removed'; readonly name: string });

/** Entries that carry nothing but their type and time. */
type PlainType =
  'unlocked' | 'unlock-failed' | 'passphrase-changed' | 'unlocked-passkey' | 'unlocked-recovery-key' | 'recovery-key-created';

const ACCOUNT_TYPES = new Set(['account-added', 'account-edited', 'account-deleted', 'account-restored', 'code-copied', 'code-filled']);
const PLAIN_TYPES = new Set<string>([
  'unlocked',
  'unlock-failed',
  'passphrase-changed',
  'unlocked-passkey',
  'unlocked-recovery-key',
  'recovery-key-created',
] satisfies PlainType[]);
const SLOT_TYPES = new Set(['passkey-added', 'passkey-removed']);

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** A clean copy of a valid entry (known fields only), or `undefined` if it is not a valid entry. */
export function normalizeLogEntry(value: unknown): LogEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const { type, time } = v;
  if (typeof type !== 'string' || !isCount(time)) return undefined;
  if (PLAIN_TYPES.has(type)) return { type: type as PlainType, time };
  if (SLOT_TYPES.has(type)) {
    const name = v['name'];
    return isText(name, 64) ? { type: type as 'passkey-added', time, name } : undefined;
  }
  if (type === 'imported') return isCount(v['count']) ? { type, time, count: v['count'] } : undefined;
  if (type === 'exported') {
    const kind = v['kind'];
    return isText(kind, 64) && kind !== '' ? { type, time, kind } : undefined;
  }
  if (!ACCOUNT_TYPES.has(type)) return undefined;
  const { accountId, issuer, label } = v;
  if (!isText(accountId, LIMITS.idLength) || !isText(issuer, LIMITS.textLength) || !isText(label, LIMITS.textLength)) return undefined;
  if (type === 'code-filled') {
    const site = v['site'];
    return isText(site, LIMITS.textLength) ? { type, time, accountId, issuer, label, site } : undefined;
  }
  return { type: type as 'account-added', time, accountId, issuer, label };
}
