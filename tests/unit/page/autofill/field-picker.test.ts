import { describe, expect, it } from 'vitest';
import { startFieldPicker, type PickerEnv, type PickerOptions, type PickOutcome } from '../../../../page/autofill/field-picker';
import { FILL_AGENT_KEY, createFillAgent, installFillAgent, type FillAgent } from '../../../../page/autofill/fill-agent';
import { PICKER_TAG } from '../../../../page/autofill/picker-banner';
import { page } from './page';

const TEXTS: PickerOptions['texts'] = {
  lang: 'en',
  prompt: 'Click the field for the code. Esc cancels.',
  cancel: 'Cancel',
  problems: {
    'not-text': 'not text',
    password: 'a password field',
    unusable: 'unusable',
    'too-short': 'too short',
    'other-frame': 'other frame',
  },
};
const OPTIONS: PickerOptions = { codeLength: 6, timeoutMs: 120_000, texts: TEXTS };

/** Marks an event as the user's (linkedom's events are never trusted; the browser's are). */
const USER = new WeakSet<Event>();

/**
 * A test environment: the user's events are the ones marked, timers run when the test says so,
 * and the banner records what it was told (the real one sits in a closed shadow root).
 */
function testEnv() {
  const timers = new Map<number, { run: () => void; ms: number }>();
  let next = 0;
  const banner = { said: [] as string[], removed: false, cancel: null as ((e: Event) => void) | null, shown: 0 };
  const env: PickerEnv = {
    isTrusted: (event) => USER.has(event),
    setTimeout: (run, ms) => {
      timers.set(++next, { run, ms });
      return next;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    showBanner: (doc, texts, onCancel) => {
      banner.shown++;
      banner.said.push(texts.prompt);
      banner.cancel = onCancel;
      const host = doc.createElement(PICKER_TAG);
      doc.body.append(host);
      return {
        say: (t) => void banner.said.push(t),
        highlight: () => undefined,
        remove: () => {
          banner.removed = true;
          host.remove();
        },
      };
    },
  };
  /** Runs the timers of `ms` milliseconds. */
  const elapse = (ms: number) => {
    for (const [id, t] of [...timers]) {
      if (t.ms !== ms) continue;
      timers.delete(id);
      t.run();
    }
  };
  return { env, banner, elapse, timers };
}

/** Dispatches a user's (or, with `user: false`, a page script's) event on `target`. */
function fire(target: EventTarget, type: string, init: { key?: string; user?: boolean } = {}): Event {
  const win = ((target as Node).ownerDocument?.defaultView ?? target) as unknown as typeof globalThis;
  const event = new win.Event(type, { bubbles: true, cancelable: true, composed: true });
  if (init.key) Object.defineProperty(event, 'key', { value: init.key });
  if (init.user !== false) USER.add(event);
  target.dispatchEvent(event);
  return event;
}

/** Whether the outcome has settled, without waiting for it. */
async function settled(outcome: Promise<PickOutcome>): Promise<PickOutcome | 'pending'> {
  return Promise.race([outcome, new Promise<'pending'>((r) => setTimeout(() => r('pending'), 0))]);
}

const LOGIN = `<form><label>Email <input id="email" type="email"></label><label>Password <input id="pw" type="password"></label>
  <p id="hint">Enter the answer</p><input id="answer"><input id="nick"><button id="go">Verify</button></form>`;

describe('the field picker', () => {
  it("a click on a usable field picks it, once; the picker reports only the frame's origin", async () => {
    const doc = page(LOGIN);
    const { env, banner } = testEnv();
    const picker = startFieldPicker(doc, OPTIONS, env);
    expect(doc.querySelector(PICKER_TAG)).not.toBeNull();
    expect(await settled(picker.outcome)).toBe('pending');
    fire(doc.querySelector('#answer')!, 'click');
    expect(await picker.outcome).toEqual({ kind: 'picked', origin: expect.any(String) });
    expect(picker.target()).toEqual({ kind: 'single', input: doc.querySelector('#answer') });
    // One-shot: a later click changes nothing.
    fire(doc.querySelector('#nick')!, 'click');
    expect(picker.target()).toEqual({ kind: 'single', input: doc.querySelector('#answer') });
    // The banner stays until the background has answered.
    expect(banner.removed).toBe(false);
    picker.finish();
    expect(banner.removed).toBe(true);
    expect(picker.target()).toBeNull();
    expect(doc.querySelector(PICKER_TAG)).toBeNull();
  });

  it('ignores events a page script dispatches, and clicks on anything but a field', async () => {
    const doc = page(LOGIN);
    const { env } = testEnv();
    const picker = startFieldPicker(doc, OPTIONS, env);
    fire(doc.querySelector('#answer')!, 'click', { user: false });
    fire(doc.querySelector('#answer')!, 'keydown', { key: 'Enter', user: false });
    fire(doc.defaultView!, 'keydown', { key: 'Escape', user: false });
    fire(doc.querySelector('#hint')!, 'click');
    fire(doc.querySelector('#go')!, 'click');
    expect(await settled(picker.outcome)).toBe('pending');
    expect(picker.target()).toBeNull();
  });

  it('a field that cannot take the code keeps the picker going, and the banner says why', async () => {
    const doc = page(LOGIN);
    const { env, banner } = testEnv();
    const picker = startFieldPicker(doc, OPTIONS, env);
    fire(doc.querySelector('#pw')!, 'click');
    fire(doc.querySelector('#email')!, 'click');
    expect(banner.said).toEqual([TEXTS.prompt, 'a password field', 'not text']);
    expect(await settled(picker.outcome)).toBe('pending');
    fire(doc.querySelector('#answer')!, 'click');
    expect((await picker.outcome).kind).toBe('picked');
  });

  it("Escape cancels (and goes no further into the page); so does the banner's Cancel, but only for a real click", async () => {
    const doc = page(LOGIN);
    const { env, banner } = testEnv();
    const picker = startFieldPicker(doc, OPTIONS, env);
    const escape = fire(doc.querySelector('#answer')!, 'keydown', { key: 'Escape' });
    expect(await picker.outcome).toEqual({ kind: 'ended', reason: 'cancelled' });
    expect(escape.defaultPrevented).toBe(true);
    expect(banner.removed).toBe(true);
    fire(doc.querySelector('#answer')!, 'click');
    expect(picker.target()).toBeNull();

    const other = testEnv();
    const second = startFieldPicker(page(LOGIN), OPTIONS, other.env);
    const fake = new Event('click');
    other.banner.cancel!(fake);
    expect(await settled(second.outcome)).toBe('pending');
    USER.add(fake);
    other.banner.cancel!(fake);
    expect(await second.outcome).toEqual({ kind: 'ended', reason: 'cancelled' });
  });

  it("Enter in a field picks it instead of submitting the form (the keyboard's way to pick)", async () => {
    const doc = page(LOGIN);
    const { env } = testEnv();
    const picker = startFieldPicker(doc, OPTIONS, env);
    const enter = fire(doc.querySelector('#nick')!, 'keydown', { key: 'Enter' });
    expect(enter.defaultPrevented).toBe(true);
    expect(await picker.outcome).toMatchObject({ kind: 'picked' });
    expect(picker.target()).toEqual({ kind: 'single', input: doc.querySelector('#nick') });
    // Other keys are the page's.
    const doc2 = page(LOGIN);
    const other = startFieldPicker(doc2, OPTIONS, testEnv().env);
    expect(fire(doc2.querySelector('#nick')!, 'keydown', { key: 'a' }).defaultPrevented).toBe(false);
    expect(await settled(other.outcome)).toBe('pending');
  });

  it('ends on the timeout and on navigation, removing the banner', async () => {
    const timed = testEnv();
    const doc = page(LOGIN);
    const picker = startFieldPicker(doc, OPTIONS, timed.env);
    timed.elapse(119_999);
    expect(await settled(picker.outcome)).toBe('pending');
    timed.elapse(120_000);
    expect(await picker.outcome).toEqual({ kind: 'ended', reason: 'timeout' });
    expect(doc.querySelector(PICKER_TAG)).toBeNull();
    expect(timed.timers.size).toBe(0);

    const left = testEnv();
    const doc2 = page(LOGIN);
    const leaving = startFieldPicker(doc2, OPTIONS, left.env);
    fire(doc2.defaultView!, 'pagehide', { user: false });
    expect(await leaving.outcome).toEqual({ kind: 'ended', reason: 'left' });
    expect(left.timers.size).toBe(0);
  });

  it('after a pick, a reason to show stays a while, then goes; with no answer at all the banner goes anyway', async () => {
    const doc = page(LOGIN);
    const { env, banner, elapse } = testEnv();
    const picker = startFieldPicker(doc, OPTIONS, env);
    fire(doc.querySelector('#answer')!, 'click');
    await picker.outcome;
    picker.finish('Sesame is locked.');
    expect(banner.said.at(-1)).toBe('Sesame is locked.');
    expect(banner.removed).toBe(false);
    elapse(6000);
    expect(banner.removed).toBe(true);

    const quiet = testEnv();
    const doc2 = page(LOGIN);
    const unanswered = startFieldPicker(doc2, OPTIONS, quiet.env);
    fire(doc2.querySelector('#answer')!, 'click');
    await unanswered.outcome;
    quiet.elapse(6000);
    expect(quiet.banner.removed).toBe(true);
    expect(unanswered.target()).toBeNull();
  });

  it('picks in an open shadow root and in a same-origin frame', async () => {
    const doc = page('<div id="host"></div><iframe id="frame" src="inner.html"></iframe>');
    const shadow = doc.querySelector('#host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<label>Code <input id="in-shadow"></label>';
    const { env } = testEnv();
    const picker = startFieldPicker(doc, OPTIONS, env);
    // A browser hands the page the host as the target and the field first in composedPath()
    // (linkedom does not propagate out of shadow roots, so the test does what the browser does).
    const host = doc.querySelector('#host')!;
    const inShadow = shadow.querySelector('#in-shadow')!;
    const click = new (doc.defaultView as unknown as typeof globalThis).Event('click', { bubbles: true, composed: true });
    Object.defineProperty(click, 'composedPath', {
      value: () => [inShadow, shadow, host, doc.body, doc.documentElement, doc, doc.defaultView],
    });
    USER.add(click);
    host.dispatchEvent(click);
    expect(picker.target()).toEqual({ kind: 'single', input: shadow.querySelector('#in-shadow') });
    await picker.outcome;

    const top = page('<p>Sign in</p><iframe id="frame" src="inner.html"></iframe>');
    const inner = page('<form><input id="in-frame"></form>');
    Object.defineProperty(top.querySelector('#frame')!, 'contentDocument', { get: () => inner });
    const framed = startFieldPicker(top, OPTIONS, testEnv().env);
    fire(inner.querySelector('#in-frame')!, 'click');
    expect(framed.target()).toEqual({ kind: 'single', input: inner.querySelector('#in-frame') });
  });
});

describe("the fill agent's picker", () => {
  it('holds no code until the pick; then fills the picked field, once, and removes itself', async () => {
    const doc = page(LOGIN);
    const { env } = testEnv();
    const scope: Record<string, unknown> = {};
    installFillAgent(scope, doc, env);
    const agent = scope[FILL_AGENT_KEY] as FillAgent;
    expect(agent.fillPicked('123456')).toBe(false); // nothing picked yet
    scope[FILL_AGENT_KEY] = agent;
    const outcome = agent.pick(OPTIONS);
    fire(doc.querySelector('#nick')!, 'click');
    expect((await outcome).kind).toBe('picked');
    expect(doc.querySelector<HTMLInputElement>('#nick')!.value).toBe('');
    expect(agent.fillPicked('123456')).toBe(true);
    expect(doc.querySelector<HTMLInputElement>('#nick')!.value).toBe('123456');
    expect(doc.querySelector<HTMLInputElement>('#answer')!.value).toBe('');
    expect(scope[FILL_AGENT_KEY]).toBeUndefined();
    expect(agent.fillPicked('654321')).toBe(false);
    expect(doc.querySelector<HTMLInputElement>('#nick')!.value).toBe('123456');
  });

  it('a field removed between the click and the code gets nothing', async () => {
    const doc = page(LOGIN);
    const agent = createFillAgent(doc, testEnv().env);
    const outcome = agent.pick(OPTIONS);
    const nick = doc.querySelector<HTMLInputElement>('#nick')!;
    fire(nick, 'click');
    await outcome;
    nick.remove();
    expect(agent.fillPicked('123456')).toBe(false);
    expect(nick.value).toBe('');
  });

  it('a newer pick, or a newer agent (another fill), replaces a running picker', async () => {
    const doc = page(LOGIN);
    const { env } = testEnv();
    const scope: Record<string, unknown> = {};
    installFillAgent(scope, doc, env);
    const first = (scope[FILL_AGENT_KEY] as FillAgent).pick(OPTIONS);
    const second = (scope[FILL_AGENT_KEY] as FillAgent).pick(OPTIONS);
    expect(await first).toEqual({ kind: 'ended', reason: 'replaced' });
    installFillAgent(scope, doc, env);
    expect(await second).toEqual({ kind: 'ended', reason: 'replaced' });
    expect(doc.querySelectorAll(PICKER_TAG)).toHaveLength(0);
  });

  it('endPick cancels a running picker', async () => {
    const doc = page(LOGIN);
    const agent = createFillAgent(doc, testEnv().env);
    const outcome = agent.pick(OPTIONS);
    agent.endPick();
    expect(await outcome).toEqual({ kind: 'ended', reason: 'cancelled' });
  });
});
