/**
 * "Click the field": a one-shot picker the fill agent runs in the page when no field was found
 * and the user asked to point at it. Runs inside the page (the extension's isolated world); plain
 * DOM code, no side effects at import.
 *
 * The picker holds no code and learns none. It waits for the user's next click on a field (or
 * Enter in one, for the keyboard) in the page, its open shadow roots and its same-origin frames,
 * and reports only that a field was picked and its frame's origin; the background then hands the
 * code to the agent in one `executeScript` call (docs/autofill.md, "Click the field").
 *
 * It ends, once, on the first of: a pick; Escape or the banner's Cancel; the page navigating
 * (`pagehide`, or a same-document navigation); the timeout; a newer fill replacing it. Only
 * trusted events count: a page script cannot pick a field (or cancel) by dispatching events.
 * Clicks on anything but a field pass through untouched; a field that cannot take the code
 * (picked-field.ts) keeps the picker running and the banner says why.
 */
import type { OtpTarget } from './find-otp-field';
import { pickVerdict, pickedInput, type PickProblem } from './picked-field';
import { addCrosshairCursor, showPickerBanner, type BannerTexts, type PickerBanner, type Rect } from './picker-banner';

export interface PickerTexts extends BannerTexts {
  /** Why a field cannot take the code, and the field inside a frame of another site. */
  readonly problems: Readonly<Record<PickProblem | 'other-frame', string>>;
}

export interface PickerOptions {
  /** The code's length (6-8 digits, 5 for Steam): a field too short for it cannot be picked. */
  readonly codeLength: number;
  readonly timeoutMs: number;
  readonly texts: PickerTexts;
}

type PickEnd = 'cancelled' | 'timeout' | 'left' | 'replaced';

/** What the background learns: a field was picked in a frame of `origin`, or the picker ended. */
export type PickOutcome = { readonly kind: 'picked'; readonly origin: string } | { readonly kind: 'ended'; readonly reason: PickEnd };

