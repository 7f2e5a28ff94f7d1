/**
 * Finds the field a one-time code goes into. Runs inside the page (injected after a user
 * gesture), so it is plain DOM code: no extension APIs, no side effects at import, no globals
 * beyond what the input's own document offers. Works in any realm (iframes, linkedom in tests):
 * elements are recognised by tag name, never by `instanceof`.
 *
 * Heuristics, first hit wins (docs/autofill.md):
 *  1. `autocomplete="one-time-code"` (HTML Living Standard §4.10.18.7.1), unless the field is
 *     about backup codes, coupons, cards and the like;
 *  2. the focused input, if it is a usable text field that is not excluded;
 *  3. an input whose id, name, placeholder, aria-label, label or test id names a one-time code
 *     (`otp-words.ts`) and nothing excluded (`excluded-field-words.ts`);
 *  4. split boxes: a run of 4 to 8 adjacent one-character inputs (`maxlength=1`, or alike boxes
 *     of a widget that leaves it off);
 *  5. a field whose context names a one-time code (the nearest heading, legend or paragraph
 *     before it, then the page title) and that looks like a code field (a code word or digits cue
 *     of its own, or the only candidate in its form); a context about backup codes, coupons and
 *     the like excludes the field from this rule and the ones below;
 *  6. a numeric input (inputmode=numeric, type=number or a digits pattern) with maxlength 6-8,
 *     outside forms that ask for a password;
 *  7. only when the user explicitly asked to fill: the single usable text field of the page, when
 *     nothing in its form is excluded and no other field competes.
 */
import { CODE_WORDS, OTP_WORDS } from './otp-words';
import { EXCLUDED_AUTOCOMPLETE, EXCLUDED_WORDS, WEAK_EXCLUDED_WORDS } from './excluded-field-words';
import { normaliseText, wordMatcher } from './text-match';
import { contextVerdict, hasDigitsPhrase } from './field-context';

export type OtpTarget = { kind: 'single'; input: HTMLInputElement } | { kind: 'split'; inputs: HTMLInputElement[] };

export interface FindOtpFieldOptions {
  /**
   * The element the user was in. `undefined`: ask the document (following shadow roots and
   * same-origin frames). `null`: nothing is focused.
   */
  focused?: Element | null;
  /**
   * The user asked for this fill (popup button, command, menu). Allows the last rule: the page's
   * single usable text field. A passive probe leaves it out.
   */
  explicit?: boolean;
}

const isOtpWord = wordMatcher(OTP_WORDS);
/** OTP words, or a phrase like "Enter 6-digit code" / "6 numbers" / "6 位". */
const isOtpText = (t: string): boolean => isOtpWord(t) || hasDigitsPhrase(t);
const isCodeText = wordMatcher(CODE_WORDS);
const isExcludedText = wordMatcher(EXCLUDED_WORDS);
const isWeakExcludedText = wordMatcher(WEAK_EXCLUDED_WORDS);

const TEXT_TYPES = ['', 'text', 'tel', 'number', 'password'];
const MAX_FRAME_DEPTH = 8;

/** Per-input facts, computed once. */
interface Field {
  readonly input: HTMLInputElement;
  /** Normalised texts describing the field, one per source (id, name, label...). */
  readonly texts: readonly string[];
  readonly autocomplete: readonly string[];
  readonly excluded: boolean;
}

