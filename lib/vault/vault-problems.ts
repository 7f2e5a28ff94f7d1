/**
 * Every problem code the vault reports: each is a message key in public/_locales/en/messages.json
 * (tests/unit/vault/problem-messages.test.ts checks that they all are).
 */
import type { Problem } from '../result';

export const ERR_WRONG_PASSPHRASE = 'err_vault_wrong_passphrase';
export const ERR_VAULT_MISSING = 'err_vault_missing';
export const ERR_VAULT_EXISTS = 'err_vault_exists';
export const ERR_PASSPHRASE_EMPTY = 'err_vault_passphrase_empty';
export const ERR_CHANGED_MEANWHILE = 'err_vault_changed_meanwhile';
export const ERR_HEADER_CORRUPT = 'err_vault_header_corrupt';
export const ERR_UNSUPPORTED_VERSION = 'err_vault_unsupported_version';
/** The header does not match its MAC: slots were added, removed, swapped or changed in storage. */
export const ERR_HEADER_TAMPERED = 'err_vault_header_tampered';
/** A format-1 vault could not be upgraded; nothing was changed. */
export const ERR_UPGRADE_FAILED = 'err_vault_upgrade_failed';
/** An account write found the vault not (yet) in format 2. */
export const ERR_NOT_UPGRADED = 'err_vault_not_upgraded';
export const ERR_PASSKEY_UNKNOWN = 'err_vault_passkey_unknown';
export const ERR_PASSKEY_REFUSED = 'err_vault_passkey_refused';
export const ERR_PASSKEY_EXISTS = 'err_vault_passkey_exists';
/** The passkey ceremony's answer (credential id, PRF input or output) is not usable. */
export const ERR_PASSKEY_ANSWER_INVALID = 'err_vault_passkey_answer_invalid';
export const ERR_RECOVERY_KEY_WRONG = 'err_vault_recovery_key_wrong';
export const ERR_NO_RECOVERY_KEY = 'err_vault_no_recovery_key';
export const ERR_SLOT_MISSING = 'err_vault_slot_missing';
export const ERR_LAST_PASSPHRASE_SLOT = 'err_vault_last_passphrase_slot';
export const ERR_SLOT_NAME_INVALID = 'err_vault_slot_name_invalid';
export const ERR_TOO_MANY_SLOTS = 'err_vault_too_many_slots';
export const ERR_TRASH_MISSING = 'err_vault_trash_missing';

/** Thrown (rejects) by the write functions, whose signatures return plain values; carries a Problem. */
export class VaultError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.code);
    this.name = 'VaultError';
  }
}