/** What the picker needs from the browser; tests pass their own (linkedom events are untrusted). */
export interface PickerEnv {
  readonly isTrusted: (event: Event) => boolean;
  readonly setTimeout: (run: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
  readonly showBanner: typeof showPickerBanner;
}

export const browserPickerEnv: PickerEnv = {
  isTrusted: (event) => event.isTrusted,
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  showBanner: showPickerBanner,
};

export interface FieldPicker {
  readonly outcome: Promise<PickOutcome>;
  /** The picked field, between the pick and `finish`; otherwise null. */
  target(): OtpTarget | null;
  /** Ends a running pick with `reason`; after a pick, the same as `finish()`. */
  stop(reason: PickEnd): void;
  /** After a pick: removes the banner, or first shows `text` (why nothing was filled) for a while. */
  finish(text?: string): void;
}

/** How long the banner stays after a pick: showing why nothing was filled, or if no answer comes. */
const AFTER_PICK_MS = 6000;
const MAX_FRAME_DEPTH = 8;

export function startFieldPicker(doc: Document, options: PickerOptions, env: PickerEnv = browserPickerEnv): FieldPicker {
  const { texts } = options;
  let resolve!: (outcome: PickOutcome) => void;
  const outcome = new Promise<PickOutcome>((r) => (resolve = r));
  let state: 'picking' | 'picked' | 'done' = 'picking';
  let picked: OtpTarget | null = null;
  const undo: (() => void)[] = [];
  const listen = (on: EventTarget, type: string, run: (event: Event) => void) => {
    on.addEventListener(type, run, true);
    undo.push(() => on.removeEventListener(type, run, true));
  };
  const release = () =>
    undo
      .splice(0)
      .reverse()
      .forEach((u) => u());

  const banner: PickerBanner = env.showBanner(doc, texts, (event) => {
    if (env.isTrusted(event)) stop('cancelled');
  });

  const pick = (el: Element | null): void => {
    const verdict = pickVerdict(el, options.codeLength);
    if (!verdict.ok) return banner.say(texts.problems[verdict.problem]);
    picked = verdict.target;
    state = 'picked';
    release();
    banner.highlight(null);
    // Should the background never answer (its worker stopped), the banner still goes.
    const safety = env.setTimeout(() => finish(), AFTER_PICK_MS);
    undo.push(() => env.clearTimeout(safety));
    resolve({ kind: 'picked', origin: originOf(firstInput(verdict.target)) });
  };

  const onClick = (event: Event) => {
    if (state !== 'picking' || !env.isTrusted(event)) return;
    const el = eventElement(event);
    // Clicks on anything but a field (or its label) are the page's business.
    if (pickedInput(el)) pick(el);
  };

  const onKey = (event: Event) => {
    if (state !== 'picking' || !env.isTrusted(event)) return;
    const key = (event as KeyboardEvent).key;
    if (key === 'Escape') {
      consume(event);
      stop('cancelled');
    } else if (key === 'Enter') {
      // Keyboard users Tab to the field and press Enter; Enter then picks, it does not submit.
      const el = eventElement(event);
      if (!pickedInput(el)) return;
      consume(event);
      pick(el);
    }
  };

  const onHover = (event: Event) => {
    if (state !== 'picking') return;
    const verdict = pickVerdict(eventElement(event), options.codeLength);
    banner.highlight(verdict.ok ? targetRect(verdict.target, doc) : null);
  };

  for (const d of [doc, ...sameOriginFrames(doc, 0)]) {
    const win = d.defaultView;
    if (!win) continue;
    if (d !== doc) undo.push(addCrosshairCursor(d));
    listen(win, 'click', onClick);
    listen(win, 'keydown', onKey);
    listen(win, 'mouseover', onHover);
  }
  const top = doc.defaultView;
  if (top) {
    listen(top, 'pagehide', () => stop('left'));
    // A same-document navigation (history.pushState, a fragment) leaves the page too.
    const navigation = (top as Window & { navigation?: EventTarget }).navigation;
    if (navigation) listen(navigation, 'navigate', () => stop('left'));
    // Focus moving into a frame the picker cannot see into (another site's): say so.
    listen(top, 'blur', () => {
      env.setTimeout(() => {
        const active = doc.activeElement;
        if (state === 'picking' && active && isFrame(active) && !frameDocument(active)) banner.say(texts.problems['other-frame']);
      }, 0);
    });
  }
  const timer = env.setTimeout(() => stop('timeout'), options.timeoutMs);
  undo.push(() => env.clearTimeout(timer));

  function stop(reason: PickEnd): void {
    if (state === 'picked') return finish();
    if (state !== 'picking') return;
    state = 'done';
    release();
    banner.remove();
    resolve({ kind: 'ended', reason });
  }

  function finish(text?: string): void {
    if (state !== 'picked') return;
    state = 'done';
    picked = null;
    release();
    if (!text) return banner.remove();
    banner.say(text);
    env.setTimeout(() => banner.remove(), AFTER_PICK_MS);
  }

  return { outcome, target: () => picked, stop, finish };
}

function consume(event: Event): void {
  event.preventDefault();
  event.stopImmediatePropagation();
}

/** The element the event happened on, inside open shadow roots (closed ones show their host). */
function eventElement(event: Event): Element | null {
  const first = event.composedPath?.()[0] ?? event.target;
  return first && typeof (first as Element).tagName === 'string' ? (first as Element) : null;
}

const firstInput = (target: OtpTarget): HTMLInputElement => (target.kind === 'single' ? target.input : target.inputs[0]!);

/** The origin of the frame the field is in, read here in the isolated world (the page cannot fake it). */
function originOf(input: HTMLInputElement): string {
  return input.ownerDocument?.defaultView?.location?.origin ?? '';
}

const isFrame = (el: Element): boolean => ['IFRAME', 'FRAME'].includes(el.tagName.toUpperCase());

function frameDocument(frame: Element): Document | null {
  try {
    return (frame as HTMLIFrameElement).contentDocument ?? null;
  } catch {
    return null;
  }
}

/** The documents of same-origin frames (and their frames), found through the DOM and open shadow roots. */
function sameOriginFrames(root: Document | ShadowRoot, depth: number): Document[] {
  if (depth >= MAX_FRAME_DEPTH) return [];
  const found: Document[] = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (el.shadowRoot) found.push(...sameOriginFrames(el.shadowRoot, depth));
    const inner = isFrame(el) ? frameDocument(el) : null;
    if (inner) found.push(inner, ...sameOriginFrames(inner, depth + 1));
  }
  return found;
}

/** The box around the target (all its boxes), in the top document's viewport. */
function targetRect(target: OtpTarget, top: Document): Rect | null {
  const inputs = target.kind === 'single' ? [target.input] : target.inputs;
  const rects = inputs.map((input) => viewportRect(input, top)).filter((r): r is Rect => r !== null);
  if (rects.length === 0) return null;
  const left = Math.min(...rects.map((r) => r.left));
  const top_ = Math.min(...rects.map((r) => r.top));
  const right = Math.max(...rects.map((r) => r.left + r.width));
  const bottom = Math.max(...rects.map((r) => r.top + r.height));
  return { left, top: top_, width: right - left, height: bottom - top_ };
}

function viewportRect(el: Element, top: Document): Rect | null {
  if (typeof el.getBoundingClientRect !== 'function') return null;
  const r = el.getBoundingClientRect();
  let left = r.left;
  let y = r.top;
  // Add the offsets of the same-origin frames the element sits in.
  for (let doc = el.ownerDocument; doc && doc !== top;) {
    const frame = doc.defaultView?.frameElement;
    if (!frame) return null;
    const f = frame.getBoundingClientRect();
    left += f.left + frame.clientLeft;
    y += f.top + frame.clientTop;
    doc = frame.ownerDocument;
  }
  return { left, top: y, width: r.width, height: r.height };
}
