/**
 * The background's side of a fill, free of browser APIs (they come in through `deps`) so the
 * whole decision is unit-tested in Node. Order matters and is the security model
 * (docs/autofill.md): look the account up (vault unlocked), read the tab's URL, ask unless the
 * page's site is one of the account's saved sites, and only then compute the code and hand it to
 * the one frame that has the field.
 */
import { fromWire, type WireAccount } from '../messaging/account-wire';
import type { AutofillRequest, FillReply, PendingFill, PickReply, SiteAccountsReply } from './protocol';
import type { StateReply } from '../vault-service/protocol';
import { fail, ok, type Result } from '../result';
import type { MessageKey } from '../i18n/message-key';
import { codeAt } from '../otp/generate-code';
import { sameSite, siteOfUrl, siteText, type Site } from './site';
import { accountsForSite, fillDecision } from './site-decision';
import { sortAccounts } from '../accounts/sort-accounts';
import { chooseFillFrame, type FrameProbe } from './choose-fill-frame';
import { pickCommandAccount } from './pick-command-account';
import type { KeyValueStore } from '../store/key-value-store';
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
   * Where a question the keyboard command or menu leaves for the popup waits (`storage.session`:
   * the service worker sleeps after seconds idle). It holds an account id and a tab id, nothing
   * secret.
   */
  readonly session: KeyValueStore;
  /** Records the fill in the activity log (account and site, never the code). */
  readonly logFilled?: (accountId: string, site: string) => Promise<unknown>;
  /**
   * "Click the field": runs the picker in the tab's top frame (which also covers its open shadow
   * roots and same-origin frames) and resolves when the user picked a field or the picker ended.
   * The picker is told the code's length, never the code.
   */
  readonly pick: (tabId: number, codeLength: number) => Promise<PickResult>;
  /** Hands `code` to the agent that ran the picker; true when it typed it into the picked field. */
  readonly fillPicked: (tabId: number, code: string) => Promise<boolean>;
  /** After a pick that will not be filled: the page's banner says why (`messageKey`), then goes. */
  readonly endPick: (tabId: number, messageKey: MessageKey) => Promise<void>;
}

/** What the picker reports: a field picked in a frame of `origin`, or why it ended. */
export type PickResult =
  | { readonly kind: 'picked'; readonly origin: string }
  | { readonly kind: 'ended'; readonly reason: 'cancelled' | 'timeout' | 'left' | 'replaced' };

/** The characters of `account`'s codes: Steam Guard has 5, the others their digits. */
const codeLength = (account: WireAccount): number => (account.type === 'steam' ? 5 : account.digits);

/** A fill the site check let through: the account, the page's site, and a site saved on the answer. */
interface Admitted {
  readonly kind: 'admitted';
  readonly wire: WireAccount;
  readonly page: Site;
  /** The user's clock offset (settings), in ms. */
  readonly offsetMs: number;
  readonly savedSite?: string;
}
type Confirm = Extract<FillReply, { kind: 'confirm' }>;

export interface FillTarget {
  readonly accountId: string;
  readonly tabId: number;
  /** Only this frame (the context menu's); otherwise every frame is probed. */
  readonly frameId?: number;
  /** The page's site the user answered the question for (see `AutofillRequest`). */
  readonly confirmedSite?: string;
  /** With `confirmedSite`: also save that site with the account. */
  readonly remember?: boolean;
}

/** What the keyboard command / context menu did. */
export type CommandOutcome =
  | { readonly kind: 'filled' }
  /** No field was found: the code went nowhere, and an HOTP counter did not move. */
  | { readonly kind: 'no-field' }
  /**
   * Nothing was filled: the user has to unlock, choose, or answer in the popup. `ask`: one
   * likely account has no saved site yet; its question waits for the popup (`takePending`).
   */
  | { readonly kind: 'open-popup'; readonly reason: 'locked' | 'none' | 'several' | 'not-web-page' | 'confirm' | 'ask' };

/** `storage.session` key of the question a command left for the popup (`PendingFill` and its time). */
export const PENDING_FILL_KEY = 'autofillPending';
/** A question older than this is dropped: the user has moved on. */
const PENDING_MAX_AGE_MS = 2 * 60_000;

export class FillFlow {
  constructor(private readonly deps: FillFlowDeps) {}

