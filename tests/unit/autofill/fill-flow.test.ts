import { describe, expect, it, vi } from 'vitest';
import { FillFlow, type FillFlowDeps } from '../../../lib/background/fill-flow';
import { toWire, type WireAccount } from '../../../lib/messages/account-wire';
import type { Account } from '../../../lib/otp/account';
import type { FrameProbe } from '../../../lib/autofill/choose-fill-frame';
import { ok } from '../../../lib/result';
import { memoryStore } from '../../../lib/service/key-value-store';

// RFC 6238 Appendix B / RFC 4226 Appendix D secret: ASCII "12345678901234567890".
const SECRET = new TextEncoder().encode('12345678901234567890');

function account(over: Partial<Account> & { id: string; issuer: string }): Account {
  return {
    type: 'totp', algorithm: 'SHA1', digits: 8, period: 30, label: 'alice', secret: SECRET, note: '', tags: [],
    pinned: false, order: 0, sites: [], recoveryCodes: [], createdAt: 0, updatedAt: 0, ...over,
  } as Account;
}

const GITHUB = account({ id: 'gh', issuer: 'GitHub', sites: ['github.com'] });
const ACME = account({ id: 'acme', issuer: 'Acme' });
const HOTP = account({ id: 'h', issuer: 'Counter', type: 'hotp', digits: 6, counter: 0 } as Partial<Account> & { id: string; issuer: string });

function setup(opts: { url?: string; accounts?: readonly Account[]; phase?: 'unlocked' | 'locked'; probes?: FrameProbe[]; now?: number; offset?: number; session?: ReturnType<typeof memoryStore> } = {}) {
  const url = opts.url ?? 'https://github.com/sessions/two-factor';
  const filled: { frameId: number; code: string }[] = [];
  const deps = {
    state: vi.fn(async () => ({
      phase: opts.phase ?? 'unlocked',
      settings: { autoLockMinutes: 15, timeOffsetSeconds: opts.offset ?? 0 },
      ...(opts.phase === 'locked' ? {} : { accounts: (opts.accounts ?? [GITHUB, ACME, HOTP]).map((a) => toWire(a)) }),
    })),
    hotpNext: vi.fn(async () => ok(null)),
    saveAccount: vi.fn(async (_a: WireAccount) => ok(null)),
    tabUrl: vi.fn(async () => url),
    probe: vi.fn(async () => opts.probes ?? [{ frameId: 0, origin: new URL(url).origin, found: true }]),
    fill: vi.fn(async (_tab: number, frameId: number, code: string) => {
      filled.push({ frameId, code });
      return true;
    }),
    now: () => opts.now ?? 59_000,
    logFilled: vi.fn(async () => null),
    session: opts.session ?? memoryStore(),
  } satisfies FillFlowDeps;
  return { flow: new FillFlow(deps), deps, filled };
}

