import { describe, expect, it } from 'vitest';
import { pickVerdict } from '../../../../page/autofill/picked-field';
import { inputs, page } from './page';

/** The verdict for the element matching `selector` in `html`, with a 6-digit code. */
function verdictOf(html: string, selector: string, codeLength = 6) {
  const doc = page(html);
  return { doc, verdict: pickVerdict(doc.querySelector(selector), codeLength) };
}

describe('what a pick may fill', () => {
  it.each([
    ['a plain text box with no words at all', '<input id="f">'],
    ['a tel box', '<input id="f" type="tel">'],
    ['a number box', '<input id="f" type="number">'],
    ["a box of exactly the code's length", '<input id="f" maxlength="6">'],
    ['a box the heuristics exclude by its words (the user chose it)', '<label>Coupon <input id="f" name="coupon"></label>'],
    ['a box named for a PIN', '<input id="f" name="pin" autocomplete="off">'],
    ['a password box that declares a one-time code', '<input id="f" type="password" autocomplete="one-time-code">'],
  ])('%s: the box itself', (_name, html) => {
    const { doc, verdict } = verdictOf(html, '#f');
    expect(verdict).toEqual({ ok: true, target: { kind: 'single', input: doc.querySelector('#f') } });
  });

  it.each([
    ['a password box', '<input id="f" type="password" name="password">', 'password'],
    ['a password box with another autocomplete', '<input id="f" type="password" autocomplete="current-password">', 'password'],
    ['an email box', '<input id="f" type="email">', 'not-text'],
    ['a search box', '<input id="f" type="search">', 'not-text'],
    ['a URL box', '<input id="f" type="url">', 'not-text'],
    ['a check box', '<input id="f" type="checkbox">', 'not-text'],
    ['a button', '<button id="f">Verify</button>', 'not-text'],
    ['a text area', '<textarea id="f"></textarea>', 'not-text'],
    ['a paragraph', '<p id="f">Enter the code</p>', 'not-text'],
    ['a disabled box', '<input id="f" disabled>', 'unusable'],
    ['a read-only box', '<input id="f" readonly>', 'unusable'],
    ['a hidden box', '<div hidden><input id="f"></div>', 'unusable'],
    ['a box shorter than the code', '<input id="f" maxlength="4">', 'too-short'],
  ])('%s: refused (%s)', (_name, html, problem) => {
    expect(verdictOf(html, '#f').verdict).toEqual({ ok: false, problem });
  });

  it('nothing at all is refused', () => {
    expect(pickVerdict(null, 6)).toEqual({ ok: false, problem: 'not-text' });
  });

  it("a click on a field's label picks the field (for= or wrapping)", () => {
    const byFor = verdictOf('<label id="l" for="f">Answer</label><input id="f">', '#l');
    expect(byFor.verdict).toEqual({ ok: true, target: { kind: 'single', input: byFor.doc.querySelector('#f') } });
    const wrapping = verdictOf('<label id="l">Answer <input id="f"></label>', '#l');
    expect(wrapping.verdict).toEqual({ ok: true, target: { kind: 'single', input: wrapping.doc.querySelector('#f') } });
    expect(verdictOf('<label id="l" for="f">Password</label><input id="f" type="password">', '#l').verdict).toEqual({
      ok: false,
      problem: 'password',
    });
  });

  it('any box of a run of split boxes stands for the whole run, filled from the first', () => {
    const boxes = Array.from({ length: 6 }, (_, i) => `<input id="b${i}" maxlength="1" inputmode="numeric">`).join('');
    const { doc, verdict } = verdictOf(`<form><div class="otp">${boxes}</div></form>`, '#b3');
    expect(verdict).toEqual({ ok: true, target: { kind: 'split', inputs: inputs(doc) } });
    // Four boxes cannot take a six-digit code (a wrong account, or not a code).
    const four = Array.from({ length: 4 }, (_, i) => `<input id="b${i}" maxlength="1">`).join('');
    expect(verdictOf(`<div>${four}</div>`, '#b0').verdict).toEqual({ ok: false, problem: 'too-short' });
    expect(verdictOf(`<div>${four}</div>`, '#b0', 4).verdict.ok).toBe(true);
    // A lone one-character box is not a run.
    expect(verdictOf('<input id="b" maxlength="1">', '#b').verdict).toEqual({ ok: false, problem: 'too-short' });
  });

  it('a field inside an open shadow root', () => {
    const doc = page('<div id="host"></div>');
    const shadow = doc.querySelector('#host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<label>Code <input id="f"></label>';
    const input = shadow.querySelector('#f');
    expect(pickVerdict(input, 6)).toEqual({ ok: true, target: { kind: 'single', input } });
  });
});
