/**
 * The fill agent: what `entrypoints/fill-agent.ts` installs in a frame's isolated world when the
 * user asks for a fill. It holds no code and asks for none: the background calls `probe` to learn
 * whether the frame has a field, then calls `fill(code)` in the one frame it chose (both through
 * `scripting.executeScript({ func, args })` in the isolated world, which the page's own scripts
 * cannot see or call). After a fill the agent removes itself.
 *
 * "Click the field" (field-picker.ts) works the same way: `pick` runs the picker and resolves
 * when the user picked a field (or the picker ended), still without a code; the background then
 * calls `fillPicked(code)`, or `endPick(text)` to say why it will not.
 */
import { findOtpField } from './find-otp-field';
import { fillCode } from './fill-code';
import type { FrameProbe } from '../../lib/autofill/choose-fill-frame';
import { browserPickerEnv, startFieldPicker, type FieldPicker, type PickerEnv, type PickerOptions, type PickOutcome } from './field-picker';

/** The isolated-world global the agent lives under (per frame, per extension). */
export const FILL_AGENT_KEY = '__sesameFillAgent';

export interface FillAgent {
  /** Whether this frame (with its same-origin frames and shadow roots) has a code field. */
  probe(): Omit<FrameProbe, 'frameId'>;
  /**
   * Types `code` into the field; true when a field was found and typed into. (Whether the page
   * keeps the value is the page's business: some format it, e.g. "123 456".)
   */
  fill(code: string): boolean;
  /** Runs the field picker (one at a time: a newer one ends the older as `replaced`). */
  pick(options: PickerOptions): Promise<PickOutcome>;
  /** Types `code` into the picked field; false when nothing was picked or the field is gone. */
  fillPicked(code: string): boolean;
  /** Ends the picker: a running pick as `cancelled`; after a pick, showing `text` (why nothing was filled). */
  endPick(text?: string): void;
  /** Ends whatever the agent is doing (a newer agent replaces it). */
  stop(): void;
}

/** The agent over `doc` (the frame's document). */
export function createFillAgent(doc: Document, env: PickerEnv = browserPickerEnv): FillAgent {
  // The agent is injected only after the user asked for a fill (popup, command, menu), so both the
  // probe and the fill are explicit: the page's single usable text field counts (docs/autofill.md).
  const find = () => findOtpField(doc, { explicit: true });
  let picker: FieldPicker | null = null;
  return {
    probe: () => ({ origin: doc.defaultView?.location?.origin ?? '', found: find() !== null }),
    fill: (code) => {
      const target = find();
      if (!target) return false;
      fillCode(target, code);
      return true;
    },
    pick: (options) => {
      picker?.stop('replaced');
      picker = startFieldPicker(doc, options, env);
      return picker.outcome;
    },
    fillPicked: (code) => {
      const target = picker?.target() ?? null;
      const inputs = target ? (target.kind === 'single' ? [target.input] : target.inputs) : [];
      // The field may have gone (or been disabled) between the click and the code's arrival.
      const fits = inputs.length > 0 && inputs.every((i) => i.isConnected && !i.hasAttribute('disabled') && !i.hasAttribute('readonly'));
      if (target && fits) fillCode(target, code);
      picker?.finish();
      return target !== null && fits;
    },
    endPick: (text) => {
      picker?.stop('cancelled');
      picker?.finish(text);
    },
    stop: () => picker?.stop('replaced'),
  };
}

/** Installs the agent under `FILL_AGENT_KEY` on `scope` (the isolated world's `globalThis`). */
export function installFillAgent(scope: Record<string, unknown>, doc: Document, env?: PickerEnv): void {
  // A fill or a pick started later replaces a picker still running in this frame.
  (scope[FILL_AGENT_KEY] as FillAgent | undefined)?.stop?.();
  const agent = createFillAgent(doc, env);
  const done = () => {
    if (scope[FILL_AGENT_KEY] === installed) delete scope[FILL_AGENT_KEY];
  };
  const installed: FillAgent = {
    ...agent,
    fill: (code) => {
      done();
      return agent.fill(code);
    },
    fillPicked: (code) => {
      done();
      return agent.fillPicked(code);
    },
  };
  scope[FILL_AGENT_KEY] = installed;
}
