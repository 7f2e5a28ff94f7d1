/**
 * Independent oracles: every test that checks a code, a secret or a QR code's content compares
 * Sesame with these, never with Sesame's own code. Nothing here imports from lib/ or components/.
 *
 * - oathtool (OATH Toolkit, Debian package `oathtool`): HOTP and TOTP codes, any HMAC, digits,
 *   period and time (`-N`), and HOTP windows (`-w`).
 * - hmacOtp: HOTP (RFC 4226 §5.3) written here with node:crypto, a second opinion beside oathtool.
 * - steamCode: Steam Guard written here with node:crypto (oathtool has no Steam mode).
 * - base32Decode / base32Encode: RFC 4648 §6.
 * - zbarimg (Debian package `zbar-tools`): what a QR code image says.
 * - migrationEncode / migrationDecode: Google Authenticator's `otpauth-migration://` payload,
 *   written from its protobuf schema (google_auth.proto).
 *
 * tests/unit/oracles.test.ts checks each of them against the RFC vectors and the fixtures.
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';

export type HashName = 'SHA1' | 'SHA256' | 'SHA512';

/** A shared secret: Base32 text, as users and URIs carry it, or the raw bytes. */
export type Secret = string | Uint8Array;

// --- Base32 (RFC 4648 §6) ----------------------------------------------------------------------

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * RFC 4648 §6 Base32 to bytes. Upper or lower case; `=` padding only at the end. Anything else
 * throws, so a typo in a test's secret cannot pass unnoticed. Leftover bits (< 8) are dropped.
 */
export function base32Decode(text: string): Uint8Array {
  const body = text.toUpperCase().replace(/=+$/, '');
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const c of body) {
    const value = BASE32.indexOf(c);
    if (value < 0) throw new Error(`base32Decode: ${JSON.stringify(c)} is not a Base32 character (in ${JSON.stringify(text)})`);
    buffer = ((buffer << 5) | value) & 0xfff; // at most 12 bits are ever pending
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** Bytes to RFC 4648 §6 Base32, upper case, without padding (as otpauth URIs carry secrets). */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

const secretBytes = (secret: Secret): Uint8Array => (typeof secret === 'string' ? base32Decode(secret) : secret);

// --- oathtool ---------------------------------------------------------------------------------

/** Runs `oathtool` with these arguments and returns its output lines. */
export function oathtool(args: readonly string[]): string[] {
  try {
    return execFileSync('oathtool', args, { encoding: 'utf8' }).trim().split('\n');
  } catch (error) {
    throw new Error(`oathtool ${args.join(' ')} failed (is it installed? apt-get install -y oathtool): ${String(error)}`);
  }
}

/** oathtool's key arguments: Base32 with `-b`, bytes as hex. */
const keyArgs = (secret: Secret): { flags: string[]; key: string } =>
  typeof secret === 'string' ? { flags: ['-b'], key: secret } : { flags: [], key: Buffer.from(secret).toString('hex') };

export interface TotpOptions {
  readonly algorithm?: HashName;
  readonly digits?: number;
  /** Seconds. */
  readonly period?: number;
}

/** oathtool's TOTP code (RFC 6238) at `timeMs` (`-N @seconds`). Defaults: SHA1, 6 digits, 30 s. */
export function oathtoolTotp(secret: Secret, timeMs: number, o: TotpOptions = {}): string {
  const { flags, key } = keyArgs(secret);
  const mode = `--totp=${(o.algorithm ?? 'SHA1').toLowerCase()}`;
  return oathtool([
    ...flags,
    mode,
    '-d',
    String(o.digits ?? 6),
    '-s',
    `${o.period ?? 30}s`,
    '-N',
    `@${Math.floor(timeMs / 1000)}`,
    key,
  ])[0]!;
}

export interface HotpOptions {
  readonly algorithm?: HashName;
  readonly digits?: number;
}

/**
 * oathtool's HOTP code (RFC 4226) at `counter`. oathtool's `--hotp` is HMAC-SHA1 only; for
 * SHA-256/512 it computes TOTP with a 1-second period at time `counter`, which is by definition
 * (RFC 6238 §4.2: T = (time - T0) / X) HOTP with that HMAC at counter `counter`.
 */
export function oathtoolHotp(secret: Secret, counter: number, o: HotpOptions = {}): string {
  if ((o.algorithm ?? 'SHA1') !== 'SHA1')
    return oathtoolTotp(secret, counter * 1000, { algorithm: o.algorithm!, digits: o.digits ?? 6, period: 1 });
  return oathtoolHotpWindow(secret, counter, 0, o)[0]!;
}

/** oathtool's HOTP-SHA1 codes for counters `counter` .. `counter + window` (`-w`), in order. */
export function oathtoolHotpWindow(secret: Secret, counter: number, window: number, o: { readonly digits?: number } = {}): string[] {
  const { flags, key } = keyArgs(secret);
  return oathtool([
    ...flags,
    '--hotp',
    '-d',
    String(o.digits ?? 6),
    '-c',
    String(counter),
    ...(window > 0 ? ['-w', String(window)] : []),
    key,
  ]);
}

/** The parameters of an account, as tests describe them. */
export interface OathOptions extends TotpOptions {
  readonly type?: 'totp' | 'hotp';
  readonly counter?: number;
}

/** oathtool's code for an account: TOTP at `timeMs`, or HOTP at `o.counter` (time ignored). */
export function oathtoolCode(secret: Secret, timeMs: number, o: OathOptions = {}): string {
  return o.type === 'hotp' ? oathtoolHotp(secret, o.counter ?? 0, o) : oathtoolTotp(secret, timeMs, o);
}

// --- HOTP and Steam Guard with node:crypto ------------------------------------------------------

/** RFC 4226 §5.3 dynamic truncation: 31 bits of the HMAC, from the offset its last nibble names. */
function truncatedHmac(secret: Secret, algorithm: HashName, counter: number): number {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm.replace('SHA', 'sha'), secretBytes(secret)).update(message).digest();
  return mac.readUInt32BE(mac[mac.length - 1]! & 0x0f) & 0x7fffffff;
}

