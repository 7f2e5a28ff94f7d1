/**
 * The popup's first screen, kept by the background in `storage.session` while the vault is
 * unlocked (`STORE_KEYS.popupSnapshot`), so the popup paints its codes straight from there instead
 * of waiting for the background, which the browser stops after 30 s idle, to wake up and answer.
 *
 * It holds what the list needs (`ListAccount`: names, secrets and code parameters; no notes,
 * recovery codes or sites) and the number of unreadable records. `storage.session` is memory
 * only, open to Sesame's own pages and background only (`TRUSTED_CONTEXTS`), and already holds the
 * data key while unlocked, from which every secret can be derived; the snapshot is removed with
 * the key at every lock (docs/design.md, "Lock state").
 *
 * Stored as one JSON string: the browser hands a string over faster than a thousand objects.
 */
import { ALGORITHMS, DIGITS, type Account, type Algorithm, type Digits } from '../otp/account';
import { toListAccount, type ListAccount } from '../accounts/list-account';
import { sortAccounts } from '../accounts/sort-accounts';

const VERSION = 1;

/**
 * A snapshot longer than this (characters) is not kept, so `storage.session`'s quota (10 MB in
 * Chrome) stays far away; the popup then asks the background (~6,000 accounts with long names).
 */
export const MAX_SNAPSHOT_CHARS = 2_000_000;

/** "Unlocked, but ask the background": while the list is being rebuilt, or too long to keep. */
export const ASK_BACKGROUND = `{"v":${VERSION},"ask":true}`;

export type PopupSnapshot =
  | { readonly kind: 'ready'; readonly accounts: readonly ListAccount[]; readonly unreadable: number }
  /** Unlocked, but the list is not here: ask the background. */
  | { readonly kind: 'ask' }
  /** No snapshot: the vault is locked (or not set up, or the background never kept one). */
  | { readonly kind: 'none' };

/**
 * The snapshot of `accounts`, or `ASK_BACKGROUND` when too long. In the list's order (pinned
 * first), so the popup's own sort finds it sorted and costs one comparison per account.
 */
export function buildPopupSnapshot(accounts: readonly Account[], unreadable: number): string {
  const listed = sortAccounts(accounts).map((a) => ({ ...toListAccount(a), secret: Array.from(a.secret) }));
  const json = JSON.stringify({ v: VERSION, accounts: listed, unreadable });
  return json.length <= MAX_SNAPSHOT_CHARS ? json : ASK_BACKGROUND;
}

const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');
const isBytes = (x: unknown): x is number[] => Array.isArray(x) && x.length > 0 && x.every((b) => isCount(b) && b <= 255);

/** One listed account from its JSON form, or null if anything is off. */
function readListAccount(x: unknown): ListAccount | null {
  const { id, type, issuer, label, secret, tags, pinned, order, algorithm, digits, period, counter } = (x ?? {}) as Record<string, unknown>;
  if (typeof id !== 'string' || typeof issuer !== 'string' || typeof label !== 'string' || !isBytes(secret) || !isStrings(tags) ||
    typeof pinned !== 'boolean' || typeof order !== 'number') return null;
  const common = { id, issuer, label, secret: Uint8Array.from(secret), tags, pinned, order };
  if (type === 'steam') return { ...common, type };
  if (!ALGORITHMS.includes(algorithm as Algorithm) || !DIGITS.includes(digits as Digits)) return null;
  const code = { algorithm: algorithm as Algorithm, digits: digits as Digits };
  if (type === 'totp' && isCount(period) && period > 0) return { ...common, ...code, type, period };
  if (type === 'hotp' && isCount(counter)) return { ...common, ...code, type, counter };
  return null;
}

/** What the popup finds under `STORE_KEYS.popupSnapshot`; anything it cannot read means "ask". */
export function readPopupSnapshot(stored: unknown): PopupSnapshot {
  if (stored === undefined || stored === null) return { kind: 'none' };
  let parsed: unknown;
  try {
    parsed = typeof stored === 'string' ? JSON.parse(stored) : null;
  } catch {
    parsed = null;
  }
  const s = parsed as { v?: unknown; accounts?: unknown; unreadable?: unknown } | null;
  if (!s || s.v !== VERSION || !Array.isArray(s.accounts) || !isCount(s.unreadable)) return { kind: 'ask' };
  const accounts: ListAccount[] = [];
  for (const x of s.accounts) {
    const account = readListAccount(x);
    if (!account) return { kind: 'ask' };
    accounts.push(account);
  }
  return { kind: 'ready', accounts, unreadable: s.unreadable };
}
