/**
 * zlib deflate (RFC 1950 / RFC 1951) through the Compression Streams standard, present in every
 * browser Sesame runs in and in Node. Inflating stops past a size cap, so a hostile item cannot
 * blow up into gigabytes (a "zip bomb"): the item is then read as damaged.
 */
export async function deflate(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The inflated bytes, or undefined if they are not zlib data or would exceed `maxBytes`. */
export async function inflate(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  try {
    const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel();
        return undefined;
      }
      chunks.push(value);
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  } catch {
    return undefined;
  }
}
