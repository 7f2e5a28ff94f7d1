/**
 * What the user sees while the field picker runs (field-picker.ts): a banner at the top of the
 * page saying what to do, with a Cancel button; a box around the field the pointer is on when
 * the code could go there; a crosshair cursor. Runs inside the page; no side effects at import.
 *
 * The banner lives in a closed shadow root of one element (`<sesame-field-picker>`), so the page's
 * styles cannot reach it and its scripts cannot read or click into it. It holds instructions
 * only, never a code. It does not take pointer events except on its button, so it never hides a
 * field from a click. `role="alert"` has screen readers read the instruction when it appears
 * and whenever it changes (a field that cannot take the code).
 */

export const PICKER_TAG = 'sesame-field-picker';

export interface BannerTexts {
  /** The UI language of the texts (`i18n.getUILanguage()`). */
  readonly lang: string;
  /** "Click the field for the code ... Esc cancels." */
  readonly prompt: string;
  readonly cancel: string;
}

export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface PickerBanner {
  /** Replaces the banner's text (read out: the banner is an alert). */
  say(text: string): void;
  /** Draws the box around `rect` (viewport coordinates), or hides it. */
  highlight(rect: Rect | null): void;
  remove(): void;
}

const CURSOR_CSS = 'html, html * { cursor: crosshair !important; }';

const BANNER_CSS = `
:host { all: initial; }
.banner {
  position: fixed; top: 12px; left: 50%; transform: translateX(-50%); z-index: 2147483647;
  display: flex; align-items: center; gap: 12px; max-width: calc(100vw - 48px); box-sizing: border-box;
  padding: 10px 12px 10px 16px; border-radius: 8px; border: 1px solid #57606a;
  background: #1b1f24; color: #ffffff; box-shadow: 0 4px 16px rgba(0, 0, 0, .35);
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; pointer-events: none;
}
button {
  pointer-events: auto; cursor: pointer; font: inherit; padding: 4px 12px; border-radius: 6px;
  border: 1px solid #ffffff; background: transparent; color: inherit;
}
button:focus-visible { outline: 3px solid #4493f8; outline-offset: 2px; }
.box {
  position: fixed; z-index: 2147483646; pointer-events: none; box-sizing: border-box; display: none;
  border: 3px solid #0969da; border-radius: 4px; background: rgba(9, 105, 218, .12);
}
@media (prefers-color-scheme: dark) {
  .banner { background: #f6f8fa; color: #1b1f24; border-color: #8c959f; }
  button { border-color: #1b1f24; }
  .box { border-color: #4493f8; background: rgba(68, 147, 248, .18); }
}
`;

/** Shows the banner in `doc` (the top document); `onCancel` runs on a real click of Cancel. */
export function showPickerBanner(doc: Document, texts: BannerTexts, onCancel: (event: Event) => void): PickerBanner {
  const host = doc.createElement(PICKER_TAG);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = BANNER_CSS;
  const banner = doc.createElement('div');
  banner.className = 'banner';
  banner.setAttribute('role', 'alert');
  banner.setAttribute('lang', texts.lang);
  const text = doc.createElement('span');
  text.textContent = texts.prompt;
  const cancel = doc.createElement('button');
  cancel.type = 'button';
  cancel.textContent = texts.cancel;
  cancel.addEventListener('click', onCancel);
  banner.append(text, cancel);
  const box = doc.createElement('div');
  box.className = 'box';
  shadow.append(style, banner, box);
  const removeCursor = addCrosshairCursor(doc);
  (doc.body ?? doc.documentElement).append(host);
  return {
    say: (t) => void (text.textContent = t),
    highlight: (rect) => {
      if (!rect) return void (box.style.display = 'none');
      Object.assign(box.style, {
        display: 'block',
        left: `${rect.left - 4}px`,
        top: `${rect.top - 4}px`,
        width: `${rect.width + 8}px`,
        height: `${rect.height + 8}px`,
      });
    },
    remove: () => {
      removeCursor();
      host.remove();
    },
  };
}

/** The crosshair cursor over the whole of `doc` (a `<style>` at the end of it). Returns the undo. */
export function addCrosshairCursor(doc: Document): () => void {
  const style = doc.createElement('style');
  style.textContent = CURSOR_CSS;
  doc.documentElement.append(style);
  return () => style.remove();
}
