import { describe, expect, it } from 'vitest';
import { FILL_AGENT_KEY, createFillAgent, installFillAgent, type FillAgent } from '../../../../page/autofill/fill-agent';
import { page } from './page';

describe('fill agent', () => {
  it('probes without changing the page, then fills the field', () => {
    const doc = page('<input type="email" name="email"><input name="otp" value="999999">');
    const agent = createFillAgent(doc);
    expect(agent.probe().found).toBe(true);
    expect(doc.querySelector<HTMLInputElement>('[name=otp]')!.value).toBe('999999');
    expect(agent.fill('123456')).toBe(true);
    expect(doc.querySelector<HTMLInputElement>('[name=otp]')!.value).toBe('123456');
    expect(doc.querySelector<HTMLInputElement>('[name=email]')!.value).toBe('');
  });

  it('reports no field and types nothing where there is none', () => {
    const doc = page('<input type="search" name="q"><input name="coupon">');
    const agent = createFillAgent(doc);
    expect(agent.probe().found).toBe(false);
    expect(agent.fill('123456')).toBe(false);
    expect(doc.querySelector<HTMLInputElement>('[name=coupon]')!.value).toBe('');
  });

  it('is one-shot: installed under its key, gone after a fill', () => {
    const scope: Record<string, unknown> = {};
    installFillAgent(scope, page('<input autocomplete="one-time-code">'));
    const agent = scope[FILL_AGENT_KEY] as FillAgent;
    expect(agent.probe().found).toBe(true);
    expect(agent.fill('654321')).toBe(true);
    expect(scope[FILL_AGENT_KEY]).toBeUndefined();
  });

  it("fills explicitly (it runs only after the user asked): the page's single usable text box counts", () => {
    const doc = page('<form><input name="key" placeholder="Enter code" autocomplete="off"><button>Verify</button></form>');
    const agent = createFillAgent(doc);
    expect(agent.probe().found).toBe(true);
    expect(agent.fill('123456')).toBe(true);
    expect(doc.querySelector<HTMLInputElement>('[name=key]')!.value).toBe('123456');
  });
});
