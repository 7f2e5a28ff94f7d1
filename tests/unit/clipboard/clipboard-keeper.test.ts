import { describe, expect, it } from 'vitest';
import { ClipboardKeeper, type KeeperTimers } from '../../../lib/clipboard/clipboard-keeper';
import { parseClipboardSettings } from '../../../lib/clipboard/clipboard-settings';

/** A clipboard and a clock under the test's control. */
function setup() {
  const board = { text: '' as string | null, writes: 0 };
  let now = 0;
  const timers: { at: number; f: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: KeeperTimers = {
    setTimeout: (f, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, f, id });
      return id;
    },
    clearTimeout: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.filter((x) => x.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.f();
    }
  };
  let idle = 0;
  const keeper = new ClipboardKeeper(
    { read: () => board.text, write: (t) => ((board.text = t), board.writes++, true) },
    clock,
    () => idle++,
  );
  return { board, keeper, advance, idle: () => idle, timers };
}

describe('ClipboardKeeper: a copied code leaves the clipboard after the delay, only if it is still there', () => {
  it('clears the code when the time is up', () => {
    const { board, keeper, advance, idle } = setup();
    board.text = '287082';
    keeper.clearLater('287082', 30_000);
    advance(29_999);
    expect(board.text).toBe('287082');
    advance(1);
    expect(board.text).toBe('');
    expect(keeper.isPending).toBe(false);
    expect(idle()).toBe(1);
  });

  it('leaves alone what the user copied since', () => {
    const { board, keeper, advance } = setup();
    board.text = '287082';
    keeper.clearLater('287082', 30_000);
    board.text = 'a note the user copied';
    advance(30_000);
    expect(board.text).toBe('a note the user copied');
    expect(board.writes).toBe(0);
  });

  it('leaves alone a clipboard it cannot read', () => {
    const { board, keeper, advance } = setup();
    keeper.clearLater('287082', 30_000);
    board.text = null;
    advance(30_000);
    expect(board.writes).toBe(0);
  });

  it('a second copy replaces the first and restarts the delay', () => {
    const { board, keeper, advance, timers } = setup();
    board.text = '111111';
    keeper.clearLater('111111', 30_000);
    advance(20_000);
    board.text = 'ab1cd-ef2gh';
    keeper.clearLater('ab1cd-ef2gh', 30_000);
    expect(timers).toHaveLength(1);
    advance(20_000);
    expect(board.text).toBe('ab1cd-ef2gh');
    advance(10_000);
    expect(board.text).toBe('');
  });

  it('clearNow (a lock) clears at once and cancels the timer; with nothing copied it does nothing', () => {
    const { board, keeper, timers } = setup();
    expect(keeper.clearNow()).toBe('nothing');
    board.text = '287082';
    keeper.clearLater('287082', 30_000);
    expect(keeper.clearNow()).toBe('cleared');
    expect(board.text).toBe('');
    expect(timers).toHaveLength(0);
    expect(keeper.clearNow()).toBe('nothing');
  });
});

describe('parseClipboardSettings', () => {
  it('is on (30 s) by default and for anything malformed', () => {
    for (const stored of [undefined, null, {}, { clearAfterSeconds: 'x' }, { clearAfterSeconds: NaN }, 'text']) {
      expect(parseClipboardSettings(stored)).toEqual({ clearAfterSeconds: 30 });
    }
  });
  it('0 or less turns clearing off; other values are clamped to 5..600 seconds', () => {
    expect(parseClipboardSettings({ clearAfterSeconds: 0 })).toEqual({ clearAfterSeconds: 0 });
    expect(parseClipboardSettings({ clearAfterSeconds: -3 })).toEqual({ clearAfterSeconds: 0 });
    expect(parseClipboardSettings({ clearAfterSeconds: 1 })).toEqual({ clearAfterSeconds: 5 });
    expect(parseClipboardSettings({ clearAfterSeconds: 45.4 })).toEqual({ clearAfterSeconds: 45 });
    expect(parseClipboardSettings({ clearAfterSeconds: 1e9 })).toEqual({ clearAfterSeconds: 600 });
  });
});
