/**
 * A version's history: for every device that wrote the account in this version's past, the
 * latest clock it wrote (a version vector, Parker et al., "Detection of Mutual Inconsistency in
 * Distributed Systems", 1983, with hybrid logical clocks as the per-device counters: a device's
 * clocks only grow). It tells an edit made after seeing a version from one made without:
 *
 *   a is in b's past  ⇔  b's history holds a clock of a's device at or after a's clock.
 *
 * Two versions are **concurrent** when neither is in the other's past: that, and only that, makes
 * a conflict copy (merge-records.ts). Pure; clocks are the strings of hybrid-logical-clock.ts.
 */
import { parseHlc } from '../vault/hybrid-logical-clock';

export type History = readonly string[];

/** Devices that ever wrote one account: more than anyone has; refuses a bloated row. */
const MAX_HISTORY = 64;

const deviceOf = (clock: string): string => clock.slice(clock.lastIndexOf('-') + 1);

/** The latest clock per device, sorted (one spelling per history). */
export function normalizeHistory(clocks: Iterable<string>): string[] {
  const latest = new Map<string, string>();
  for (const clock of clocks) {
    const device = deviceOf(clock);
    const seen = latest.get(device);
    if (seen === undefined || clock > seen) latest.set(device, clock);
  }
  return [...latest.values()].sort();
}

/** True when version `clock` is in the past of a version whose history is `history` (or is it). */
function inPast(clock: string, history: History): boolean {
  const device = deviceOf(clock);
  return history.some((c) => deviceOf(c) === device && c >= clock);
}

/** Neither version is in the other's past (each history includes the version's own clock). */
export function concurrent(a: { clock: string; history: History }, b: { clock: string; history: History }): boolean {
  return a.clock !== b.clock && !inPast(a.clock, b.history) && !inPast(b.clock, a.history);
}

/** What a synced row stores: the history without the version's own device (its clock says that). */
export function pastOf(clock: string, history: History): string[] {
  const device = deviceOf(clock);
  return normalizeHistory(history).filter((c) => deviceOf(c) !== device);
}

/** A row's `past` as read: clocks of distinct devices other than the version's own, or undefined. */
export function parsePast(value: unknown, clock: string): string[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_HISTORY || !value.every((c) => parseHlc(c))) return undefined;
  const past = normalizeHistory(value as string[]);
  return past.length === value.length && past.every((c) => deviceOf(c) !== deviceOf(clock)) ? past : undefined;
}
