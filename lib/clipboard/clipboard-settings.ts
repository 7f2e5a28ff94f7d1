/**
 * How long a copied one-time code or recovery code may stay on the clipboard. Not secret: kept in
 * `storage.local` under its own key by the clipboard feature (lib/clipboard/register.ts).
 */
export interface ClipboardSettings {
  /** Seconds after a copy before Sesame clears the clipboard, if it still holds what was copied; 0 never clears. */
  readonly clearAfterSeconds: number;
}

const DEFAULT_CLIPBOARD_SETTINGS: ClipboardSettings = { clearAfterSeconds: 30 };

/** 0 (never), or 5 seconds to 10 minutes: a shorter wait would clear a code before it can be pasted. */
export const CLIPBOARD_CLEAR_RANGE = { min: 5, max: 600 } as const;

/** Reads the settings from whatever was stored (possibly nothing), clamping into the range. */
export function parseClipboardSettings(stored: unknown): ClipboardSettings {
  const raw = stored && typeof stored === 'object' ? (stored as Record<string, unknown>)['clearAfterSeconds'] : undefined;
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return DEFAULT_CLIPBOARD_SETTINGS;
  const seconds = Math.round(raw);
  if (seconds <= 0) return { clearAfterSeconds: 0 };
  return { clearAfterSeconds: Math.min(CLIPBOARD_CLEAR_RANGE.max, Math.max(CLIPBOARD_CLEAR_RANGE.min, seconds)) };
}