describe('FillFlow.fill', () => {
  it('fills the RFC 6238 code for the time plus the user\'s clock offset into a matching site', async () => {
    // T = 59 s -> 94287082; T = 1111111109 s -> 07081804 (RFC 6238 Appendix B, SHA-1).
    const plain = setup();
    expect(await plain.flow.fill({ accountId: 'gh', tabId: 7 })).toEqual(ok({ kind: 'filled' }));
    expect(plain.filled).toEqual([{ frameId: 0, code: '94287082' }]);
    const offset = setup({ offset: 1111111109 - 59 });
    await offset.flow.fill({ accountId: 'gh', tabId: 7 });
    expect(offset.filled).toEqual([{ frameId: 0, code: '07081804' }]);
    expect(offset.deps.logFilled).toHaveBeenCalledWith('gh', 'github.com');
  });

  it('refuses while locked, without touching the page', async () => {
    const { flow, deps } = setup({ phase: 'locked' });
    expect(await flow.fill({ accountId: 'gh', tabId: 7 })).toEqual({ ok: false, problem: { code: 'err_locked' } });
    expect(deps.probe).not.toHaveBeenCalled();
  });

  it('refuses pages that are not web pages, and unknown accounts', async () => {
    expect(await setup({ url: 'chrome://newtab/' }).flow.fill({ accountId: 'gh', tabId: 7 }))
      .toEqual({ ok: false, problem: { code: 'err_autofill_not_web_page' } });
    expect(await setup().flow.fill({ accountId: 'nope', tabId: 7 }))
      .toEqual({ ok: false, problem: { code: 'err_account_missing' } });
  });

  it('phishing guard: asks, naming both sites, and injects nothing until confirmed for this very site', async () => {
    const { flow, deps, filled } = setup({ url: 'https://github-login.example/login' });
    const asked = await flow.fill({ accountId: 'gh', tabId: 7 });
    expect(asked).toEqual(ok({ kind: 'confirm', accountSites: ['github.com'], pageSite: 'github-login.example' }));
    expect(deps.probe).not.toHaveBeenCalled();
    expect(deps.fill).not.toHaveBeenCalled();
    // A confirmation for another site (the tab navigated meanwhile) does not count.
    expect((await flow.fill({ accountId: 'gh', tabId: 7, confirmedSite: 'github.com' })).ok && filled).toEqual([]);
    expect(await flow.fill({ accountId: 'gh', tabId: 7, confirmedSite: 'github-login.example' })).toEqual(ok({ kind: 'filled' }));
    expect(filled).toEqual([{ frameId: 0, code: '94287082' }]);
  });

  it('an account with no sites whose issuer names another service: confirm naming the issuer, then offer to remember', async () => {
    const { flow, deps, filled } = setup({ url: 'https://acme-secure-login.example/' });
    expect(await flow.fill({ accountId: 'acme', tabId: 7 })).toEqual(ok({ kind: 'confirm', accountSites: ['Acme'], pageSite: 'acme-secure-login.example' }));
    expect(deps.probe).not.toHaveBeenCalled();
    expect(await flow.fill({ accountId: 'acme', tabId: 7, confirmedSite: 'acme-secure-login.example' }))
      .toEqual(ok({ kind: 'filled', rememberSite: 'acme-secure-login.example' }));
    expect(filled).toHaveLength(1);
  });

  it('a first fill on a new site fills and asks once to remember it', async () => {
    const { flow, deps } = setup({ url: 'https://login.acme.example/' });
    expect(await flow.fill({ accountId: 'acme', tabId: 7 })).toEqual(ok({ kind: 'filled', rememberSite: 'acme.example' }));
    expect(await flow.remember('acme', 'acme.example', false)).toEqual(ok(null));
    expect(deps.saveAccount).not.toHaveBeenCalled();
    expect(await flow.fill({ accountId: 'acme', tabId: 7 })).toEqual(ok({ kind: 'filled' }));
    // Kept in storage.session, so a restarted service worker (a new FillFlow) does not ask again.
    const restarted = setup({ url: 'https://login.acme.example/', session: deps.session as ReturnType<typeof memoryStore> });
    expect(await restarted.flow.fill({ accountId: 'acme', tabId: 7 })).toEqual(ok({ kind: 'filled' }));
  });

  it('remembering a site adds it to the account\'s sites', async () => {
    const { flow, deps } = setup();
    expect(await flow.handle({ type: 'autofill-remember', accountId: 'acme', site: 'acme.example', remember: true })).toEqual(ok(null));
    expect(deps.saveAccount).toHaveBeenCalledTimes(1);
    expect(deps.saveAccount.mock.calls[0]![0].sites).toEqual(['acme.example']);
  });

  it('HOTP: fills the current counter\'s code (RFC 4226 counter 0 = 755224), then moves the counter on', async () => {
    const { flow, deps, filled } = setup({ url: 'https://counter.example/' });
    await flow.fill({ accountId: 'h', tabId: 7 });
    expect(filled).toEqual([{ frameId: 0, code: '755224' }]);
    expect(deps.hotpNext).toHaveBeenCalledWith('h');
  });

  it('with no field: returns the code for the popup to copy and does not use up an HOTP counter', async () => {
    const { flow, deps } = setup({ url: 'https://counter.example/', probes: [{ frameId: 0, origin: 'https://counter.example', found: false }] });
    expect(await flow.fill({ accountId: 'h', tabId: 7 })).toEqual(ok({ kind: 'no-field', code: '755224' }));
    expect(deps.fill).not.toHaveBeenCalled();
    expect(deps.hotpNext).not.toHaveBeenCalled();
  });

  it('fills a same-site subframe, never a third-party frame', async () => {
    const sameSite = setup({ probes: [
      { frameId: 0, origin: 'https://github.com', found: false },
      { frameId: 3, origin: 'https://evil.example', found: true },
      { frameId: 5, origin: 'https://auth.github.com', found: true },
    ] });
    await sameSite.flow.fill({ accountId: 'gh', tabId: 7 });
    expect(sameSite.filled.map((f) => f.frameId)).toEqual([5]);
    const thirdParty = setup({ probes: [{ frameId: 0, origin: 'https://github.com', found: false }, { frameId: 3, origin: 'https://evil.example', found: true }] });
    expect((await thirdParty.flow.fill({ accountId: 'gh', tabId: 7 })).ok).toBe(true);
    expect(thirdParty.filled).toEqual([]);
  });

  it('checks the wire: a malformed request is refused', async () => {
    const { flow, deps } = setup();
    expect(await flow.handle({ type: 'autofill-fill', accountId: 'gh', tabId: 'x' as unknown as number })).toEqual({ ok: false, problem: { code: 'err_internal' } });
    expect(deps.probe).not.toHaveBeenCalled();
  });
});

describe('FillFlow.fillBest (keyboard command, context menu)', () => {
  it('fills the one account for the site, into the clicked frame', async () => {
    const { flow, deps, filled } = setup({ probes: [{ frameId: 4, origin: 'https://github.com', found: true }] });
    expect(await flow.fillBest(7, 4)).toEqual(ok({ kind: 'done', reply: { kind: 'filled' } }));
    expect(deps.probe).toHaveBeenCalledWith(7, 4);
    expect(filled).toEqual([{ frameId: 4, code: '94287082' }]);
  });

  it('never fills silently on a look-alike site, with several matches, none, or while locked', async () => {
    for (const [opts, reason] of [
      [{ url: 'https://github-login.example/' }, 'none'],
      [{ accounts: [GITHUB, account({ id: 'gh2', issuer: 'GitHub' })] }, 'several'],
      [{ url: 'https://example.org/' }, 'none'],
      [{ phase: 'locked' as const }, 'locked'],
      [{ url: 'file:///tmp/x.html' }, 'not-web-page'],
    ] as const) {
      const { flow, deps } = setup(opts);
      expect(await flow.fillBest(7)).toEqual(ok({ kind: 'open-popup', reason }));
      expect(deps.fill).not.toHaveBeenCalled();
    }
  });
});
