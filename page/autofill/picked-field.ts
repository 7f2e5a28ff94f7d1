/**
 * Whether the element the user clicked (or pressed Enter in) while the field picker runs can take
 * the code, and as what. Runs inside the page; plain DOM code, no side effects at import.
 *
 * The user chose the field, so the heuristics' word rules (coupon, PIN, email verification...) do
 * not overrule them: a careful user who points at a field means that field. Three things still do
 * (docs/autofill.md, "Click the field"):
 * - a password field, unless it declares `autocomplete="one-time-code"`: the code must never land
 *   where the browser would save it as the account's password, and a mistaken click there is the
 *   likeliest wrong pick on a sign-in page;
 * - anything but a text, tel or number input (email, URL, search, dates, buttons, check
 *   boxes... are never a code), and a disabled, read-only or hidden one;
 * - a single box too short for the code (`maxlength` below its length), or a run of split boxes
 *   with fewer boxes than the code has characters. A box of a run stands for the whole run,
 *   filled from its first box.
 */
import { isUsable, splitRunOf, type OtpTarget } from './find-otp-field';

export type PickProblem = 'not-text' | 'password' | 'unusable' | 'too-short';

export type PickVerdict = { readonly ok: true; readonly target: OtpTarget } | { readonly ok: false; readonly problem: PickProblem };

/** The `type`s the finder fills (find-otp-field.ts); a password only as a one-time code, below. */
const TEXT_TYPES = ['', 'text', 'tel', 'number', 'password'];

/**
 * The input a click on `el` points at: the element itself, or the control of a `<label>` (a click
 * on a field's label means the field).
 */
export function pickedInput(el: Element | null): HTMLInputElement | null {
  if (!el) return null;
  const tag = el.tagName.toUpperCase();
  if (tag === 'INPUT') return el as HTMLInputElement;
  if (tag === 'LABEL') {
    const control = (el as HTMLLabelElement).control ?? labelControl(el);
    return control && control.tagName.toUpperCase() === 'INPUT' ? (control as HTMLInputElement) : null;
  }
  return null;
}

/** `label.control` where the DOM lacks it: `for=id` in the label's root, else the first input inside. */
function labelControl(label: Element): Element | null {
  const id = label.getAttribute('for');
  if (id) return (label.getRootNode?.() as Document | ShadowRoot | undefined)?.getElementById?.(id) ?? null;
  return label.querySelector('input');
}

/** What the code would go into if the user picked `el`, or why it cannot. */
export function pickVerdict(el: Element | null, codeLength: number): PickVerdict {
  const input = pickedInput(el);
  if (!input) return { ok: false, problem: 'not-text' };
  const type = (input.getAttribute('type') ?? '').trim().toLowerCase();
  if (!TEXT_TYPES.includes(type)) return { ok: false, problem: 'not-text' };
  const autocomplete = (input.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/);
  if (type === 'password' && !autocomplete.includes('one-time-code')) return { ok: false, problem: 'password' };
  if (!isUsable(input)) return { ok: false, problem: 'unusable' };
  const run = splitRunOf(input);
  if (run) return run.length < codeLength ? { ok: false, problem: 'too-short' } : { ok: true, target: { kind: 'split', inputs: run } };
  const max = Number.parseInt(input.getAttribute('maxlength') ?? '', 10);
  if (Number.isFinite(max) && max >= 0 && max < codeLength) return { ok: false, problem: 'too-short' };
  return { ok: true, target: { kind: 'single', input } };
}
