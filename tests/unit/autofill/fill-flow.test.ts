import { describe, expect, it, vi } from 'vitest';
import { FillFlow, PENDING_FILL_KEY, type FillFlowDeps, type PickResult } from '../../../lib/autofill/fill-flow';
import { toWire, type WireAccount } from '../../../lib/messaging/account-wire';
import type { Account } from '../../../lib/otp/account';
import type { FrameProbe } from '../../../lib/autofill/choose-fill-frame';
import { fail, ok } from '../../../lib/result';
import { memoryStore } from '../../../lib/store/key-value-store';

// RFC 6238 Appendix B / RFC 4226 Appendix D secret: ASCII "12345678901234567890".
const SECRET = new TextEncoder().encode('12345678901234567890');

function account(over: Partial<Account> & { id: string; issuer: string }): Account {
  return {
    type: 'totp',
    algorithm: 'SHA1',
    digits: 8,
    period: 30,
    label: 'alice',
    secret: SECRET,
    note: '',
    tags: [],
    pinned: false,
    order: 'a0',
    sites: [],
    recoveryCodes: [],
    createdAt: 0,
    updatedAt: 0,
    ...over,
  } as Account;
}

const GITHUB = account({ id: 'gh', issuer: 'GitHub', sites: ['https://github.com'] });
const ACME = account({ id: 'acme', issuer: 'Acme' });
const HOTP = account({ id: 'h', issuer: 'Counter', type: 'hotp', digits: 6, counter: 0, sites: ['https://counter.example'] });

interface Opts {
  url?: string;
  accounts?: readonly Account[];
  phase?: 'unlocked' | 'locked';
  probes?: FrameProbe[];
  now?: number;
  offset?: number;
  save?: typeof ok | typeof fail;
  /** What the picker reports (default: a field picked in the page's own origin). */
  picked?: PickResult;
  /** Runs while the picker waits for the user (the world may change meanwhile). */
  duringPick?: (world: { setNow(t: number): void; setUrl(u: string): void; lock(): void }) => void;
  /** Whether the agent could type into the picked field. */
  pickedFills?: boolean;
}

function setup(opts: Opts = {}) {
  let url = opts.url ?? 'https://github.com/sessions/two-factor';
  let phase = opts.phase ?? 'unlocked';
  const filled: { frameId: number; code: string }[] = [];
  const steps: string[] = [];
  const session = memoryStore();
  let now = opts.now ?? 59_000;
  const world = { setNow: (t: number) => void (now = t), setUrl: (u: string) => void (url = u), lock: () => void (phase = 'locked') };
  const deps = {
    state: vi.fn(async () => ({
      phase,
      settings: { autoLockMinutes: 15, timeOffsetSeconds: opts.offset ?? 0 },
      ...(phase === 'locked' ? {} : { accounts: (opts.accounts ?? [GITHUB, ACME, HOTP]).map((a) => toWire(a)) }),
    })),
    hotpNext: vi.fn(async () => ok(null)),
    saveAccount: vi.fn(async (_a: WireAccount) => {
      steps.push('save');
      return opts.save === fail ? fail('err_locked') : ok(null);
    }),
    tabUrl: vi.fn(async () => url),
    probe: vi.fn(async () => {
      steps.push('probe');
      return opts.probes ?? [{ frameId: 0, origin: new URL(url).origin, found: true }];
    }),
    fill: vi.fn(async (_tab: number, frameId: number, code: string) => {
      filled.push({ frameId, code });
      return true;
    }),
    pick: vi.fn(async (_tab: number, _codeLength: number): Promise<PickResult> => {
      steps.push('pick');
      const origin = new URL(url).origin;
      opts.duringPick?.(world);
      return opts.picked ?? { kind: 'picked', origin };
    }),
    fillPicked: vi.fn(async (_tab: number, code: string) => {
      steps.push('fillPicked');
      if (opts.pickedFills === false) return false;
      filled.push({ frameId: 0, code });
      return true;
    }),
    endPick: vi.fn(async (_tab: number, _key: string) => void steps.push('endPick')),
    now: () => now,
    logFilled: vi.fn(async () => null),
    session,
  } satisfies FillFlowDeps;
  return { flow: new FillFlow(deps), deps, filled, steps, session, setNow: world.setNow };
}

