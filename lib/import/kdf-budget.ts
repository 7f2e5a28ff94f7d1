/**
 * How much password stretching an encrypted import may ask for. The file, not the user, chooses
 * its key-derivation parameters, so a hostile or broken file could ask the browser to spin for
 * minutes (an absurd PBKDF2 count, many costly scrypt slots). Before deriving anything, an
 * importer adds up the work of every derivation it would try and refuses the file beyond
 * `MAX_KDF_WORK`, and an Aegis vault's password slots are tried at most `MAX_PASSWORD_SLOTS`.
 *
 * Work is counted in 64-byte block operations, which cost about the same in either function:
 * - PBKDF2-HMAC-SHA256 (RFC 8018 §5.2), one 32-byte block: 2 SHA-256 compressions per iteration;
 * - scrypt (RFC 7914 §5-6): ROMix runs 2·N BlockMix rounds of 2·r Salsa20/8 cores, for each of p.
 * Real exports sit far below the cap: Aegis' scrypt N=2^15, r=8, p=1 is 2^20; Sesame's backup
 * (PBKDF2, 600,000 iterations) 1.2·10^6; 2FAS (PBKDF2, 10,000) 2·10^4.
 */
import { fail, ok, type Result } from '../result';

export type KdfCost =
  | { readonly kind: 'pbkdf2-sha256'; readonly iterations: number }
  | { readonly kind: 'scrypt'; readonly N: number; readonly r: number; readonly p: number };

/** Password slots of one file tried at most (Aegis writes one; more is not a real export). */
export const MAX_PASSWORD_SLOTS = 8;

/**
 * 2^23 block operations: eight default Aegis slots, one Aegis slot at its largest memory setting
 * (N=2^18, r=8), or about 4.2 million PBKDF2 iterations; a few seconds of work in a worker.
 */
export const MAX_KDF_WORK = 2 ** 23;

const ERR_IMPORT_KDF_TOO_COSTLY = 'err_import_kdf_too_costly';

export function kdfWork(cost: KdfCost): number {
  return cost.kind === 'pbkdf2-sha256' ? 2 * cost.iterations : 4 * cost.N * cost.r * cost.p;
}

/** `ok` when every derivation in `costs` together stays within the cap, else a problem naming the format. */
export function checkKdfBudget(costs: readonly KdfCost[], formatName: string): Result<null> {
  const total = costs.reduce((sum, cost) => sum + kdfWork(cost), 0);
  return Number.isFinite(total) && total <= MAX_KDF_WORK ? ok(null) : fail(ERR_IMPORT_KDF_TOO_COSTLY, formatName);
}