export function findOtpField(root: Document, opts: FindOtpFieldOptions = {}): OtpTarget | null {
  const fields = collectInputs(root, 0).filter(isUsable).map(describe);
  const candidates = fields.filter((f) => !f.excluded);
  const runs = splitRuns(fields);
  const target = (field: Field): OtpTarget | null => {
    const run = runs.find((r) => r.includes(field.input));
    if (run) return { kind: 'split', inputs: run };
    return fitsCode(field.input) ? { kind: 'single', input: field.input } : null;
  };
  const first = (list: readonly Field[]): OtpTarget | null => {
    for (const field of list) {
      const found = target(field);
      if (found) return found;
    }
    return null;
  };

  // 1. autocomplete="one-time-code" (overrides the weak exclusions, e.g. type=password).
  const declared = fields.filter((f) => f.autocomplete.includes('one-time-code') && !f.texts.some(isExcludedText));
  // 2. The focused input.
  const focused = opts.focused === undefined ? deepActiveElement(root) : opts.focused;
  const focusedField = candidates.filter((f) => f.input === focused);
  // 3. Words.
  const named = candidates.filter((f) => f.texts.some(isOtpText));
  const early = first(declared) ?? first(focusedField) ?? first(named);
  if (early) return early;

  // Context: the nearest text before the field (then the title) may name a code or exclude it.
  // Read only when the field's own words did not decide (it walks the page).
  const verdicts = new Map(candidates.map((f) => [f, contextVerdict(f.input, isOtpText, isExcludedText)]));
  const open = candidates.filter((f) => verdicts.get(f) !== 'excluded');
  const openRuns = runs.filter((r) => open.some((f) => f.input === r[0]));
  // 5. Context names a code, and the field looks like one.
  const contextual = open.filter((f) => verdicts.get(f) === 'otp' && looksLikeCodeField(f, open));
  // 6. Numeric, 6 to 8 characters.
  const numeric = open.filter((f) => isNumericCode(f.input) && !inPasswordForm(f.input));
  // 7. Explicit fill: the single usable text field, nothing excluded in its form.
  const only = opts.explicit && open.length === 1 && candidates.length === 1 && !formHasExcluded(open[0]!, fields) ? open : [];

  return (
    (openRuns[0] ? { kind: 'split', inputs: openRuns[0] } : null) ?? // 4. Split boxes.
    first(contextual) ??
    first(numeric) ??
    first(only)
  );
}

/**
 * The run of split boxes `input` belongs to (rule 4's runs over its document, its shadow roots
 * and same-origin frames), or null. For the field picker: a picked box stands for its whole run.
 */
export function splitRunOf(input: HTMLInputElement): HTMLInputElement[] | null {
  const fields = collectInputs(input.ownerDocument, 0).filter(isUsable).map(describe);
  return splitRuns(fields).find((run) => run.includes(input)) ?? null;
}

/** A code word or digits cue of its own, or the only candidate in its form. */
function looksLikeCodeField(field: Field, open: readonly Field[]): boolean {
  if (field.texts.some(isCodeText) || isNumericCode(field.input) || hasDigitsPattern(field.input)) return true;
  const form = field.input.closest('form');
  return open.filter((f) => f.input.closest('form') === form).length === 1;
}

/** Its form (or, outside a form, the page) also holds a usable field that is excluded. */
function formHasExcluded(field: Field, fields: readonly Field[]): boolean {
  const form = field.input.closest('form');
  return fields.some((f) => f.excluded && f.input.closest('form') === form);
}

/** All inputs in document order, descending into open shadow roots and same-origin frames. */
function collectInputs(root: Document | ShadowRoot, depth: number): HTMLInputElement[] {
  const found: HTMLInputElement[] = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const tag = el.tagName.toUpperCase();
    if (tag === 'INPUT') found.push(el as HTMLInputElement);
    if (el.shadowRoot) found.push(...collectInputs(el.shadowRoot, depth));
    if ((tag === 'IFRAME' || tag === 'FRAME') && depth < MAX_FRAME_DEPTH) {
      const doc = frameDocument(el as HTMLIFrameElement);
      if (doc) found.push(...collectInputs(doc, depth + 1));
    }
  }
  return found;
}

/** A frame's document, or null when it is cross-origin (the browser throws or returns null). */
function frameDocument(frame: HTMLIFrameElement): Document | null {
  try {
    return frame.contentDocument ?? null;
  } catch {
    return null;
  }
}

/** The focused element, followed into open shadow roots and same-origin frames. */
function deepActiveElement(root: Document): Element | null {
  let active: Element | null = root.activeElement ?? null;
  for (let i = 0; active && i < 32; i++) {
    const inner: Element | null | undefined =
      active.shadowRoot?.activeElement ??
      (active.tagName.toUpperCase() === 'IFRAME' ? frameDocument(active as HTMLIFrameElement)?.activeElement : null);
    if (!inner || inner === active) break;
    active = inner;
  }
  return active;
}

function inputType(input: HTMLInputElement): string {
  return (input.getAttribute('type') ?? '').trim().toLowerCase();
}

