/**
 * "Does the code the site shows / I typed match?" For a TOTP or Steam account, compares the typed
 * code with the codes of neighbouring time steps to tell a wrong secret from a wrong clock; for
 * HOTP, finds how far the counters of the two sides drifted apart (RFC 4226 §7.4 resynchronisation).
 */
import { STEAM } from './account';
import { codeAtCounter, type CodeSource } from './generate-code';
import { counterAt } from './counter-at';

export type CodeCheck =
  /** The typed code is the current one. */
  | { readonly kind: 'now' }
  /**
   * The typed code belongs to `steps` time steps from now (positive = a LATER time: our clock is
   * behind by about `seconds` = steps × period, and the fix is to add that offset).
   */
  | { readonly kind: 'offset'; readonly steps: number; readonly seconds: number }
  /** HOTP: the typed code is the one at `counter`. */
  | { readonly kind: 'counter'; readonly counter: number }
  /** No nearby code matches: most likely a different secret (or a typo). */
  | { readonly kind: 'none' };

/** How many time steps either side of now are tried (±10 × 30 s = ±5 minutes). */
export const MAX_OFFSET_STEPS = 10;
/** HOTP: counters tried after the stored one (RFC 4226 §7.4 look-ahead window "s")... */
export const HOTP_LOOK_AHEAD = 100;
/** ...and before it (a code shown but then not used). */
export const HOTP_LOOK_BEHIND = 3;

/** The typed code as comparable text: spaces gone; Steam codes upper-cased. */
function normalizeTypedCode(typed: string, type: CodeSource['type']): string {
  const compact = typed.replace(/\s/g, '');
  return type === 'steam' ? compact.toUpperCase() : compact;
}

/**
 * Compares `typed` with the account's codes near `timeMs`. Offsets are tried nearest first
 * (0, +1, -1, +2, -2, ...), HOTP counters stored-first, then ahead, then behind, so the smallest
 * correction wins if two codes happen to match.
 */
export function checkCode(account: CodeSource, typed: string, timeMs: number): CodeCheck {
  const code = normalizeTypedCode(typed, account.type);
  const length = account.type === 'steam' ? STEAM.digits : account.digits;
  if (code.length !== length) return { kind: 'none' };

  if (account.type === 'hotp') {
    const start = account.counter;
    const candidates = [start];
    for (let i = 1; i <= HOTP_LOOK_AHEAD && Number.isSafeInteger(start + i); i++) candidates.push(start + i);
    for (let i = 1; i <= HOTP_LOOK_BEHIND && start - i >= 0; i++) candidates.push(start - i);
    const found = candidates.find((counter) => codeAtCounter(account, counter) === code);
    return found === undefined ? { kind: 'none' } : { kind: 'counter', counter: found };
  }

  const now = counterAt(account, timeMs);
  const period = account.type === 'steam' ? STEAM.period : account.period;
  if (codeAtCounter(account, now) === code) return { kind: 'now' };
  for (let distance = 1; distance <= MAX_OFFSET_STEPS; distance++) {
    for (const steps of [distance, -distance]) {
      if (now + steps < 0) continue;
      if (codeAtCounter(account, now + steps) === code) return { kind: 'offset', steps, seconds: steps * period };
    }
  }
  return { kind: 'none' };
}
