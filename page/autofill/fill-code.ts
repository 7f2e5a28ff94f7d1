/**
 * Types a code into the field `findOtpField` found, the way frameworks notice. Runs inside the
 * page; plain DOM code with no side effects at import.
 *
 * Frameworks that keep the value in their own state (React, Vue, Angular) listen for `input`
 * events; React also keeps a "value tracker" that wraps the element's own `value` setter and
 * drops an event whose value it already saw. Setting the value through the prototype's setter
 * (HTMLInputElement.prototype, from the input's own window, as each iframe is its own realm)
 * bypasses that wrapper, so the `input` event that follows is seen as a change.
 */
import type { OtpTarget } from './find-otp-field';

type InputWindow = Window & typeof globalThis;

/**
 * Fills `code` into `target`. A single field is focused, its old content selected and replaced.
 * Split boxes get one character each, addressed by reference (never "whatever has focus now"),
 * with keydown/keyup around each; then a second pass re-sets any box a page script changed while
 * the later boxes were filled (auto-advance scripts that move focus or clear the next box).
 * Boxes beyond the code's length are cleared; characters beyond the last box are dropped.
 */
export function fillCode(target: OtpTarget, code: string): void {
  if (target.kind === 'single') {
    fillInput(target.input, code, false);
    return;
  }
  const chars = Array.from(code);
  target.inputs.forEach((input, i) => fillInput(input, chars[i] ?? '', true));
  target.inputs.forEach((input, i) => {
    const want = chars[i] ?? '';
    if (input.value !== want) fillInput(input, want, true);
  });
}

function fillInput(input: HTMLInputElement, value: string, typed: boolean): void {
  const win = (input.ownerDocument?.defaultView ?? globalThis) as InputWindow;
  input.focus?.();
  input.select?.();
  if (typed) dispatchKey(win, input, 'keydown', value);
  setNativeValue(win, input, value);
  input.dispatchEvent(
    typeof win.InputEvent === 'function'
      ? new win.InputEvent('input', { bubbles: true, inputType: 'insertText', data: value })
      : new win.Event('input', { bubbles: true }),
  );
  input.dispatchEvent(new win.Event('change', { bubbles: true }));
  if (typed) dispatchKey(win, input, 'keyup', value);
}

/** Sets `value` through the prototype setter, skipping any setter defined on the element itself. */
function setNativeValue(win: InputWindow, input: HTMLInputElement, value: string): void {
  const setter = win.HTMLInputElement ? Object.getOwnPropertyDescriptor(win.HTMLInputElement.prototype, 'value')?.set : undefined;
  if (setter) setter.call(input, value);
  else input.value = value;
}

function dispatchKey(win: InputWindow, input: HTMLInputElement, type: 'keydown' | 'keyup', key: string): void {
  if (!key) return;
  const digit = /^[0-9]$/.test(key);
  const init = { key, code: digit ? `Digit${key}` : `Key${key.toUpperCase()}`, bubbles: true, cancelable: true };
  const event =
    typeof win.KeyboardEvent === 'function'
      ? new win.KeyboardEvent(type, init)
      : Object.assign(new win.Event(type, init), { key: init.key, code: init.code });
  // Older auto-advance scripts read the deprecated keyCode/which, which the constructor leaves 0.
  const keyCode = key.toUpperCase().charCodeAt(0);
  for (const name of ['keyCode', 'which']) Object.defineProperty(event, name, { get: () => keyCode });
  input.dispatchEvent(event);
}
