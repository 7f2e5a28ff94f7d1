/**
 * Hybrid logical clocks (Kulkarni, Demirbas et al., "Logical Physical Clocks", OPODIS 2014): a
 * timestamp that follows the wall clock, never goes backwards, and orders every edit after the
 * edits it could have seen, even when device clocks disagree. Every account record carries the
 * clock of its last write (docs/vault-format.md, "Records"), so sync can merge per record with
 * "the later clock wins" and the store cannot roll a record back unnoticed.
 *
 * String form (sortable: comparing two strings compares the clocks, device id last as the tie
 * break): `<wall ms, 12 lower-case hex digits>-<counter, 4 hex digits>-<device id, 16 hex digits>`,
 * e.g. `018f6a3b2c00-0000-9f86d081884c7d65`. Pure: the caller passes the time and keeps the state
 * (the vault keeps this device's last clock in its plain metadata; see device-clock.ts).
 */

export interface Hlc {
  /** Milliseconds since the Unix epoch: the largest wall time this clock has seen. */
  readonly wallMs: number;
  /** Orders events within one `wallMs`. */
  readonly counter: number;
  /** The device that made the event: 16 lower-case hex digits (64 random bits), not secret. */
  readonly deviceId: string;
}

const MAX_WALL_MS = 0xffff_ffff_ffff; // 12 hex digits: the year 10889
export const MAX_COUNTER = 0xffff;
const DEVICE_ID = /^[0-9a-f]{16}$/;
const HLC_TEXT = /^([0-9a-f]{12})-([0-9a-f]{4})-([0-9a-f]{16})$/;

export const isDeviceId = (value: unknown): value is string => typeof value === 'string' && DEVICE_ID.test(value);

/** A fresh random device id (64 bits from `crypto.getRandomValues`). */
export function newDeviceId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The clock of a device that has seen nothing yet. */
export function zeroHlc(deviceId: string): Hlc {
  if (!isDeviceId(deviceId)) throw new RangeError('a device id is 16 lower-case hex digits');
  return { wallMs: 0, counter: 0, deviceId };
}

export function formatHlc(hlc: Hlc): string {
  return `${hlc.wallMs.toString(16).padStart(12, '0')}-${hlc.counter.toString(16).padStart(4, '0')}-${hlc.deviceId}`;
}

/** The clock a string stands for, or `undefined` unless it is exactly the documented form. */
export function parseHlc(text: unknown): Hlc | undefined {
  if (typeof text !== 'string') return undefined;
  const match = HLC_TEXT.exec(text);
  if (!match) return undefined;
  return { wallMs: parseInt(match[1]!, 16), counter: parseInt(match[2]!, 16), deviceId: match[3]! };
}

/** Negative, zero or positive as `a` is before, equal to or after `b` (wall, counter, device id). */
export function compareHlc(a: Hlc, b: Hlc): number {
  return a.wallMs - b.wallMs || a.counter - b.counter || (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0);
}

const wallOf = (now: number): number => Math.min(MAX_WALL_MS, Math.max(0, Math.floor(Number.isFinite(now) ? now : 0)));

/**
 * Keeps the counter within 4 hex digits: past 0xffff events in one millisecond the clock moves
 * one millisecond ahead instead (still after everything before it, and sortable).
 */
function bounded(wallMs: number, counter: number, deviceId: string): Hlc {
  return counter > MAX_COUNTER ? { wallMs: wallMs + 1, counter: 0, deviceId } : { wallMs, counter, deviceId };
}

/** A local event (an edit) at wall time `now`: later than `local` and than `now`. */
export function tick(local: Hlc, now: number): Hlc {
  const wall = wallOf(now);
  if (wall > local.wallMs) return { wallMs: wall, counter: 0, deviceId: local.deviceId };
  return bounded(local.wallMs, local.counter + 1, local.deviceId);
}

/**
 * Receiving `remote` (a clock read from another device's record) at wall time `now`: the result
 * is later than both `local` and `remote` and keeps the local device id.
 */
export function receive(local: Hlc, remote: Hlc, now: number): Hlc {
  const wall = Math.max(wallOf(now), local.wallMs, remote.wallMs);
  let counter: number;
  if (wall === local.wallMs && wall === remote.wallMs) counter = Math.max(local.counter, remote.counter) + 1;
  else if (wall === local.wallMs) counter = local.counter + 1;
  else if (wall === remote.wallMs) counter = remote.counter + 1;
  else counter = 0;
  return bounded(wall, counter, local.deviceId);
}

/**
 * How far `remote` runs ahead of the wall clock, in ms (0 if not ahead). A sync engine can refuse
 * a clock far in the future, which would otherwise drag every later local clock with it.
 */
export function aheadOfNowMs(remote: Hlc, now: number): number {
  return Math.max(0, remote.wallMs - wallOf(now));
}
