/**
 * The popup's codes, computed ahead with WebCrypto (subtle-code.ts) and read synchronously while
 * it renders. Whoever changes what the rows show fills the book first (the first paint, the code
 * clock before it moves on, a new list); a row whose code is not in yet all the same (a search or
 * a scroll that reaches accounts not yet computed) asks for it, and the book tells its listeners
 * once what was asked for is in.
 *
 * Codes are kept per account id and moving factor, beside the account they were made from: an
 * account that comes back as another object (a new list from the background) with the same secret
 * and parameters keeps its codes and its key; one whose secret or parameters changed starts again.
 */
import type { CodeSource } from './generate-code';
import { counterAt } from './counter-at';
import { periodOf, SHOW_NEXT_MS } from './next-code-change';
import { codeWithKey, hmacKey } from './subtle-code';
import { timeStep } from './time-step';

export type BookAccount = CodeSource & { readonly id: string };

export interface CodeBook {
  /** `account`'s code at `timeMs`, if it is in the book. If not, it is asked for. */
  codeAt(account: BookAccount, timeMs: number): string | undefined;
  /** Puts the codes of `accounts` at `timeMs` in the book; resolves once they are all in. */
  fill(accounts: Iterable<BookAccount>, timeMs: number): Promise<void>;
  /** Calls `listener` whenever codes asked for by `codeAt` are in; returns what removes it. */
  subscribe(listener: () => void): () => void;
  /** The accounts whose codes were read (their latest objects): what the rows draw. */
  drawn(): BookAccount[];
  /** Forgets the accounts not among `accounts` (deleted ones), with their keys and codes. */
  retain(accounts: Iterable<{ readonly id: string }>): void;
  /** Forgets every account, key and code (a lock): what was being computed is not kept either. */
  clear(): void;
}

interface Entry {
  source: BookAccount;
  readonly key: Promise<CryptoKey>;
  /** Codes by moving factor; older ones are dropped as newer ones come in. */
  readonly codes: Map<number, string>;
}

/** Whether `a` and `b` give the same codes for the same moving factor. */
function sameCodes(a: BookAccount, b: BookAccount): boolean {
  if (a === b) return true;
  if (a.type !== b.type || a.secret.length !== b.secret.length || !a.secret.every((byte, i) => byte === b.secret[i])) return false;
  if (a.type === 'steam' || b.type === 'steam') return true;
  if (a.algorithm !== b.algorithm || a.digits !== b.digits) return false;
  return a.type !== 'totp' || b.type !== 'totp' || a.period === b.period;
}

export function createCodeBook(): CodeBook {
  const entries = new Map<string, Entry>();
  const listeners = new Set<() => void>();
  const drawn = new Map<string, BookAccount>();
  let asked: Map<string, [BookAccount, number]> | null = null;
  // Moves on at each clear(): work started before it keeps nothing.
  let generation = 0;

  const entryOf = (account: BookAccount): Entry => {
    const known = entries.get(account.id);
    if (known && sameCodes(known.source, account)) {
      known.source = account;
      return known;
    }
    const entry: Entry = { source: account, key: hmacKey(account), codes: new Map() };
    entries.set(account.id, entry);
    return entry;
  };

  const put = async (account: BookAccount, counter: number, from = generation): Promise<void> => {
    if (from !== generation) return;
    const entry = entryOf(account);
    if (entry.codes.has(counter)) return;
    const code = await codeWithKey(account, await entry.key, counter);
    // Only the previous factor is still of use (a code drawn a moment before the clock moved on).
    for (const old of entry.codes.keys()) if (old < counter - 1) entry.codes.delete(old);
    // Unless the account changed meanwhile: its entry is then another one.
    if (entries.get(account.id) === entry) entry.codes.set(counter, code);
  };

  // What rows asked for during a render, computed together once that render is over.
  const computeAsked = async () => {
    const wanted = asked ? [...asked.values()] : [];
    const from = generation;
    asked = null;
    // Told even if one failed: its row asks again when drawn again.
    await Promise.allSettled(wanted.map(([account, counter]) => put(account, counter, from)));
    for (const listener of listeners) listener();
  };

  return {
    codeAt(account, timeMs) {
      drawn.set(account.id, account);
      const counter = counterAt(account, timeMs);
      const known = entries.get(account.id);
      const code = known && sameCodes(known.source, account) ? known.codes.get(counter) : undefined;
      if (code !== undefined) return code;
      if (!asked) {
        asked = new Map();
        queueMicrotask(() => void computeAsked());
      }
      asked.set(`${account.id}:${counter}`, [account, counter]);
      return undefined;
    },
    async fill(accounts, timeMs) {
      await Promise.all(Array.from(accounts, (account) => put(account, counterAt(account, timeMs))));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    drawn: () => [...drawn.values()],
    retain(accounts) {
      const kept = new Set(Array.from(accounts, (account) => account.id));
      for (const id of entries.keys()) if (!kept.has(id)) entries.delete(id);
      for (const id of drawn.keys()) if (!kept.has(id)) drawn.delete(id);
    },
    clear() {
      generation++;
      entries.clear();
      drawn.clear();
      asked = null;
    },
  };
}

/**
 * Fills `book` with what rows of `accounts` draw at `timeMs`: each one's code and, in the last
 * seconds of its period, its next code (AccountRow).
 */
export function fillForDrawing(book: CodeBook, accounts: readonly BookAccount[], timeMs: number): Promise<unknown> {
  const ending = new Map<number, BookAccount[]>();
  for (const account of accounts) {
    const period = periodOf(account);
    if (period === null || timeStep(period, timeMs).remainingMs > SHOW_NEXT_MS) continue;
    const next = timeMs + period * 1000;
    const group = ending.get(next);
    if (group) group.push(account);
    else ending.set(next, [account]);
  }
  return Promise.all([book.fill(accounts, timeMs), ...Array.from(ending, ([next, group]) => book.fill(group, next))]);
}