/** HOTP (RFC 4226 §5.3; SHA-256/512 as RFC 6238 §1.2 allows) written with node:crypto. */
export function hmacOtp(secret: Secret, counter: number, o: { readonly algorithm?: HashName; readonly digits?: number } = {}): string {
  const digits = o.digits ?? 6;
  return String(truncatedHmac(secret, o.algorithm ?? 'SHA1', counter) % 10 ** digits).padStart(digits, '0');
}

/**
 * Steam Guard, from the published algorithm (as in SteamDesktopAuthenticator and pyotp): the
 * truncated HMAC-SHA1 of the 30-second step, written in 5 characters of Steam's alphabet, lowest
 * digit first. oathtool has no Steam mode.
 */
export function steamCode(secret: Secret, timeMs: number): string {
  const alphabet = '23456789BCDFGHJKMNPQRTVWXY';
  let value = truncatedHmac(secret, 'SHA1', Math.floor(timeMs / 30_000));
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += alphabet[value % alphabet.length];
    value = Math.floor(value / alphabet.length);
  }
  return code;
}

/**
 * The codes a value read between `before` and `after` (ms) may be: the oracle's codes for those
 * moments, and for a second earlier (the page may have painted just before `before`).
 */
export function oracleCodes(make: (timeMs: number) => string, before: number, after: number): string[] {
  return [...new Set([make(before - 1000), make(before), make(after)])];
}

// --- zbarimg ----------------------------------------------------------------------------------

/** The texts of the QR codes zbarimg finds in an image file (QR codes only, one per line). */
export function zbarimg(file: string): string[] {
  try {
    return execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
      .split('\n')
      .filter(Boolean);
  } catch (error) {
    // zbarimg exits with 4 when it finds no code at all.
    if ((error as { status?: number }).status === 4) return [];
    throw new Error(`zbarimg ${file} failed (is it installed? apt-get install -y zbar-tools): ${String(error)}`);
  }
}

// --- Google Authenticator migration payload (google_auth.proto) ----------------------------------

/**
 * One account of a `MigrationPayload`: OtpParameters { bytes secret = 1; string name = 2;
 * string issuer = 3; Algorithm algorithm = 4 (1 SHA1, 2 SHA256, 3 SHA512); DigitCount digits = 5
 * (1 six, 2 eight); OtpType type = 6 (1 HOTP, 2 TOTP); int64 counter = 7 }. The secret is Base32.
 */
interface MigrationAccount {
  readonly secret: string;
  readonly name: string;
  readonly issuer: string;
  readonly algorithm: number;
  readonly digits: number;
  readonly type: number;
  readonly counter: number;
}

