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
 * Stored as one JSON string (the browser hands a string over faster than a thousand objects), with
 * every secret in one Base64 text and each account saying how many of its bytes are its secret:
 * one decoding, and each secret a view into it, instead of a thousand arrays to copy.
 *
 * Kept twice: the whole list (`STORE_KEYS.popupSnapshot`) and its first `FIRST_SCREEN_ACCOUNTS`
 * accounts with the whole list's length (`STORE_KEYS.popupFirstScreen`). The popup paints from
 * the second and reads the first once it has painted: handing over a thousand accounts' snapshot
 * (about 230 KB) took 5-10 ms more than a short one, whatever the list's length, before a single
 * code was on screen.
 */
import { ALGORITHMS, DIGITS, type Account, type Algorithm, type ConflictOrigin, type Digits } from '../otp/account';
import { toListAccount, type ListAccount } from '../accounts/list-account';
import { sortAccounts } from '../accounts/sort-accounts';
import { bytesToBase64 } from '../otp/bytes';
import { isStringArray } from '../vault/stored-shape';

// 2: order keys are strings (sync), conflict copies carry their mark.
const VERSION = 2;

/**
 * A snapshot longer than this (characters) is not kept, so `storage.session`'s quota (10 MB in
 * Chrome) stays far away; the popup then asks the background (~6,000 accounts with long names).
 */
export const MAX_SNAPSHOT_CHARS = 2_000_000;

/** "Unlocked, but ask the background": while the list is being rebuilt, or too long to keep. */
export const ASK_BACKGROUND = `{"v":${VERSION},"ask":true}`;

/** How many accounts the first screen's snapshot holds: more than the popup shows (about 10 rows). */
export const FIRST_SCREEN_ACCOUNTS = 30;

export type PopupSnapshot =
  /** `more`: how many accounts of the list follow these (0: this is the whole list). */
  | { readonly kind: 'ready'; readonly accounts: readonly ListAccount[]; readonly unreadable: number; readonly more: number }
  /** Unlocked, but the list is not here: ask the background. */
  | { readonly kind: 'ask' }
  /** No snapshot: the vault is locked (or not set up, or the background never kept one). */
  | { readonly kind: 'none' };

/** `sorted` as a snapshot; `total`: the whole list's length, when `sorted` is only its start. */
function encodeSnapshot(sorted: readonly Account[], unreadable: number, total?: number): string {
  const secrets = new Uint8Array(sorted.reduce((n, a) => n + a.secret.length, 0));
  let at = 0;
  for (const a of sorted) {
    secrets.set(a.secret, at);
    at += a.secret.length;
  }
  const listed = sorted.map((a) => ({ ...toListAccount(a), secret: a.secret.length }));
  const json = JSON.stringify({
    v: VERSION,
    unreadable,
    ...(total !== undefined && { total }),
    secrets: bytesToBase64(secrets),
    accounts: listed,
  });
  return json.length <= MAX_SNAPSHOT_CHARS ? json : ASK_BACKGROUND;
}

/**
 * The two snapshots the background keeps: the whole list, and the first screen's (its first
 * `FIRST_SCREEN_ACCOUNTS` accounts; the same text when the list is no longer). Both in the list's
 * order (pinned first), so the popup's own sort finds them sorted and costs one comparison per
 * account; both `ASK_BACKGROUND` when the list is too long to keep.
 */
export function buildPopupSnapshots(
  accounts: readonly Account[],
  unreadable: number,
): { readonly whole: string; readonly firstScreen: string } {
  const sorted = sortAccounts(accounts);
  const whole = encodeSnapshot(sorted, unreadable);
  if (whole === ASK_BACKGROUND || sorted.length <= FIRST_SCREEN_ACCOUNTS) return { whole, firstScreen: whole };
  return { whole, firstScreen: encodeSnapshot(sorted.slice(0, FIRST_SCREEN_ACCOUNTS), unreadable, sorted.length) };
}

/** Base64 to bytes (the snapshot's own, so no canonical-form check); null if it is not Base64. */
function base64Bytes(text: unknown): Uint8Array | null {
  if (typeof text !== 'string') return null;
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

/** A conflict copy's mark: undefined when absent, null when it is not one. */
function readConflictOrigin(x: unknown): ConflictOrigin | undefined | null {
  if (x === undefined) return undefined;
  const { id, clock } = (x ?? {}) as Record<string, unknown>;
  return typeof id === 'string' && typeof clock === 'string' ? { id, clock } : null;
}

/** One listed account from its JSON form, with its secret from `secrets` at `at`; null if anything is off. */
function readListAccount(x: unknown, secrets: Uint8Array, at: number): ListAccount | null {
  const {
    id,
    type,
    issuer,
    label,
    secret: length,
    tags,
    pinned,
    order,
    conflictOf,
    algorithm,
    digits,
    period,
    counter,
  } = (x ?? {}) as Record<string, unknown>;
  if (
    typeof id !== 'string' ||
    typeof issuer !== 'string' ||
    typeof label !== 'string' ||
    !isCount(length) ||
    length === 0 ||
    at + length > secrets.length ||
    !isStringArray(tags) ||
    typeof pinned !== 'boolean' ||
    typeof order !== 'string'
  )
    return null;
  const conflict = readConflictOrigin(conflictOf);
  if (conflict === null) return null;
  const common = {
    id,
    issuer,
    label,
    secret: secrets.subarray(at, at + length),
    tags,
    pinned,
    order,
    ...(conflict && { conflictOf: conflict }),
  };
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
  const s = parsed as { v?: unknown; accounts?: unknown; unreadable?: unknown; total?: unknown; secrets?: unknown } | null;
  const secrets = base64Bytes(s?.secrets);
  if (!s || s.v !== VERSION || !Array.isArray(s.accounts) || !isCount(s.unreadable) || !secrets) return { kind: 'ask' };
  const total = s.total ?? s.accounts.length;
  if (!isCount(total) || total < s.accounts.length) return { kind: 'ask' };
  const accounts: ListAccount[] = [];
  let at = 0;
  for (const x of s.accounts) {
    const account = readListAccount(x, secrets, at);
    if (!account) return { kind: 'ask' };
    accounts.push(account);
    at += account.secret.length;
  }
  return at === secrets.length ? { kind: 'ready', accounts, unreadable: s.unreadable, more: total - accounts.length } : { kind: 'ask' };
}
