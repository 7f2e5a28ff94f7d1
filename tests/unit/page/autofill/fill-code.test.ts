import { describe, expect, it, vi } from 'vitest';
import { fillCode } from '../../../../page/autofill/fill-code';
import { findOtpField } from '../../../../page/autofill/find-otp-field';
import { inputs, loadPage, page } from './page';

type Logged = {
  type: string;
  target: number;
  key?: string;
  inputType?: string;
  data?: string | null;
  bubbles: boolean;
  isInputEvent: boolean;
};

/** Records every event of the given types on the document, with the index of the box it hit. */
function record(doc: Document, boxes: HTMLInputElement[], types = ['keydown', 'input', 'change', 'keyup']): Logged[] {
  const log: Logged[] = [];
  const InputEventClass = (doc.defaultView as unknown as { InputEvent: typeof InputEvent }).InputEvent;
  for (const type of types) {
    doc.addEventListener(type, (e) => {
      const ev = e as Event & { key?: string; inputType?: string; data?: string | null };
      log.push({
        type,
        target: boxes.indexOf(e.target as HTMLInputElement),
        key: ev.key,
        inputType: ev.inputType,
        data: ev.data,
        bubbles: e.bubbles,
        isInputEvent: e instanceof InputEventClass,
      });
    });
  }
  return log;
}

/** The value as the browser holds it, read through the prototype getter (not an own wrapper). */
const nativeValue = (input: HTMLInputElement): string => {
  const proto = (input.ownerDocument.defaultView as unknown as { HTMLInputElement: typeof HTMLInputElement }).HTMLInputElement.prototype;
  return Object.getOwnPropertyDescriptor(proto, 'value')!.get!.call(input) as string;
};

describe('single field', () => {
  it('sets the value and fires a bubbling InputEvent (insertText, data) then change', () => {
    const doc = page('<input name="otp">');
    const [input] = inputs(doc);
    const log = record(doc, [input!]);
    fillCode({ kind: 'single', input: input! }, '123456');
    expect(input!.value).toBe('123456');
    expect(log).toEqual([
      { type: 'input', target: 0, key: undefined, inputType: 'insertText', data: '123456', bubbles: true, isInputEvent: true },
      { type: 'change', target: 0, key: undefined, inputType: undefined, data: undefined, bubbles: true, isInputEvent: false },
    ]);
  });

  it('overwrites an old code instead of appending to it', () => {
    const doc = page('<input name="otp" value="111111">');
    const [input] = inputs(doc);
    expect(input!.value).toBe('111111');
    fillCode({ kind: 'single', input: input! }, '287082');
    expect(input!.value).toBe('287082');
  });

  it('focuses and selects the field before typing', () => {
    const doc = page('<input name="otp" value="999999">');
    const input = inputs(doc)[0]!;
    const calls: string[] = [];
    Object.assign(input, { focus: () => calls.push('focus'), select: () => calls.push(`select:${input.value}`) });
    input.addEventListener('input', () => calls.push('input'));
    fillCode({ kind: 'single', input }, '123456');
    expect(calls).toEqual(['focus', 'select:999999', 'input']);
  });

  it('goes around a React-style value tracker (own value setter on the element)', () => {
    const doc = page('<input name="otp">');
    const input = inputs(doc)[0]!;
    const proto =
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value') ??
      Object.getOwnPropertyDescriptor(
        (doc.defaultView as unknown as { HTMLInputElement: typeof HTMLInputElement }).HTMLInputElement.prototype,
        'value',
      )!;
    // What React does: wrap the instance's value property, remembering the last value it set.
    let tracked = '';
    const trackerSets: string[] = [];
    Object.defineProperty(input, 'value', {
      configurable: true,
      get() {
        return proto.get!.call(this);
      },
      set(v: string) {
        trackerSets.push(v);
        tracked = v;
        proto.set!.call(this, v);
      },
    });
    // React's onChange fires when an input event arrives and the node's value differs from `tracked`.
    let onChangeSaw: string | null = null;
    input.addEventListener('input', () => {
      if (nativeValue(input) !== tracked) onChangeSaw = nativeValue(input);
    });
    fillCode({ kind: 'single', input }, '654321');
    expect(trackerSets).toEqual([]);
    expect(nativeValue(input)).toBe('654321');
    expect(onChangeSaw).toBe('654321');
  });

  it("uses the input's own window (an iframe is its own realm)", () => {
    const doc = page('<input name="otp">');
    const input = inputs(doc)[0]!;
    const realWindow = doc.defaultView as unknown as typeof globalThis;
    const realSetter = Object.getOwnPropertyDescriptor(realWindow.HTMLInputElement.prototype, 'value')!.set!;
    const frameSetter = vi.fn(function (this: HTMLInputElement, v: string) {
      realSetter.call(this, v);
    });
    class FrameInput {}
    Object.defineProperty(FrameInput.prototype, 'value', { set: frameSetter, configurable: true });
    const frameWindow = { HTMLInputElement: FrameInput, InputEvent: realWindow.InputEvent, Event: realWindow.Event };
    Object.defineProperty(doc, 'defaultView', { value: frameWindow });
    fillCode({ kind: 'single', input }, '123456');
    expect(frameSetter).toHaveBeenCalledWith('123456');
    expect(input.value).toBe('123456');
  });
});

