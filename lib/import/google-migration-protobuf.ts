/**
 * Just enough Protocol Buffers (protobuf.dev/programming-guides/encoding) for Google
 * Authenticator's `MigrationPayload` (shared/fixtures/google_auth_migration/google_auth.proto):
 * base-128 varints of up to 10 bytes, the four wire types in use (VARINT 0, I64 1, LEN 2, I32 5)
 * so unknown fields of any type are skipped, fields in any order. Groups (wire types 3 and 4,
 * deprecated, never used by this schema) count as malformed.
 */

const WIRE_VARINT = 0;
const WIRE_I64 = 1;
export const WIRE_LEN = 2;
const WIRE_I32 = 5;

/** One field of a message: its number and either its varint value or its bytes. */
export type ProtoField =
  | { readonly field: number; readonly wire: typeof WIRE_VARINT; readonly value: bigint }
  | { readonly field: number; readonly wire: typeof WIRE_LEN; readonly bytes: Uint8Array }
  | { readonly field: number; readonly wire: typeof WIRE_I64 | typeof WIRE_I32; readonly bytes: Uint8Array };

/** Thrown inside this module only; {@link readMessage} turns it into `null`. */
class Malformed extends Error {}

/** The fields of one message in the order they appear, or `null` if the bytes are not protobuf. */
export function readMessage(bytes: Uint8Array): ProtoField[] | null {
  try {
    const fields: ProtoField[] = [];
    let pos = 0;
    const varint = (): bigint => {
      let result = 0n;
      for (let shift = 0n; shift < 70n; shift += 7n) {
        if (pos >= bytes.length) throw new Malformed();
        const b = bytes[pos++]!;
        result |= BigInt(b & 0x7f) << shift;
        if ((b & 0x80) === 0) return BigInt.asUintN(64, result);
      }
      throw new Malformed();
    };
    const take = (n: number): Uint8Array => {
      if (n < 0 || pos + n > bytes.length) throw new Malformed();
      const out = bytes.subarray(pos, pos + n);
      pos += n;
      return out;
    };
    while (pos < bytes.length) {
      const tag = varint();
      const field = Number(tag >> 3n);
      const wire = Number(tag & 7n);
      if (field < 1 || field > 0x1fffffff) throw new Malformed();
      if (wire === WIRE_VARINT) fields.push({ field, wire, value: varint() });
      else if (wire === WIRE_LEN) {
        const length = varint();
        if (length > BigInt(bytes.length)) throw new Malformed();
        fields.push({ field, wire, bytes: take(Number(length)) });
      } else if (wire === WIRE_I64) fields.push({ field, wire, bytes: take(8) });
      else if (wire === WIRE_I32) fields.push({ field, wire, bytes: take(4) });
      else throw new Malformed();
    }
    return fields;
  } catch (e) {
    if (e instanceof Malformed) return null;
    throw e;
  }
}

/** The last varint value of a field (proto3: the last one wins), or `undefined` if absent. */
export function lastVarint(fields: readonly ProtoField[], field: number): bigint | undefined {
  let value: bigint | undefined;
  for (const f of fields) if (f.field === field && f.wire === WIRE_VARINT) value = f.value;
  return value;
}

/** The last length-delimited value of a field, or `undefined` if absent. */
export function lastBytes(fields: readonly ProtoField[], field: number): Uint8Array | undefined {
  let value: Uint8Array | undefined;
  for (const f of fields) if (f.field === field && f.wire === WIRE_LEN) value = f.bytes;
  return value;
}

/** Appends protobuf fields to a growing byte list; see {@link bytesOf}. */
export class ProtoWriter {
  private readonly out: number[] = [];

  /** A VARINT field; negative int32/int64 values are written as 10-byte two's complement. */
  varint(field: number, value: number | bigint): this {
    this.rawVarint(BigInt((field << 3) | WIRE_VARINT));
    this.rawVarint(BigInt.asUintN(64, BigInt(value)));
    return this;
  }

  /** A LEN field (bytes, string as UTF-8, or an embedded message). */
  bytes(field: number, value: Uint8Array): this {
    this.rawVarint(BigInt((field << 3) | WIRE_LEN));
    this.rawVarint(BigInt(value.length));
    for (const b of value) this.out.push(b);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.out);
  }

  private rawVarint(value: bigint): void {
    let v = value;
    do {
      const low = Number(v & 0x7fn);
      v >>= 7n;
      this.out.push(v > 0n ? low | 0x80 : low);
    } while (v > 0n);
  }
}
