/**
 * Changes to an account's recovery-code list, as pure functions over `RecoveryCode[]`.
 * A code is never deleted by marking it used: it stays in the list, flagged, so the user sees
 * which ones are gone (issue 6).
 */
import type { RecoveryCode } from '../otp/account';

/** How two spellings of one code compare: case, spaces and dashes ignored. */
const recoveryCodeKey = (code: string): string => code.replace(/[\s-]/g, '').toLowerCase();

/**
 * The list after the user pastes `pasted` (already parsed): the pasted codes, in their order,
 * each keeping its `used` mark if it was already in `existing`. Pasting a site's fresh list
 * replaces the old one; pasting the same list again changes nothing.
 */
export function replaceRecoveryCodes(existing: readonly RecoveryCode[], pasted: readonly RecoveryCode[]): RecoveryCode[] {
  const used = new Set(existing.filter((c) => c.used).map((c) => recoveryCodeKey(c.code)));
  return pasted.map((c) => ({ code: c.code, used: c.used || used.has(recoveryCodeKey(c.code)) }));
}

/** The list with code number `index` marked used (or unmarked, to undo). */
export function setRecoveryCodeUsed(codes: readonly RecoveryCode[], index: number, used: boolean): RecoveryCode[] {
  return codes.map((c, i) => (i === index ? { code: c.code, used } : c));
}

/** How many codes are still unused. */
export const recoveryCodesLeft = (codes: readonly RecoveryCode[]): number => codes.filter((c) => !c.used).length;