describe('FillFlow.fill', () => {
  it("fills the RFC 6238 code for the time plus the user's clock offset into a saved site", async () => {
    // T = 59 s -> 94287082; T = 1111111109 s -> 07081804 (RFC 6238 Appendix B, SHA-1).
    const plain = setup();
    expect(await plain.flow.fill({ accountId: 'gh', tabId: 7 })).toEqual(ok({ kind: 'filled' }));
    expect(plain.filled).toEqual([{ frameId: 0, code: '94287082' }]);
    expect(plain.deps.saveAccount).not.toHaveBeenCalled();
    const offset = setup({ offset: 1111111109 - 59 });
    await offset.flow.fill({ accountId: 'gh', tabId: 7 });
    expect(offset.filled).toEqual([{ frameId: 0, code: '07081804' }]);
    expect(offset.deps.logFilled).toHaveBeenCalledWith('gh', 'https://github.com');
  });

  it('a site saved by Sesame 0.1 (a bare name) fills on https', async () => {
    const { flow, filled } = setup({ accounts: [account({ id: 'old', issuer: 'GitHub', sites: ['github.com'] })] });
    expect(await flow.fill({ accountId: 'old', tabId: 7 })).toEqual(ok({ kind: 'filled' }));
    expect(filled).toHaveLength(1);
  });

  it('refuses while locked, without touching the page', async () => {
    const { flow, deps } = setup({ phase: 'locked' });
    expect(await flow.fill({ accountId: 'gh', tabId: 7 })).toEqual({ ok: false, problem: { code: 'err_locked' } });
    expect(deps.probe).not.toHaveBeenCalled();
  });

  it('refuses pages that are not web pages, and unknown accounts', async () => {
    expect(await setup({ url: 'chrome://newtab/' }).flow.fill({ accountId: 'gh', tabId: 7 })).toEqual({
      ok: false,
      problem: { code: 'err_autofill_not_web_page' },
    });
    expect(await setup().flow.fill({ accountId: 'nope', tabId: 7 })).toEqual({ ok: false, problem: { code: 'err_account_missing' } });
  });

  it('another site: asks, naming the account and both sites, and injects nothing until answered for this very site', async () => {
    const { flow, deps, filled } = setup({ url: 'https://github-login.example/login' });
    const asked = await flow.fill({ accountId: 'gh', tabId: 7 });
    expect(asked).toEqual(
      ok({ kind: 'confirm', issuer: 'GitHub', accountSites: ['https://github.com'], pageSite: 'https://github-login.example' }),
    );
    expect(deps.probe).not.toHaveBeenCalled();
    expect(deps.fill).not.toHaveBeenCalled();
    // An answer for another site (the tab navigated meanwhile) does not count.
    expect((await flow.fill({ accountId: 'gh', tabId: 7, confirmedSite: 'https://github.com' })).ok && filled).toEqual([]);
    expect(await flow.fill({ accountId: 'gh', tabId: 7, confirmedSite: 'https://github-login.example' })).toEqual(ok({ kind: 'filled' }));
    expect(filled).toEqual([{ frameId: 0, code: '94287082' }]);
    // "Fill anyway" does not save the site unless asked to.
    expect(deps.saveAccount).not.toHaveBeenCalled();
  });

  it('an http page for an https site asks; "also remember" saves it', async () => {
    const { flow, deps } = setup({ url: 'http://github.com/login' });
    expect(await flow.fill({ accountId: 'gh', tabId: 7 })).toEqual(
      ok({ kind: 'confirm', issuer: 'GitHub', accountSites: ['https://github.com'], pageSite: 'http://github.com' }),
    );
    expect(await flow.fill({ accountId: 'gh', tabId: 7, confirmedSite: 'http://github.com', remember: true })).toEqual(
      ok({ kind: 'filled', savedSite: 'http://github.com' }),
    );
    expect(deps.saveAccount.mock.calls[0]![0].sites).toEqual(['https://github.com', 'http://github.com']);
  });

  it('no saved site yet: asks "fill and remember" even where the issuer names the site; one answer saves, then fills', async () => {
    const { flow, deps, filled, steps } = setup({ url: 'https://login.acme.example/' });
    expect(await flow.fill({ accountId: 'acme', tabId: 7 })).toEqual(
      ok({ kind: 'confirm', issuer: 'Acme', accountSites: [], pageSite: 'https://acme.example' }),
    );
    expect(deps.probe).not.toHaveBeenCalled();
    expect(await flow.fill({ accountId: 'acme', tabId: 7, confirmedSite: 'https://acme.example' })).toEqual(
      ok({ kind: 'filled', savedSite: 'https://acme.example' }),
    );
    expect(deps.saveAccount.mock.calls[0]![0].sites).toEqual(['https://acme.example']);
    expect(steps).toEqual(['save', 'probe']);
    expect(filled).toHaveLength(1);
  });

  it('a site that cannot be saved (vault locked meanwhile) fills nothing', async () => {
    const { flow, deps } = setup({ url: 'https://acme.example/', save: fail });
    expect(await flow.fill({ accountId: 'acme', tabId: 7, confirmedSite: 'https://acme.example' })).toEqual({
      ok: false,
      problem: { code: 'err_locked' },
    });
    expect(deps.probe).not.toHaveBeenCalled();
  });

  it("HOTP: fills the current counter's code (RFC 4226 counter 0 = 755224), then moves the counter on", async () => {
    const { flow, deps, filled } = setup({ url: 'https://counter.example/' });
    await flow.fill({ accountId: 'h', tabId: 7 });
    expect(filled).toEqual([{ frameId: 0, code: '755224' }]);
    expect(deps.hotpNext).toHaveBeenCalledWith('h');
  });

  it('with no field: returns the code for the popup to copy, and an HOTP counter moves on as after a fill', async () => {
    const { flow, deps } = setup({
      url: 'https://counter.example/',
      probes: [{ frameId: 0, origin: 'https://counter.example', found: false }],
    });
    expect(await flow.fill({ accountId: 'h', tabId: 7 })).toEqual(ok({ kind: 'no-field', code: '755224' }));
    expect(deps.fill).not.toHaveBeenCalled();
    expect(deps.hotpNext).toHaveBeenCalledWith('h');
    expect(deps.logFilled).not.toHaveBeenCalled();
  });

  it('fills a same-site subframe, never a third-party frame', async () => {
    const sameSite = setup({
      probes: [
        { frameId: 0, origin: 'https://github.com', found: false },
        { frameId: 3, origin: 'https://evil.example', found: true },
        { frameId: 5, origin: 'https://auth.github.com', found: true },
      ],
    });
    await sameSite.flow.fill({ accountId: 'gh', tabId: 7 });
    expect(sameSite.filled.map((f) => f.frameId)).toEqual([5]);
    const thirdParty = setup({
      probes: [
        { frameId: 0, origin: 'https://github.com', found: false },
        { frameId: 3, origin: 'https://evil.example', found: true },
      ],
    });
    expect((await thirdParty.flow.fill({ accountId: 'gh', tabId: 7 })).ok).toBe(true);
    expect(thirdParty.filled).toEqual([]);
  });

  it('checks the wire: a malformed request is refused', async () => {
    const { flow, deps } = setup();
    expect(await flow.handle({ type: 'autofill-fill', accountId: 'gh', tabId: 'x' as unknown as number })).toEqual({
      ok: false,
      problem: { code: 'err_internal' },
    });
    expect(await flow.handle({ type: 'autofill-remember' } as never)).toEqual({ ok: false, problem: { code: 'err_internal' } });
    expect(deps.probe).not.toHaveBeenCalled();
  });

  it('handle: `remember` counts only with an answer for the site', async () => {
    const { flow, deps } = setup({ url: 'https://github-login.example/' });
    expect(await flow.handle({ type: 'autofill-fill', accountId: 'gh', tabId: 7, remember: true })).toMatchObject({
      ok: true,
      value: { kind: 'confirm' },
    });
    expect(deps.saveAccount).not.toHaveBeenCalled();
  });
});