function maxLength(input: HTMLInputElement): number | null {
  const n = Number.parseInt(input.getAttribute('maxlength') ?? '', 10);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** A text-like input the user could type into and can see. */
export function isUsable(input: HTMLInputElement): boolean {
  return TEXT_TYPES.includes(inputType(input)) && !input.hasAttribute('disabled') && !input.hasAttribute('readonly') && !isHidden(input);
}

/**
 * Hidden by the `hidden` attribute or by style. Uses `checkVisibility` or `getComputedStyle`
 * where the document has them (browsers), else inline styles only (linkedom in unit tests).
 */
function isHidden(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof check === 'function') return !check.call(el, { visibilityProperty: true });
  const view = el.ownerDocument?.defaultView;
  const computed = typeof view?.getComputedStyle === 'function' ? view.getComputedStyle.bind(view) : null;
  for (let node: Element | null = el; node; node = parentAcrossShadow(node)) {
    if (node.hasAttribute('hidden')) return true;
    const style = computed ? computed(node) : (node as HTMLElement).style;
    if (style?.display === 'none' || (node === el && style?.visibility === 'hidden')) return true;
  }
  return false;
}

function parentAcrossShadow(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode?.() as ShadowRoot | Document | undefined;
  return root && 'host' in root ? root.host : null;
}

