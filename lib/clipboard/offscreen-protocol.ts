/**
 * What the background asks the offscreen document (entrypoints/offscreen) to do with the
 * clipboard. These go from the background to the document only; the router never sees them.
 */
export const OFFSCREEN_TARGET = 'sesame-offscreen-clipboard';

export type OffscreenClipboardMessage =
  | { readonly target: typeof OFFSCREEN_TARGET; readonly type: 'clear-later'; readonly text: string; readonly delayMs: number }
  | { readonly target: typeof OFFSCREEN_TARGET; readonly type: 'clear-now' };

export function isOffscreenClipboardMessage(message: unknown): message is OffscreenClipboardMessage {
  const m = message as Partial<OffscreenClipboardMessage> | null;
  if (typeof m !== 'object' || m === null || m.target !== OFFSCREEN_TARGET) return false;
  if (m.type === 'clear-now') return true;
  return (
    m.type === 'clear-later' &&
    typeof (m as { text?: unknown }).text === 'string' &&
    typeof (m as { delayMs?: unknown }).delayMs === 'number'
  );
}