  /** Handles a request from the popup (fields re-checked: the wire is not trusted blindly). */
  async handle(request: AutofillRequest): Promise<Result<unknown>> {
    if (request.type === 'autofill-take-pending') return ok(await this.takePending(request.tabId));
    if (request.type === 'autofill-site') return this.forSite(request.tabId);
    if (request.type !== 'autofill-fill' && request.type !== 'autofill-pick') return fail('err_internal');
    if (typeof request.accountId !== 'string' || !Number.isInteger(request.tabId)) return fail('err_internal');
    const confirmedSite = typeof request.confirmedSite === 'string' ? request.confirmedSite : undefined;
    const target: FillTarget = {
      accountId: request.accountId,
      tabId: request.tabId,
      ...(confirmedSite ? { confirmedSite, remember: request.remember === true } : {}),
    };
    return request.type === 'autofill-pick' ? this.pick(target) : this.fill(target);
  }

  /**
   * "For this site" (the popup's section above its list): the tab's site and its accounts, in the
   * list's order (`accountsForSite`), or null when the tab is no web page the extension may see.
   */
  async forSite(tabId: number): Promise<Result<SiteAccountsReply | null>> {
    const state = await this.deps.state();
    if (state.phase !== 'unlocked') return fail('err_locked');
    const page = siteOfUrl((await this.deps.tabUrl(tabId).catch(() => null)) ?? '');
    if (!page) return ok(null);
    const accounts = accountsForSite(sortAccounts(state.accounts ?? []), page);
    return ok({ site: siteText(page), accountIds: accounts.map((a) => a.id) });
  }

  /**
   * Fills `accountId`'s code into the tab, unless the page's site needs the user's answer first.
   * With no field, the code comes back for the popup to copy; `handOver: false` (the command,
   * which has nowhere to show it) drops it instead and leaves an HOTP counter where it was.
   */
  async fill(target: FillTarget, handOver = true): Promise<Result<FillReply>> {
    const admitted = await this.admit(target);
    if (!admitted.ok || admitted.value.kind === 'confirm') return admitted as Result<Confirm>;
    const { wire, page, savedSite, offsetMs } = admitted.value;
    const account = fromWire(wire);
    const code = codeAt(account, this.deps.now() + offsetMs);
    const probes = await this.deps.probe(target.tabId, target.frameId);
    const frame = chooseFillFrame(probes, page, wire);
    const filled = frame !== null && (await this.deps.fill(target.tabId, frame.frameId, code));
    // Typed, or handed to the popup to copy: either way the code has left Sesame, and an HOTP
    // counter value is never used twice (RFC 4226 §7.2).
    if (account.type === 'hotp' && (filled || handOver)) {
      const moved = await this.deps.hotpNext(account.id);
      if (!moved.ok) return moved;
    }
    const saved = savedSite ? { savedSite } : {};
    if (!filled) return ok({ kind: 'no-field', code, ...saved });
    await this.deps.logFilled?.(account.id, siteText(page)).catch(() => undefined);
    return ok({ kind: 'filled', ...saved });
  }

  /**
   * "Click the field": the same site check as `fill` first (nothing reaches the page before the
   * answer), then the picker, which holds no code. Only once the user has picked a field, and the
   * vault, the account and the tab's site are checked again, is the code computed (for the
   * moment of the pick) and handed to the agent in the top frame, in one call. After a fill an
   * HOTP counter moves on and the activity log records it, as for any fill.
   */
  async pick(target: FillTarget): Promise<Result<PickReply>> {
    const admitted = await this.admit(target);
    if (!admitted.ok || admitted.value.kind === 'confirm') return admitted as Result<Confirm>;
    const { wire, page, savedSite } = admitted.value;
    const saved = savedSite ? { savedSite } : {};
    const picked = await this.deps.pick(target.tabId, codeLength(wire));
    if (picked.kind === 'ended') return ok({ kind: 'pick-ended', reason: picked.reason, ...saved });

    // The user may have taken a while: the vault may have locked, the tab may be elsewhere.
    const state = await this.deps.state();
    const current = state.phase === 'unlocked' ? state.accounts?.find((a) => a.id === wire.id) : undefined;
    if (!current) {
      const problem = state.phase === 'unlocked' ? 'err_account_missing' : 'err_locked';
      await this.deps.endPick(target.tabId, problem);
      return fail(problem);
    }
    const pageNow = siteOfUrl((await this.deps.tabUrl(target.tabId)) ?? '');
    const field = siteOfUrl(picked.origin);
    const stillAdmitted =
      pageNow !== null &&
      field !== null &&
      sameSite(pageNow, page) &&
      sameSite(field, page) &&
      (fillDecision(current, pageNow).kind === 'fill' || target.confirmedSite === siteText(pageNow));
    if (!stillAdmitted) {
      await this.deps.endPick(target.tabId, 'autofill_pick_left');
      return ok({ kind: 'pick-ended', reason: 'left', ...saved });
    }

    const account = fromWire(current);
    const code = codeAt(account, this.deps.now() + state.settings.timeOffsetSeconds * 1000);
    if (!(await this.deps.fillPicked(target.tabId, code))) return ok({ kind: 'pick-ended', reason: 'not-filled', ...saved });
    if (account.type === 'hotp') {
      const moved = await this.deps.hotpNext(account.id);
      if (!moved.ok) return moved;
    }
    await this.deps.logFilled?.(account.id, siteText(page)).catch(() => undefined);
    return ok({ kind: 'filled', ...saved });
  }

