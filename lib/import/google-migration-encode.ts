/**
 * Writes accounts as Google Authenticator "Transfer accounts" QR texts
 * (`otpauth-migration://offline?data=...`, the format read by lib/import/google-migration.ts), so
 * a user can move accounts from Sesame to Google Authenticator (or Aegis, 2FAS, ... which read it).
 *
 * Split like Google's own exports: at most 10 accounts per QR code (fewer when long names would make
 * the code too dense to scan), every code with `version` 1 and the same `batch_id`, its
 * `batch_index` and the `batch_size`. What the format cannot hold is reported, not silently changed:
 * - 7-digit codes (only 6 and 8 exist) and TOTP periods other than 30 s (no period field): skipped;
 * - Steam Guard (no Steam type): exported as TOTP/SHA1/6 digits with issuer "Steam" when it had
 *   none, so the secret is kept, with a note that the codes shown will not be Steam's.
 */
import type { AccountDraft } from '../otp/account';
import type { Problem } from '../result';
import type { MessageKey } from '../i18n/message-key';
import { encodeBase64 } from './google-migration-base64';
import { MIGRATION_TYPE_HOTP, MIGRATION_TYPE_TOTP, type SkippedMigrationAccount } from './google-migration';
import { ProtoWriter } from './google-migration-protobuf';

export interface MigrationExportOptions {
  /** The export's `batch_id` (int32); random by default. */
  readonly batchId?: number;
  /** Accounts per QR code (default 10, as Google Authenticator). */
  readonly maxPerQr?: number;
  /** Payload bytes per QR code before Base64 (default 1000, about a version-25 code). */
  readonly maxBytesPerQr?: number;
}

export interface MigrationExport {
  /** One text per QR code, in order ("1 of N" first). Empty when nothing could be exported. */
  readonly uris: string[];
  /** Accounts left out, with why (their position in the input is `index`). */
  readonly skipped: (SkippedMigrationAccount & { readonly index: number })[];
  /** Accounts exported with a caveat the user should read (Steam). */
  readonly notes: (SkippedMigrationAccount & { readonly index: number })[];
}

const ALGORITHM_NUMBER = { SHA1: 1, SHA256: 2, SHA512: 3 } as const;
const DIGITS_NUMBER = { 6: 1, 8: 2 } as const;

export function encodeMigrationUris(accounts: readonly AccountDraft[], opts: MigrationExportOptions = {}): MigrationExport {
  const maxPerQr = Math.max(1, opts.maxPerQr ?? 10);
  const maxBytes = opts.maxBytesPerQr ?? 1000;
  const skipped: MigrationExport['skipped'] = [];
  const notes: MigrationExport['notes'] = [];
  const encoded: Uint8Array[] = [];
  accounts.forEach((account, index) => {
    const name = [account.issuer, account.label].filter((s) => s !== '').join(': ') || '?';
    const problem = (code: MessageKey, ...params: (string | number)[]): Problem => ({ code, params: [name, ...params.map(String)] });
    const one = encodeAccount(account);
    if ('skip' in one) skipped.push({ index, name, problem: problem(...one.skip) });
    else {
      encoded.push(one.bytes);
      if (account.type === 'steam') notes.push({ index, name, problem: problem('err_migration_export_steam') });
    }
  });

  const chunks: Uint8Array[][] = [];
  let current: Uint8Array[] = [];
  let bytes = 0;
  for (const e of encoded) {
    if (current.length > 0 && (current.length >= maxPerQr || bytes + e.length > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(e);
    bytes += e.length + 3;
  }
  if (current.length > 0) chunks.push(current);

  const batchId = opts.batchId ?? randomInt32();
  const uris = chunks.map((chunk, batchIndex) => {
    const w = new ProtoWriter();
    for (const params of chunk) w.bytes(1, params);
    w.varint(2, 1)
      .varint(3, chunks.length)
      .varint(4, batchIndex)
      .varint(5, batchId | 0);
    return `otpauth-migration://offline?data=${encodeURIComponent(encodeBase64(w.finish()))}`;
  });
  return { uris, skipped, notes };
}

/** One `OtpParameters` message, or the problem code (and extra params) that keeps it out. */
function encodeAccount(account: AccountDraft): { bytes: Uint8Array } | { skip: [MessageKey, ...(string | number)[]] } {
  const w = new ProtoWriter().bytes(1, account.secret);
  if (account.type === 'steam') {
    const issuer = account.issuer || 'Steam';
    w.string(2, account.label ? `${issuer}:${account.label}` : issuer).string(3, issuer);
    w.varint(4, ALGORITHM_NUMBER.SHA1).varint(5, DIGITS_NUMBER[6]).varint(6, MIGRATION_TYPE_TOTP);
    return { bytes: w.finish() };
  }
  if (account.digits === 7) return { skip: ['err_migration_export_digits', 7] };
  if (account.type === 'totp' && account.period !== 30) return { skip: ['err_migration_export_period', account.period] };
  w.string(2, account.issuer ? `${account.issuer}:${account.label}` : account.label);
  if (account.issuer) w.string(3, account.issuer);
  w.varint(4, ALGORITHM_NUMBER[account.algorithm]).varint(5, DIGITS_NUMBER[account.digits]);
  if (account.type === 'hotp') w.varint(6, MIGRATION_TYPE_HOTP).varint(7, account.counter);
  else w.varint(6, MIGRATION_TYPE_TOTP);
  return { bytes: w.finish() };
}

function randomInt32(): number {
  return globalThis.crypto.getRandomValues(new Int32Array(1))[0] ?? 0;
}
