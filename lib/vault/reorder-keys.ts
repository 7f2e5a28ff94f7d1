/**
 * A reorder as few key changes as possible: given the accounts' current order keys and the order
 * the user wants, keep the longest run of accounts whose keys already increase in that order
 * (a longest increasing subsequence, O(n log n)) and give new keys only to the others, each
 * between its kept neighbours. Moving one account rewrites that one account, so a reorder on one
 * browser does not collide with edits of other accounts on another.
 */
import { compareOrderKeys, orderKeysBetween } from './order-key';

/** The new keys (by id) for the ids that must change; ids unknown to `current` are skipped. */
export function reorderKeys(current: ReadonlyMap<string, string>, wanted: readonly string[]): Map<string, string> {
  const seen = new Set<string>();
  const ids = wanted.filter((id) => current.has(id) && !seen.has(id) && seen.add(id));
  const keys = ids.map((id) => current.get(id)!);
  const keep = increasingSubsequence(keys);
  const changes = new Map<string, string>();
  let i = 0;
  while (i < ids.length) {
    if (keep.has(i)) {
      i++;
      continue;
    }
    let end = i;
    while (end < ids.length && !keep.has(end)) end++;
    const before = i > 0 ? keys[i - 1] : undefined; // kept, or already re-keyed below
    const after = end < ids.length ? keys[end] : undefined;
    const fresh = orderKeysBetween(before, after, end - i);
    for (let j = i; j < end; j++) {
      keys[j] = fresh[j - i]!;
      changes.set(ids[j]!, keys[j]!);
    }
    i = end;
  }
  return changes;
}

/** Indexes of one longest strictly increasing subsequence of `keys` (patience sorting). */
function increasingSubsequence(keys: readonly string[]): Set<number> {
  const tails: number[] = []; // tails[k]: index of the smallest tail of an increasing run of length k + 1
  const previous: number[] = new Array(keys.length).fill(-1);
  keys.forEach((key, index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (compareOrderKeys(keys[tails[mid]!]!, key) < 0) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[index] = tails[low - 1]!;
    tails[low] = index;
  });
  const kept = new Set<number>();
  for (let index = tails.at(-1) ?? -1; index >= 0; index = previous[index]!) kept.add(index);
  return kept;
}
