/**
 * User settings. None of them is secret, so they live in `storage.local` in the clear.
 */
export interface Settings {
  /** Lock after this many minutes without using Sesame. */
  readonly autoLockMinutes: number;
  /** Added to the system clock when computing codes, for machines whose clock is wrong. */
  readonly timeOffsetSeconds: number;
}

export const DEFAULT_SETTINGS: Settings = { autoLockMinutes: 15, timeOffsetSeconds: 0 };

export const AUTO_LOCK_RANGE = { min: 1, max: 24 * 60 } as const;
export const TIME_OFFSET_RANGE = { min: -24 * 3600, max: 24 * 3600 } as const;

const clampInt = (value: unknown, min: number, max: number, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;

/** Reads settings from whatever was stored (possibly nothing, or an older shape). */
export function parseSettings(stored: unknown): Settings {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  return {
    autoLockMinutes: clampInt(s.autoLockMinutes, AUTO_LOCK_RANGE.min, AUTO_LOCK_RANGE.max, DEFAULT_SETTINGS.autoLockMinutes),
    timeOffsetSeconds: clampInt(s.timeOffsetSeconds, TIME_OFFSET_RANGE.min, TIME_OFFSET_RANGE.max, DEFAULT_SETTINGS.timeOffsetSeconds),
  };
}