describe('split boxes', () => {
  const boxesPage = (n = 6) => {
    const doc = page(`<div>${'<input maxlength="1" inputmode="numeric">'.repeat(n)}</div>`);
    return { doc, boxes: inputs(doc) };
  };

  it('gives each box its digit with keydown, input, change, keyup around it', () => {
    const { doc, boxes } = boxesPage();
    const log = record(doc, boxes);
    fillCode({ kind: 'split', inputs: boxes }, '492039');
    expect(boxes.map((b) => b.value)).toEqual(['4', '9', '2', '0', '3', '9']);
    expect(log.filter((e) => e.target === 0)).toEqual([
      { type: 'keydown', target: 0, key: '4', inputType: undefined, data: undefined, bubbles: true, isInputEvent: false },
      { type: 'input', target: 0, key: undefined, inputType: 'insertText', data: '4', bubbles: true, isInputEvent: true },
      { type: 'change', target: 0, key: undefined, inputType: undefined, data: undefined, bubbles: true, isInputEvent: false },
      { type: 'keyup', target: 0, key: '4', inputType: undefined, data: undefined, bubbles: true, isInputEvent: false },
    ]);
    expect(log.filter((e) => e.type === 'keydown').map((e) => [e.target, e.key])).toEqual([
      [0, '4'],
      [1, '9'],
      [2, '2'],
      [3, '0'],
      [4, '3'],
      [5, '9'],
    ]);
  });

  it('gives keydown the legacy keyCode that old auto-advance scripts read', () => {
    const { doc, boxes } = boxesPage(4);
    const codes: number[] = [];
    doc.addEventListener('keydown', (e) => codes.push(e.keyCode));
    fillCode({ kind: 'split', inputs: boxes }, '0719');
    expect(codes).toEqual([48, 55, 49, 57]);
  });

  it('focuses each box before filling it', () => {
    const { boxes } = boxesPage(4);
    const order: string[] = [];
    boxes.forEach((b, i) => {
      Object.assign(b, { focus: () => order.push(`focus${i}`) });
      b.addEventListener('input', () => order.push(`input${i}`));
    });
    fillCode({ kind: 'split', inputs: boxes }, '1234');
    expect(order).toEqual(['focus0', 'input0', 'focus1', 'input1', 'focus2', 'input2', 'focus3', 'input3']);
  });

  it('ends right on a page whose script moves focus and clears the next box on input', () => {
    const { doc, boxes } = boxesPage();
    let focused = boxes[0]!;
    boxes.forEach((b, i) => {
      b.addEventListener('input', () => {
        const next = boxes[i + 1];
        if (next) {
          next.value = ''; // "clear the box we advance into"
          focused = next;
        }
      });
    });
    fillCode({ kind: 'split', inputs: boxes }, '123456');
    expect(boxes.map((b) => b.value).join('')).toBe('123456');
    expect(focused).toBe(boxes[5]);
    void doc;
  });

  it('re-sets boxes a page script changed after they were filled (second pass)', () => {
    const { boxes } = boxesPage();
    // A buggy re-render: filling the last box resets the first two from stale state, once.
    let rerendered = false;
    boxes[5]!.addEventListener('input', () => {
      if (rerendered) return;
      rerendered = true;
      boxes[0]!.value = '';
      boxes[1]!.value = 'x';
    });
    fillCode({ kind: 'split', inputs: boxes }, '987654');
    expect(boxes.map((b) => b.value).join('')).toBe('987654');
  });

  it('overwrites stale digits and clears boxes beyond a shorter code', () => {
    const { boxes } = boxesPage(8);
    boxes.forEach((b) => (b.value = '7'));
    fillCode({ kind: 'split', inputs: boxes }, '123456');
    expect(boxes.map((b) => b.value)).toEqual(['1', '2', '3', '4', '5', '6', '', '']);
  });

  it('works end to end with findOtpField on the 6-box fixture', () => {
    const doc = loadPage('split-6.html');
    const target = findOtpField(doc, { focused: null });
    expect(target?.kind).toBe('split');
    fillCode(target!, '314159');
    expect(
      inputs(doc, 'input[data-expect]')
        .map((b) => b.value)
        .join(''),
    ).toBe('314159');
    expect(inputs(doc, 'input[name="name"]')[0]!.value).toBe('');
  });
});
