/** PBKDF2-HMAC-SHA256 work factor for new and re-wrapped passphrase slots (OWASP Password Storage Cheat Sheet, 2023+). */
export const DEFAULT_ITERATIONS = 600_000;

export interface VaultOptions {
  /**
   * PBKDF2 iterations for a passphrase slot this call writes, and the floor below which unlock
   * raises a slot. Only tests pass this (to run fast); every production caller leaves it out and
   * gets `DEFAULT_ITERATIONS`.
   */
  readonly iterations?: number;
  /** The time to record (slot creation, record clocks); `Date.now()` when left out. */
  readonly now?: number;
}

export const targetIterations = (opts?: VaultOptions): number => opts?.iterations ?? DEFAULT_ITERATIONS;
export const nowOf = (opts?: VaultOptions): number => opts?.now ?? Date.now();
