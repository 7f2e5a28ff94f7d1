/**
 * The fill agent: what `entrypoints/fill-agent.ts` installs in a frame's isolated world when the
 * user asks for a fill. It holds no code and asks for none: the background calls `probe` to learn
 * whether the frame has a field, then calls `fill(code)` in the one frame it chose (both through
 * `scripting.executeScript({ func, args })` in the isolated world, which the page's own scripts
 * cannot see or call). After a fill the agent removes itself.
 */
import { findOtpField } from './find-otp-field';
import { fillCode } from './fill-code';
import type { FrameProbe } from '../../lib/autofill/choose-fill-frame';

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
}

/** The agent over `doc` (the frame's document). */
export function createFillAgent(doc: Document): FillAgent {
  // The agent is injected only after the user asked for a fill (popup, command, menu), so both the
  // probe and the fill are explicit: the page's single usable text field counts (docs/autofill.md).
  const find = () => findOtpField(doc, { explicit: true });
  return {
    probe: () => ({ origin: doc.defaultView?.location?.origin ?? '', found: find() !== null }),
    fill: (code) => {
      const target = find();
      if (!target) return false;
      fillCode(target, code);
      return true;
    },
  };
}

/** Installs the agent under `FILL_AGENT_KEY` on `scope` (the isolated world's `globalThis`). */
export function installFillAgent(scope: Record<string, unknown>, doc: Document): void {
  const agent = createFillAgent(doc);
  scope[FILL_AGENT_KEY] = {
    probe: agent.probe,
    fill: (code: string) => {
      delete scope[FILL_AGENT_KEY];
      return agent.fill(code);
    },
  } satisfies FillAgent;
}
