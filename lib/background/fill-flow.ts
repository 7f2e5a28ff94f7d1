/**
 * The background's side of a fill, free of browser APIs (they come in through `deps`) so the
 * whole decision is unit-tested in Node. Order matters and is the security model
 * (docs/autofill.md): look the account up (vault unlocked), read the tab's URL, run the phishing
 * guard, and only then compute the code and hand it to the one frame that has the field.
 */
import { fromWire, type WireAccount } from '../messages/account-wire';
import type { AutofillRequest, FillReply } from '../messages/autofill-protocol';
import type { StateReply } from '../messages/protocol';
import { fail, ok, type Result } from '../result';
import { codeAt } from '../otp/generate-code';
import { fillDecision, registrableDomain } from '../autofill/site-match';
import { chooseFillFrame, hostOf, type FrameProbe } from '../autofill/choose-fill-frame';
import { pickCommandAccount } from '../autofill/pick-command-account';
import type { KeyValueStore } from '../service/key-value-store';

export interface FillFlowDeps {
  /** The vault's state: accounts (when unlocked) and settings (the clock offset). */
  readonly state: () => Promise<StateReply>;
  /** Moves an HOTP account's counter on (RFC 4226 §7.2: a used counter value is never reused). */
  readonly hotpNext: (accountId: string) => Promise<Result<unknown>>;
  readonly saveAccount: (account: WireAccount) => Promise<Result<unknown>>;
  /** The tab's URL, or null when the extension may not see it (no activeTab grant). */
  readonly tabUrl: (tabId: number) => Promise<string | null>;
  /** Injects the agent (into `frameId`, or every frame) and asks each frame whether it has a field. */
  readonly probe: (tabId: number, frameId?: number) => Promise<FrameProbe[]>;
  /** Hands `code` to the agent in one frame; true when it found a field and typed the code. */
  readonly fill: (tabId: number, frameId: number, code: string) => Promise<boolean>;
  readonly now: () => number;
  /**
   * Where "don't remember this site" answers are kept: `storage.session` (the service worker
   * sleeps after seconds idle, so memory alone would ask again), gone when the browser quits.
   */
  readonly session: KeyValueStore;
  /** Records the fill in the activity log (account and site, never the code). */
  readonly logFilled?: (accountId: string, site: string) => Promise<unknown>;
}

export interface FillTarget {
  readonly accountId: string;
  readonly tabId: number;
  /** Only this frame (the context menu's); otherwise every frame is probed. */
  readonly frameId?: number;
  readonly confirmedSite?: string;
}

/** What the keyboard command / context menu did. */
export type CommandOutcome =
  | { readonly kind: 'done'; readonly reply: FillReply }
  /** The user has to choose, unlock or confirm in the popup. */
  | { readonly kind: 'open-popup'; readonly reason: 'locked' | 'none' | 'several' | 'not-web-page' | 'confirm' };

/** `storage.session` key: "accountId\nsite" pairs the user chose not to remember. */
export const DECLINED_SITES_KEY = 'autofillDeclinedSites';

export class FillFlow {
  constructor(private readonly deps: FillFlowDeps) {}

  /** "Remember this site?" answered no, per account and site; asked once per browser session. */
  private async declined(): Promise<string[]> {
    const stored = await this.deps.session.get(DECLINED_SITES_KEY);
    return Array.isArray(stored) ? stored.filter((k): k is string => typeof k === 'string') : [];
  }

  /** Handles a request from the popup (fields re-checked: the wire is not trusted blindly). */
  async handle(request: AutofillRequest): Promise<Result<unknown>> {
    if (request.type === 'autofill-fill') {
      if (typeof request.accountId !== 'string' || !Number.isInteger(request.tabId)) return fail('err_internal');
      const confirmedSite = typeof request.confirmedSite === 'string' ? request.confirmedSite : undefined;
      return this.fill({ accountId: request.accountId, tabId: request.tabId, ...(confirmedSite ? { confirmedSite } : {}) });
    }
    if (typeof request.accountId !== 'string' || typeof request.site !== 'string') return fail('err_internal');
    return this.remember(request.accountId, request.site, request.remember === true);
  }

