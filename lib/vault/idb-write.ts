/**
 * All-or-nothing IndexedDB writes. A transaction commits on its own once no request is pending,
 * so a write that throws halfway (a bad value, a failed request) must abort it explicitly, or the
 * requests already issued would commit. And it must not wait on anything but IndexedDB (WebCrypto
 * included) while open: callers encrypt first, then open the transaction and write.
 */

/** The part of an `idb` transaction these helpers use (any stores, read-write). */
interface WriteTx {
  abort(): void;
  readonly done: Promise<void>;
}

/** Aborts `tx` if it is still running; never throws. */
export function abortQuietly(tx: WriteTx): Promise<void> {
  try {
    tx.abort();
  } catch {
    // Already committed or aborted.
  }
  return tx.done.then(
    () => undefined,
    () => undefined,
  );
}

/**
 * Issues the requests (one function each) and waits for the transaction to commit. If issuing one
 * throws or any request fails, the whole transaction is aborted (nothing is written) and this
 * rejects with that error.
 */
export async function commitAll(tx: WriteTx, requests: readonly (() => Promise<unknown>)[]): Promise<void> {
  const pending: Promise<unknown>[] = [];
  try {
    for (const request of requests) {
      const promise = request();
      // Requests issued before a failure reject with AbortError: handled here, reported once below.
      promise.catch(() => undefined);
      pending.push(promise);
    }
    await Promise.all([...pending, tx.done]);
  } catch (error) {
    await abortQuietly(tx);
    throw error;
  }
}
