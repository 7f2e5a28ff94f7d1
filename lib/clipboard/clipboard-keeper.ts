/**
 * Takes a copied one-time code or recovery code off the clipboard after a while, but only if the
 * clipboard still holds exactly what Sesame put there: whatever the user copied since is theirs
 * and is left alone. It remembers only the last copy (a newer copy replaces the older one on the
 * clipboard anyway) and forgets it once checked. Free of browser APIs: the clipboard and the timer
 * come in, so the rule is unit-tested in Node. It runs where a document is (the offscreen document
 * in Chrome, the background page in Firefox), since reading the clipboard needs one.
 */
export interface ClipboardAccess {
  /** The clipboard's text, or null when it cannot be read (or holds no text). */
  read(): string | null;
  /** Replaces the clipboard's content with `text`; false when that failed. */
  write(text: string): boolean;
}

export interface KeeperTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type ClearOutcome = 'cleared' | 'changed' | 'nothing';

export class ClipboardKeeper {
  private pending: { readonly text: string; readonly timer: unknown } | null = null;

  /** `onIdle`: called once nothing is pending any more (the offscreen document then closes). */
  constructor(
    private readonly clipboard: ClipboardAccess,
    private readonly timers: KeeperTimers,
    private readonly onIdle: () => void = () => {},
  ) {}

  get isPending(): boolean {
    return this.pending !== null;
  }

  /** Clears `text` from the clipboard after `delayMs`, if it is still there then. */
  clearLater(text: string, delayMs: number): void {
    if (this.pending) this.timers.clearTimeout(this.pending.timer);
    const timer = this.timers.setTimeout(() => void this.clearNow(), Math.max(0, delayMs));
    this.pending = { text, timer };
  }

  /** Clears now (the vault locked, or the time is up) if the clipboard still holds the copied text. */
  clearNow(): ClearOutcome {
    const pending = this.pending;
    if (!pending) return 'nothing';
    this.timers.clearTimeout(pending.timer);
    this.pending = null;
    let outcome: ClearOutcome = 'changed';
    if (this.clipboard.read() === pending.text) outcome = this.clipboard.write('') ? 'cleared' : 'changed';
    this.onIdle();
    return outcome;
  }
}
