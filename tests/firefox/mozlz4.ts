/**
 * Reads Firefox's "mozlz4" files (session store, search settings): the magic `mozLz40\0`, the
 * decompressed size (uint32, little endian), then one LZ4 block. Written here from the LZ4 block
 * format description (github.com/lz4/lz4, doc/lz4_Block_format.md) so the secret-leak scan can look
 * inside them.
 */
const MOZLZ4_MAGIC = Buffer.from('mozLz40\0', 'latin1');

export function isMozLz4(file: Buffer): boolean {
  return file.length >= 12 && file.subarray(0, 8).equals(MOZLZ4_MAGIC);
}

export function decodeMozLz4(file: Buffer): Buffer {
  if (!isMozLz4(file)) throw new Error('not a mozlz4 file');
  return decodeLz4Block(file.subarray(12), file.readUInt32LE(8));
}

/** One LZ4 block: sequences of (token, literals, offset, match). */
function decodeLz4Block(input: Buffer, size: number): Buffer {
  const out = Buffer.alloc(size);
  let i = 0;
  let o = 0;
  const length = (start: number): number => {
    let n = start;
    if (start === 15) {
      let b: number;
      do n += b = input[i++]!;
      while (b === 255);
    }
    return n;
  };
  while (i < input.length) {
    const token = input[i++]!;
    const literals = length(token >> 4);
    input.copy(out, o, i, i + literals);
    i += literals;
    o += literals;
    if (i >= input.length) break; // the last sequence has literals only
    const offset = input[i]! | (input[i + 1]! << 8);
    i += 2;
    const match = length(token & 15) + 4;
    for (let k = 0; k < match; k++, o++) out[o] = out[o - offset]!; // may overlap: byte by byte
  }
  return out.subarray(0, o);
}
