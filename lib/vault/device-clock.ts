/**
 * This device's hybrid logical clock, kept in the vault's plain metadata (`meta` / `'device'`):
 * `{ deviceId, clock }` where `clock` is the last clock this device gave a record
 * (docs/vault-format.md, "Device clock"). Not secret, and not part of the synced header: every
 * browser has its own. Persisting the last clock keeps clocks increasing across restarts even
 * when the computer's time goes backwards.
 */
import { compareHlc, formatHlc, isDeviceId, newDeviceId, parseHlc, receive, tick, zeroHlc, type Hlc } from './hybrid-logical-clock';
import { hasExactKeys, isRecord } from './stored-shape';

export const DEVICE_KEY = 'device';

export interface DeviceClockState {
  readonly deviceId: string;
  /** The last clock issued here, in the HLC string form. */
  readonly clock: string;
}

export function newDeviceClockState(): DeviceClockState {
  const deviceId = newDeviceId();
  return { deviceId, clock: formatHlc(zeroHlc(deviceId)) };
}

export function parseDeviceClockState(value: unknown): DeviceClockState | undefined {
  if (!isRecord(value) || !hasExactKeys(value, ['deviceId', 'clock'])) return undefined;
  const { deviceId, clock } = value;
  const hlc = parseHlc(clock);
  return isDeviceId(deviceId) && hlc && hlc.deviceId === deviceId ? { deviceId, clock: clock as string } : undefined;
}

/**
 * `count` fresh clocks for writes at wall time `now`, each after the previous and after every
 * clock in `after` (the versions they replace, which another device may have written with a
 * later clock), and the state to store once they are written.
 */
export function issueClocks(
  state: DeviceClockState,
  now: number,
  count: number,
  after: readonly string[] = [],
): { clocks: string[]; next: DeviceClockState } {
  let hlc: Hlc = parseHlc(state.clock) ?? zeroHlc(state.deviceId);
  const latest = after.map(parseHlc).reduce<Hlc | undefined>((max, c) => (c && (!max || compareHlc(c, max) > 0) ? c : max), undefined);
  if (latest && compareHlc(latest, hlc) > 0) hlc = receive(hlc, latest, now);
  const clocks: string[] = [];
  for (let i = 0; i < count; i++) {
    hlc = tick(hlc, now);
    clocks.push(formatHlc(hlc));
  }
  return { clocks, next: { deviceId: state.deviceId, clock: formatHlc(hlc) } };
}