/** MigrationPayload { repeated OtpParameters otp_parameters = 1; version = 2; batch_size = 3; batch_index = 4; batch_id = 5 }. */
export interface MigrationPayload {
  readonly accounts: MigrationAccount[];
  readonly version: number;
  readonly batchSize: number;
  readonly batchIndex: number;
  readonly batchId: number;
}

type ProtoField = { field: number; varint: bigint } | { field: number; bytes: Uint8Array };

/** The fields of a protobuf message (wire types 0 and 2 only, which is all the schema uses). */
function protoFields(b: Uint8Array): ProtoField[] {
  const out: ProtoField[] = [];
  let i = 0;
  const varint = (): bigint => {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (i >= b.length) throw new Error('migration payload: truncated varint');
      const byte = b[i++]!;
      value |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return value;
    }
  };
  while (i < b.length) {
    const key = Number(varint());
    const field = key >> 3;
    if ((key & 7) === 0) out.push({ field, varint: varint() });
    else if ((key & 7) === 2) {
      const length = Number(varint());
      out.push({ field, bytes: b.subarray(i, i + length) });
      i += length;
    } else throw new Error(`migration payload: unexpected wire type ${key & 7}`);
  }
  return out;
}

const bytesOf = (fields: ProtoField[], n: number) =>
  fields.find((f): f is ProtoField & { bytes: Uint8Array } => f.field === n && 'bytes' in f)?.bytes;
const varintOf = (fields: ProtoField[], n: number) =>
  fields.find((f): f is ProtoField & { varint: bigint } => f.field === n && 'varint' in f)?.varint ?? 0n;
/** int32 and int64 fields are two's complement in 64 bits (a negative batch_id takes 10 bytes). */
const int32Of = (fields: ProtoField[], n: number) => Number(BigInt.asIntN(32, varintOf(fields, n)));
const int64Of = (fields: ProtoField[], n: number) => Number(BigInt.asIntN(64, varintOf(fields, n)));
const utf8 = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('utf8') : '');

/** Reads an `otpauth-migration://offline?data=...` link (data: standard Base64, percent-encoded or not). */
export function migrationDecode(uri: string): MigrationPayload {
  const data = /^otpauth-migration:\/\/offline\?data=([^&]+)$/.exec(uri.trim())?.[1];
  if (!data) throw new Error(`not a migration link: ${uri.slice(0, 60)}`);
  const payload = protoFields(Buffer.from(decodeURIComponent(data), 'base64'));
  return {
    accounts: payload
      .flatMap((f) => (f.field === 1 && 'bytes' in f ? [protoFields(f.bytes)] : []))
      .map((p) => ({
        secret: base32Encode(bytesOf(p, 1) ?? new Uint8Array()),
        name: utf8(bytesOf(p, 2)),
        issuer: utf8(bytesOf(p, 3)),
        algorithm: int32Of(p, 4),
        digits: int32Of(p, 5),
        type: int32Of(p, 6),
        counter: int64Of(p, 7),
      })),
    version: int32Of(payload, 2),
    batchSize: int32Of(payload, 3),
    batchIndex: int32Of(payload, 4),
    batchId: int32Of(payload, 5),
  };
}

function protoVarint(value: number): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, BigInt(value));
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
const protoInt = (field: number, value: number) => (value ? [...protoVarint(field * 8), ...protoVarint(value)] : []);
const protoBytes = (field: number, bytes: Uint8Array | number[]) => [...protoVarint(field * 8 + 2), ...protoVarint(bytes.length), ...bytes];

/** Writes a migration link, as Google Authenticator's "Transfer accounts" QR codes hold them. */
export function migrationEncode(payload: Omit<MigrationPayload, 'version'> & { readonly version?: number }): string {
  const bytes = [
    ...payload.accounts.flatMap((a) =>
      protoBytes(1, [
        ...protoBytes(1, base32Decode(a.secret)),
        ...protoBytes(2, Buffer.from(a.name)),
        ...(a.issuer ? protoBytes(3, Buffer.from(a.issuer)) : []),
        ...protoInt(4, a.algorithm),
        ...protoInt(5, a.digits),
        ...protoInt(6, a.type),
        ...protoInt(7, a.counter),
      ]),
    ),
    ...protoInt(2, payload.version ?? 1),
    ...protoInt(3, payload.batchSize),
    ...protoInt(4, payload.batchIndex),
    ...protoInt(5, payload.batchId),
  ];
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(bytes).toString('base64'))}`;
}