  /**
   * The steps every fill starts with: the vault is unlocked, the account exists, the tab is a web
   * page, and its site is one of the account's saved sites, or the user answered the question for
   * it (then a site to remember is saved now, before any code exists). Otherwise the question.
   */
  private async admit(target: FillTarget): Promise<Result<Admitted | Confirm>> {
    const state = await this.deps.state();
    if (state.phase !== 'unlocked') return fail('err_locked');
    const wire = state.accounts?.find((a) => a.id === target.accountId);
    if (!wire) return fail('err_account_missing');
    const page = siteOfUrl((await this.deps.tabUrl(target.tabId)) ?? '');
    if (!page) return fail('err_autofill_not_web_page');

    const offsetMs = state.settings.timeOffsetSeconds * 1000;
    const decision = fillDecision(wire, page);
    if (decision.kind === 'fill') return ok({ kind: 'admitted', wire, page, offsetMs });
    // Nothing is injected before the answer, and an answer counts only for the site it was
    // given for: a tab that navigated meanwhile gets the question again.
    if (target.confirmedSite !== decision.pageSite) {
      return ok({ kind: 'confirm', issuer: wire.issuer || wire.label, accountSites: decision.savedSites, pageSite: decision.pageSite });
    }
    // "Fill and remember" (an account with no saved site), or "also remember" ticked.
    if (decision.savedSites.length === 0 || target.remember === true) {
      const saved = await this.deps.saveAccount({ ...wire, sites: [...wire.sites, decision.pageSite] });
      if (!saved.ok) return saved;
      return ok({ kind: 'admitted', wire, page, offsetMs, savedSite: decision.pageSite });
    }
    return ok({ kind: 'admitted', wire, page, offsetMs });
  }

  /**
   * The keyboard command and the context menu: fill the one account that has the page's site
   * saved (`pickCommandAccount`), never one that would need the question; otherwise say why the
   * popup should open, leaving the question there when there is one likely account.
   */
  async fillBest(tabId: number, frameId?: number): Promise<Result<CommandOutcome>> {
    const state = await this.deps.state();
    if (state.phase !== 'unlocked') return ok({ kind: 'open-popup', reason: 'locked' });
    const page = siteOfUrl((await this.deps.tabUrl(tabId)) ?? '');
    if (!page) return ok({ kind: 'open-popup', reason: 'not-web-page' });
    const pick = pickCommandAccount(state.accounts ?? [], page);
    if (pick.kind === 'ask') {
      await this.deps.session.set(PENDING_FILL_KEY, { accountId: pick.account.id, tabId, at: this.deps.now() });
      return ok({ kind: 'open-popup', reason: 'ask' });
    }
    if (pick.kind !== 'one') return ok({ kind: 'open-popup', reason: pick.kind });
    const filled = await this.fill({ accountId: pick.account.id, tabId, ...(frameId === undefined ? {} : { frameId }) }, false);
    if (!filled.ok) return filled;
    // pickCommandAccount only picks an account with the page's site saved; if the tab changed
    // site in between, the guard answers 'confirm' and nothing was filled.
    if (filled.value.kind === 'confirm') return ok({ kind: 'open-popup', reason: 'confirm' });
    return ok(filled.value.kind === 'filled' ? { kind: 'filled' } : { kind: 'no-field' });
  }

  /**
   * The question a command left for `tabId`'s popup, once, if it is recent. A question for another
   * tab stays where it is: a popup open on another tab (or a second window) must not swallow it.
   */
  async takePending(tabId: number): Promise<PendingFill | null> {
    const stored = await this.deps.session.get(PENDING_FILL_KEY);
    if (stored === undefined) return null;
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- a false positive: `stored` is `{} | null` here
    const p = stored as Partial<PendingFill & { at: number }> | null;
    const valid = typeof p?.accountId === 'string' && Number.isInteger(p.tabId) && typeof p.at === 'number';
    if (valid && p.tabId !== tabId) return null;
    await this.deps.session.remove(PENDING_FILL_KEY);
    if (!valid) return null;
    const age = this.deps.now() - p.at!;
    return age >= 0 && age < PENDING_MAX_AGE_MS ? { accountId: p.accountId, tabId } : null;
  }
}