function describe(input: HTMLInputElement): Field {
  const raw: (string | null | undefined)[] = [
    input.getAttribute('id'),
    input.getAttribute('name'),
    input.getAttribute('placeholder'),
    input.getAttribute('aria-label'),
    ...dataAttributes(input),
    ...labelTexts(input),
  ];
  const texts = raw.map((t) => normaliseText(t ?? '')).filter((t) => t !== '');
  const autocomplete = (input.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return { input, texts, autocomplete, excluded: isExcluded(input, texts, autocomplete) };
}

/**
 * `data-*` attributes, names and values: test ids (`data-testid="mfa-input"`) and one-time-code
 * widgets (`data-input-otp="true"`).
 */
function dataAttributes(input: HTMLInputElement): string[] {
  return Array.from(input.attributes)
    .filter((a) => a.name.startsWith('data-'))
    .map((a) => `${a.name.slice(5)} ${a.value}`);
}

/** Text of `<label for=id>`, a wrapping `<label>`, `aria-labelledby` and `aria-describedby` elements. */
function labelTexts(input: HTMLInputElement): string[] {
  const root = (input.getRootNode?.() ?? input.ownerDocument) as Document | ShadowRoot;
  const texts: string[] = [];
  const id = input.getAttribute('id');
  if (id) {
    for (const label of Array.from(root.querySelectorAll('label'))) {
      if (label.getAttribute('for') === id) texts.push(label.textContent ?? '');
    }
  }
  const wrapping = input.closest('label');
  if (wrapping) texts.push(wrapping.textContent ?? '');
  const refs = `${input.getAttribute('aria-labelledby') ?? ''} ${input.getAttribute('aria-describedby') ?? ''}`;
  for (const ref of refs.split(/\s+/).filter(Boolean)) {
    texts.push(root.getElementById?.(ref)?.textContent ?? '');
  }
  return texts;
}

function isExcluded(input: HTMLInputElement, texts: readonly string[], autocomplete: readonly string[]): boolean {
  if (texts.some(isExcludedText)) return true;
  if (autocomplete.includes('one-time-code')) return false;
  if (inputType(input) === 'password') return true;
  if (autocomplete.some((t) => EXCLUDED_AUTOCOMPLETE.includes(t))) return true;
  return texts.some((t) => isWeakExcludedText(t) && !isOtpText(t) && !isCodeText(t));
}

/** Room for a code: no maxlength, or at least 4 characters. */
function fitsCode(input: HTMLInputElement): boolean {
  const max = maxLength(input);
  return max === null || max >= 4;
}

function isNumericCode(input: HTMLInputElement): boolean {
  const max = maxLength(input);
  if (max === null || max < 6 || max > 8) return false;
  return hasDigitsPattern(input);
}

/** Numeric input mode, type=number or a digits-only pattern. */
function hasDigitsPattern(input: HTMLInputElement): boolean {
  const pattern = (input.getAttribute('pattern') ?? '').replace(/\s/g, '');
  return (
    (input.getAttribute('inputmode') ?? '').toLowerCase() === 'numeric' ||
    inputType(input) === 'number' ||
    /^(\^?)(\[0-9\]|\\d)(\*|\+|\{\d+(,\d*)?\})?\$?$/.test(pattern)
  );
}

/** A form that also asks for a password: a numeric field there is more likely a PIN. */
function inPasswordForm(input: HTMLInputElement): boolean {
  const form = input.closest('form');
  return !!form && Array.from(form.querySelectorAll('input')).some((i) => inputType(i) === 'password' && !isHidden(i));
}

function isSingleChar(input: HTMLInputElement): boolean {
  return maxLength(input) === 1 || (input.getAttribute('size') ?? '').trim() === '1';
}

/**
 * Runs of 4 to 8 adjacent one-character inputs that sit together (a common ancestor at most
 * three levels up from each), broken by any other usable input between them. A date of birth
 * typed as 2-2-4 has no one-character boxes; a run of 3 or of 9+ is something else.
 */
function splitRuns(fields: readonly Field[]): HTMLInputElement[][] {
  const runs: HTMLInputElement[][] = [];
  const alike = alikeBoxes(fields);
  let run: HTMLInputElement[] = [];
  const close = () => {
    if (run.length >= 4 && run.length <= 8) runs.push(run);
    run = [];
  };
  for (const field of fields) {
    const box = !field.excluded && (isSingleChar(field.input) || alike.has(field.input));
    const last = run[run.length - 1];
    if (!box || (last && !nearby(last, field.input))) close();
    if (box) run.push(field.input);
  }
  close();
  return runs;
}

function nearby(a: Element, b: Element): boolean {
  const up = (el: Element): Node[] => {
    const chain: Node[] = [];
    for (let n: Node | null = el.parentNode; n && chain.length < 3; n = n.parentNode) chain.push(n);
    return chain;
  };
  const fromA = up(a);
  return up(b).some((n) => fromA.includes(n));
}

/**
 * Boxes of a one-time-code widget that leaves `maxlength` off (Authelia's react18-input-otp,
 * Logto's VerificationCode, react-digit-input): 4 to 8 consecutive inputs that are alike (same
 * type, autocomplete, input mode, pattern and class, and the same name and id but for a number:
 * `totpCode_0` ... `totpCode_5`), side by side (siblings, or one wrapper each), with no words
 * between them, none allowing more than one character, and each saying it takes a code or digits
 * (`one-time-code`, a code word, a numeric or decimal input mode, `type=number`, a digits
 * pattern). A list of quantity boxes in a cart has a row of words between each; an address in
 * four lines says nothing about digits; a card number in four groups allows four characters each.
 */
function alikeBoxes(fields: readonly Field[]): Set<HTMLInputElement> {
  const boxes = new Set<HTMLInputElement>();
  let group: Field[] = [];
  const close = () => {
    if (group.length >= 4 && group.length <= 8 && group.every(takesOneCodeChar) && !wordsBetween(group)) {
      for (const f of group) boxes.add(f.input);
    }
    group = [];
  };
  for (const field of fields) {
    const last = group[group.length - 1];
    if (last && !(signature(last.input) === signature(field.input) && sideBySide(last.input, field.input))) close();
    group.push(field);
  }
  close();
  return boxes;
}

/** What alike boxes share: everything but the number in their name or id. */
function signature(input: HTMLInputElement): string {
  const attr = (name: string) => (input.getAttribute(name) ?? '').trim().toLowerCase();
  const unnumbered = (name: string) => attr(name).replace(/\d+/g, '#');
  return [
    inputType(input),
    unnumbered('name'),
    unnumbered('id'),
    attr('autocomplete'),
    attr('inputmode'),
    attr('pattern'),
    attr('class'),
  ].join('|');
}

/** Not excluded, at most one character, and a sign that it takes a code or digits. */
function takesOneCodeChar(field: Field): boolean {
  const max = maxLength(field.input);
  if (field.excluded || (max !== null && max > 1)) return false;
  return (
    field.autocomplete.includes('one-time-code') ||
    field.texts.some((t) => isOtpText(t) || isCodeText(t)) ||
    hasDigitsPattern(field.input) ||
    (field.input.getAttribute('inputmode') ?? '').toLowerCase() === 'decimal'
  );
}

/** Siblings, or each in a wrapper of its own under one parent (a common ancestor two levels up). */
function sideBySide(a: Element, b: Element): boolean {
  const up2 = (el: Element): Node[] => [el.parentNode, el.parentNode?.parentNode].filter((n): n is ParentNode & Node => !!n);
  const fromA = up2(a);
  return up2(b).some((n) => fromA.includes(n));
}

/** Letters in the smallest element holding the whole group: labels or words between the boxes. */
function wordsBetween(group: readonly Field[]): boolean {
  const first = group[0]!.input;
  const last = group[group.length - 1]!.input;
  let holder: Node | null = first.parentNode;
  while (holder && !holder.contains(last)) holder = holder.parentNode;
  return /\p{L}/u.test(holder?.textContent ?? '');
}