describe('FillFlow.pick ("Click the field")', () => {
  it('waits for the pick, then fills the code for the moment of the pick (RFC 6238), logs it, and tells the picker only the length', async () => {
    // Asked at T = 59 s; the user clicks the field at T = 1111111109 s -> 07081804 (RFC 6238 Appendix B).
    const { flow, deps, filled, steps } = setup({ duringPick: (w) => w.setNow(1111111109_000) });
    expect(await flow.handle({ type: 'autofill-pick', accountId: 'gh', tabId: 7 })).toEqual(ok({ kind: 'filled' }));
    expect(steps).toEqual(['pick', 'fillPicked']);
    expect(deps.pick).toHaveBeenCalledWith(7, 8);
    expect(filled).toEqual([{ frameId: 0, code: '07081804' }]);
    expect(deps.logFilled).toHaveBeenCalledWith('gh', 'https://github.com');
    expect(deps.probe).not.toHaveBeenCalled();
  });

  it('another site: the question comes first and nothing is injected until it is answered for this site', async () => {
    const { flow, deps, filled, steps } = setup({ url: 'https://github-login.example/login' });
    expect(await flow.pick({ accountId: 'gh', tabId: 7 })).toEqual(
      ok({ kind: 'confirm', issuer: 'GitHub', accountSites: ['https://github.com'], pageSite: 'https://github-login.example' }),
    );
    expect(await flow.pick({ accountId: 'gh', tabId: 7, confirmedSite: 'https://github.com' })).toMatchObject({
      ok: true,
      value: { kind: 'confirm' },
    });
    expect(deps.pick).not.toHaveBeenCalled();
    expect(await flow.pick({ accountId: 'gh', tabId: 7, confirmedSite: 'https://github-login.example' })).toEqual(ok({ kind: 'filled' }));
    expect(steps).toEqual(['pick', 'fillPicked']);
    expect(filled).toHaveLength(1);
  });

  it('no saved site yet: "fill and remember" saves the site before the picker starts', async () => {
    const { flow, deps, steps } = setup({ url: 'https://acme.example/' });
    expect(await flow.pick({ accountId: 'acme', tabId: 7, confirmedSite: 'https://acme.example' })).toEqual(
      ok({ kind: 'filled', savedSite: 'https://acme.example' }),
    );
    expect(steps).toEqual(['save', 'pick', 'fillPicked']);
    expect(deps.pick).toHaveBeenCalledWith(7, 8);
  });

  it.each(['cancelled', 'timeout', 'left', 'replaced'] as const)(
    'a picker that ended (%s) fills nothing, logs nothing, moves no counter',
    async (reason) => {
      const { flow, deps } = setup({ url: 'https://counter.example/', picked: { kind: 'ended', reason } });
      expect(await flow.pick({ accountId: 'h', tabId: 7 })).toEqual(ok({ kind: 'pick-ended', reason }));
      expect(deps.fillPicked).not.toHaveBeenCalled();
      expect(deps.hotpNext).not.toHaveBeenCalled();
      expect(deps.logFilled).not.toHaveBeenCalled();
    },
  );

  it('HOTP: fills counter 0 (RFC 4226: 755224) and moves the counter on; a field gone before the code arrived moves nothing', async () => {
    const filledOne = setup({ url: 'https://counter.example/' });
    expect(await filledOne.flow.pick({ accountId: 'h', tabId: 7 })).toEqual(ok({ kind: 'filled' }));
    expect(filledOne.filled).toEqual([{ frameId: 0, code: '755224' }]);
    expect(filledOne.deps.pick).toHaveBeenCalledWith(7, 6);
    expect(filledOne.deps.hotpNext).toHaveBeenCalledWith('h');
    const gone = setup({ url: 'https://counter.example/', pickedFills: false });
    expect(await gone.flow.pick({ accountId: 'h', tabId: 7 })).toEqual(ok({ kind: 'pick-ended', reason: 'not-filled' }));
    expect(gone.deps.hotpNext).not.toHaveBeenCalled();
    expect(gone.deps.logFilled).not.toHaveBeenCalled();
  });

  it('the vault locked while the picker waited: no code is computed or handed over, and the page says why', async () => {
    const { flow, deps, steps } = setup({ duringPick: (w) => w.lock() });
    expect(await flow.pick({ accountId: 'gh', tabId: 7 })).toEqual({ ok: false, problem: { code: 'err_locked' } });
    expect(steps).toEqual(['pick', 'endPick']);
    expect(deps.endPick).toHaveBeenCalledWith(7, 'err_locked');
  });

  it("the tab went to another site, or the picked field is in another site's frame: nothing is handed over", async () => {
    const moved = setup({ duringPick: (w) => w.setUrl('https://github-login.example/') });
    expect(await moved.flow.pick({ accountId: 'gh', tabId: 7 })).toEqual(ok({ kind: 'pick-ended', reason: 'left' }));
    expect(moved.deps.fillPicked).not.toHaveBeenCalled();
    expect(moved.deps.endPick).toHaveBeenCalledWith(7, 'autofill_pick_left');
    const frame = setup({ picked: { kind: 'picked', origin: 'https://evil.example' } });
    expect(await frame.flow.pick({ accountId: 'gh', tabId: 7 })).toEqual(ok({ kind: 'pick-ended', reason: 'left' }));
    expect(frame.deps.fillPicked).not.toHaveBeenCalled();
    // A subdomain of the same site is the same site.
    const sub = setup({ picked: { kind: 'picked', origin: 'https://auth.github.com' } });
    expect(await sub.flow.pick({ accountId: 'gh', tabId: 7 })).toEqual(ok({ kind: 'filled' }));
  });

  it('a Steam account tells the picker its 5 characters; a locked vault or a malformed request starts no picker', async () => {
    const steam = account({ id: 's', issuer: 'Steam', type: 'steam', sites: ['https://github.com'] });
    const s = setup({ accounts: [steam] });
    await s.flow.pick({ accountId: 's', tabId: 7 });
    expect(s.deps.pick).toHaveBeenCalledWith(7, 5);
    expect(s.filled[0]!.code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    const locked = setup({ phase: 'locked' });
    expect(await locked.flow.pick({ accountId: 'gh', tabId: 7 })).toEqual({ ok: false, problem: { code: 'err_locked' } });
    expect(await locked.flow.handle({ type: 'autofill-pick', accountId: 7 as unknown as string, tabId: 7 })).toEqual({
      ok: false,
      problem: { code: 'err_internal' },
    });
    expect(locked.deps.pick).not.toHaveBeenCalled();
  });
});

describe('FillFlow.fillBest (keyboard command, context menu)', () => {
  it("fills the one account with the page's site saved, into the clicked frame", async () => {
    const { flow, deps, filled } = setup({ probes: [{ frameId: 4, origin: 'https://github.com', found: true }] });
    expect(await flow.fillBest(7, 4)).toEqual(ok({ kind: 'filled' }));
    expect(deps.probe).toHaveBeenCalledWith(7, 4);
    expect(filled).toEqual([{ frameId: 4, code: '94287082' }]);
  });

  it('never fills on a look-alike site, another scheme, with several matches, none, or while locked', async () => {
    for (const [opts, reason] of [
      [{ url: 'https://github-login.example/' }, 'none'],
      [{ url: 'https://github.co.uk/' }, 'none'],
      [{ url: 'http://github.com/' }, 'none'],
      [{ accounts: [GITHUB, account({ id: 'gh2', issuer: 'GitHub', sites: ['https://github.com'] })] }, 'several'],
      [{ url: 'https://example.org/' }, 'none'],
      [{ phase: 'locked' as const }, 'locked'],
      [{ url: 'file:///tmp/x.html' }, 'not-web-page'],
    ] as const) {
      const { flow, deps } = setup(opts);
      expect(await flow.fillBest(7)).toEqual(ok({ kind: 'open-popup', reason }));
      expect(deps.probe).not.toHaveBeenCalled();
      expect(deps.fill).not.toHaveBeenCalled();
    }
  });

  it('one likely account with no saved site: nothing filled, the question waits for the popup, once', async () => {
    const { flow, deps, session, setNow } = setup({ url: 'https://www.acme.example/' });
    expect(await flow.fillBest(7)).toEqual(ok({ kind: 'open-popup', reason: 'ask' }));
    expect(deps.probe).not.toHaveBeenCalled();
    expect(session.data.get(PENDING_FILL_KEY)).toEqual({ accountId: 'acme', tabId: 7, at: 59_000 });
    // A popup bound to another tab does not take it (nor drop it).
    expect(await flow.handle({ type: 'autofill-take-pending', tabId: 8 })).toEqual(ok(null));
    expect(await flow.handle({ type: 'autofill-take-pending', tabId: 7 })).toEqual(ok({ accountId: 'acme', tabId: 7 }));
    expect(await flow.handle({ type: 'autofill-take-pending', tabId: 7 })).toEqual(ok(null));
    // A question left minutes ago is dropped.
    await flow.fillBest(7);
    setNow(59_000 + 3 * 60_000);
    expect(await flow.takePending(7)).toBeNull();
  });

  it('no field: says so, and an HOTP counter does not move (the code went nowhere)', async () => {
    const { flow, deps } = setup({
      url: 'https://counter.example/',
      probes: [{ frameId: 0, origin: 'https://counter.example', found: false }],
    });
    expect(await flow.fillBest(7)).toEqual(ok({ kind: 'no-field' }));
    expect(deps.hotpNext).not.toHaveBeenCalled();
  });
});

describe('FillFlow.forSite ("For this site" in the popup)', () => {
  it("answers the tab's site and its accounts: saved ones first, then likely ones with no site yet, pinned before others", async () => {
    const gist = account({ id: 'gist', issuer: 'Gist', sites: ['https://github.com'], pinned: true, order: 'a5' });
    const hub = account({ id: 'hub', issuer: 'GitHub', order: 'a1' });
    const other = account({ id: 'other', issuer: 'GitHub', sites: ['https://github.co.uk'] });
    const { flow, deps } = setup({ url: 'https://gist.github.com/x', accounts: [GITHUB, ACME, hub, other, gist] });
    expect(await flow.handle({ type: 'autofill-site', tabId: 7 })).toEqual(
      ok({ site: 'https://github.com', accountIds: ['gist', 'gh', 'hub'] }),
    );
    expect(deps.probe).not.toHaveBeenCalled();
  });

  it('is null for a tab that is no web page or that the extension may not see, and refused while locked', async () => {
    expect(await setup({ url: 'chrome://settings/' }).flow.forSite(7)).toEqual(ok(null));
    const hidden = setup();
    hidden.deps.tabUrl.mockRejectedValueOnce(new Error('No tab with id: 7'));
    expect(await hidden.flow.forSite(7)).toEqual(ok(null));
    expect(await setup({ phase: 'locked' }).flow.forSite(7)).toEqual(fail('err_locked'));
  });
});