  /** Fills `accountId`'s code into the tab, unless the phishing guard wants a confirmation first. */
  async fill(target: FillTarget): Promise<Result<FillReply>> {
    const state = await this.deps.state();
    if (state.phase !== 'unlocked') return fail('err_locked');
    const wire = state.accounts?.find((a) => a.id === target.accountId);
    if (!wire) return fail('err_account_missing');
    const host = hostOf((await this.deps.tabUrl(target.tabId)) ?? '');
    if (!host) return fail('err_autofill_not_web_page');

    const decision = fillDecision(wire, host);
    if (decision.kind === 'confirm-phishing' && target.confirmedSite !== decision.pageSite) {
      return ok({ kind: 'confirm', accountSites: decision.accountSites, pageSite: decision.pageSite });
    }
    // An account with no sites whose issuer names another service: confirm, naming the issuer.
    if (decision.kind === 'confirm-issuer' && target.confirmedSite !== decision.pageSite) {
      return ok({ kind: 'confirm', accountSites: [decision.issuer], pageSite: decision.pageSite });
    }

    const account = fromWire(wire);
    const code = codeAt(account, this.deps.now() + state.settings.timeOffsetSeconds * 1000);
    const probes = await this.deps.probe(target.tabId, target.frameId);
    const frame = chooseFillFrame(probes, host, wire);
    if (!frame || !(await this.deps.fill(target.tabId, frame.frameId, code))) return ok({ kind: 'no-field', code });

    if (account.type === 'hotp') {
      const moved = await this.deps.hotpNext(account.id);
      if (!moved.ok) return moved;
    }
    await this.deps.logFilled?.(account.id, registrableDomain(host)).catch(() => undefined);
    const newSite = decision.kind === 'ask-remember' ? decision.site : decision.kind === 'confirm-issuer' ? decision.pageSite : null;
    const ask = newSite !== null && !(await this.declined()).includes(declineKey(account.id, newSite));
    return ok(ask ? { kind: 'filled', rememberSite: newSite } : { kind: 'filled' });
  }

  /** The answer to "remember this site?": yes adds it to the account's sites, no is not asked again. */
  async remember(accountId: string, site: string, remember: boolean): Promise<Result<null>> {
    const clean = site.trim().toLowerCase();
    if (!clean) return fail('err_internal');
    if (!remember) {
      const declined = await this.declined();
      const key = declineKey(accountId, clean);
      if (!declined.includes(key)) await this.deps.session.set(DECLINED_SITES_KEY, [...declined, key].slice(-500));
      return ok(null);
    }
    const state = await this.deps.state();
    if (state.phase !== 'unlocked') return fail('err_locked');
    const wire = state.accounts?.find((a) => a.id === accountId);
    if (!wire) return fail('err_account_missing');
    if (wire.sites.includes(clean)) return ok(null);
    const saved = await this.deps.saveAccount({ ...wire, sites: [...wire.sites, clean] });
    return saved.ok ? ok(null) : saved;
  }

  /**
   * The keyboard command and the context menu: fill the one account that belongs to the page
   * (`pickCommandAccount`), never one that needs the phishing confirmation; otherwise say why the
   * popup should open.
   */
  async fillBest(tabId: number, frameId?: number): Promise<Result<CommandOutcome>> {
    const state = await this.deps.state();
    if (state.phase !== 'unlocked') return ok({ kind: 'open-popup', reason: 'locked' });
    const host = hostOf((await this.deps.tabUrl(tabId)) ?? '');
    if (!host) return ok({ kind: 'open-popup', reason: 'not-web-page' });
    const pick = pickCommandAccount(state.accounts ?? [], host);
    if (pick.kind !== 'one') return ok({ kind: 'open-popup', reason: pick.kind });
    const filled = await this.fill({ accountId: pick.account.id, tabId, ...(frameId === undefined ? {} : { frameId }) });
    if (!filled.ok) return filled;
    // pickCommandAccount never returns an account needing confirmation; if the page changed
    // site in between, the guard answers 'confirm' and nothing was filled.
    if (filled.value.kind === 'confirm') return ok({ kind: 'open-popup', reason: 'confirm' });
    return ok({ kind: 'done', reply: filled.value });
  }
}

const declineKey = (accountId: string, site: string): string => `${accountId}\n${site}`;
