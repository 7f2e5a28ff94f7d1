/**
 * Browser glue for autofill (registered from `entrypoints/background.ts`): the popup's fill
 * requests, the `fill-code` keyboard command and the "Fill one-time code" context menu. The
 * decisions live in `fill-flow.ts`; this file only talks to `scripting`, `tabs`, `action`,
 * `commands` and `contextMenus`. See docs/autofill.md for the security model.
 */
import { browser } from 'wxt/browser';
import type { VaultService } from '../vault-service/vault-service';
import { AUTOFILL_REQUEST_FIELDS, type FillReply, type PendingFill, type PickReply, type SiteAccountsReply } from './protocol';
import type { SesameRouter } from '../messaging/request';
import type { Problem, Result } from '../result';
import type { MessageKey } from '../i18n/message-key';
import { describeProblem, type GetMessage } from '../i18n/describe-problem';
import { FILL_AGENT_KEY, type FillAgent } from '../../page/autofill/fill-agent';
import type { FrameProbe } from './choose-fill-frame';
import type { PickerOptions, PickerTexts, PickOutcome } from '../../page/autofill/field-picker';
import { FillFlow, PENDING_FILL_KEY, type CommandOutcome, type PickResult } from './fill-flow';
import { browserStore } from '../store/browser-store';
import { keepAlive } from '../keep-alive';

/** The manifest's command name (wxt.config.ts) and the context menu item's id. */
const FILL_COMMAND = 'fill-code';
const FILL_MENU_ID = 'fill-code';
/** The built fill agent (entrypoints/fill-agent.ts). */
const AGENT_FILE = '/fill-agent.js';
/**
 * How long "Click the field" waits for a click. Well under the 5 minutes Chrome allows one
 * extension API call (the pending executeScript) before it stops the service worker; starting
 * again is one click in the popup.
 */
const PICK_TIMEOUT_MS = 2 * 60_000;

const getMessage = browser.i18n.getMessage as (key: MessageKey, substitutions?: string[]) => string;

/** Runs in the frame's isolated world (serialised by executeScript: no closures). */
function probeInFrame(key: string): Omit<FrameProbe, 'frameId'> | null {
  const agent = (globalThis as unknown as Record<string, FillAgent | undefined>)[key];
  return agent ? agent.probe() : null;
}

/** Runs in the chosen frame's isolated world; the code arrives as an argument of this one call. */
function fillInFrame(key: string, code: string): boolean {
  const agent = (globalThis as unknown as Record<string, FillAgent | undefined>)[key];
  return agent ? agent.fill(code) : false;
}

/** Runs in the top frame's isolated world: the picker, resolved when the user picked or it ended. */
function pickInFrame(key: string, options: PickerOptions): Promise<PickOutcome> | PickOutcome {
  const agent = (globalThis as unknown as Record<string, FillAgent | undefined>)[key];
  return agent ? agent.pick(options) : { kind: 'ended', reason: 'left' };
}

/** Runs in the same frame after the pick; the code arrives as an argument of this one call. */
function fillPickedInFrame(key: string, code: string): boolean {
  const agent = (globalThis as unknown as Record<string, FillAgent | undefined>)[key];
  return agent ? agent.fillPicked(code) : false;
}

function endPickInFrame(key: string, text: string): void {
  (globalThis as unknown as Record<string, FillAgent | undefined>)[key]?.endPick(text);
}

/** The picker's banner texts, in the browser's language. */
function pickerTexts(): PickerTexts {
  return {
    lang: browser.i18n.getUILanguage(),
    prompt: getMessage('autofill_pick_banner'),
    cancel: getMessage('autofill_cancel'),
    problems: {
      'not-text': getMessage('autofill_pick_not_text'),
      password: getMessage('autofill_pick_password'),
      unusable: getMessage('autofill_pick_unusable'),
      'too-short': getMessage('autofill_pick_too_short'),
      'other-frame': getMessage('autofill_pick_other_frame'),
    },
  };
}

export function registerAutofill(router: SesameRouter, service: VaultService): FillFlow {
  // The picker waits for the user's click (up to PICK_TIMEOUT_MS) after the popup that asked has
  // closed (Firefox closes it at that click): the background must not stop meanwhile.
  const alive = keepAlive(() => void browser.runtime.getPlatformInfo().catch(() => undefined));
  const flow = new FillFlow({
    state: async () => {
      const reply = await service.handle({ type: 'state' });
      if (!reply.ok) throw new Error('state');
      return reply.value;
    },
    hotpNext: (id) => service.handle({ type: 'hotp-next', id }),
    saveAccount: (account) => service.handle({ type: 'update', account }),
    tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url ?? null,
    probe: async (tabId, frameId) => {
      const target = frameId === undefined ? { tabId, allFrames: true } : { tabId, frameIds: [frameId] };
      await browser.scripting.executeScript({ target, files: [AGENT_FILE] });
      const results = await browser.scripting.executeScript({ target, world: 'ISOLATED', func: probeInFrame, args: [FILL_AGENT_KEY] });
      return results.flatMap((r) => (r.result ? [{ frameId: r.frameId, ...r.result }] : []));
    },
    fill: async (tabId, frameId, code) => {
      const [result] = await browser.scripting.executeScript({
        target: { tabId, frameIds: [frameId] },
        world: 'ISOLATED',
        func: fillInFrame,
        args: [FILL_AGENT_KEY, code],
      });
      return result?.result === true;
    },
    pick: async (tabId, codeLength): Promise<PickResult> => {
      // The top frame only: its picker also listens in its open shadow roots and same-origin frames.
      const target = { tabId, frameIds: [0] };
      try {
        await browser.scripting.executeScript({ target, files: [AGENT_FILE] });
        const options: PickerOptions = { codeLength, timeoutMs: PICK_TIMEOUT_MS, texts: pickerTexts() };
        const [result] = await alive.during(
          browser.scripting.executeScript({ target, world: 'ISOLATED', func: pickInFrame, args: [FILL_AGENT_KEY, options] }),
        );
        const outcome = result?.result;
        // No result: the frame went away (navigation) while the picker waited.
        return outcome ?? { kind: 'ended', reason: 'left' };
      } catch {
        return { kind: 'ended', reason: 'left' };
      }
    },
    fillPicked: async (tabId, code) => {
      const [result] = await browser.scripting.executeScript({
        target: { tabId, frameIds: [0] },
        world: 'ISOLATED',
        func: fillPickedInFrame,
        args: [FILL_AGENT_KEY, code],
      });
      return result?.result === true;
    },
    endPick: async (tabId, messageKey) => {
      await browser.scripting
        .executeScript({
          target: { tabId, frameIds: [0] },
          world: 'ISOLATED',
          func: endPickInFrame,
          args: [FILL_AGENT_KEY, getMessage(messageKey)],
        })
        .catch(() => undefined);
    },
    now: () => Date.now(),
    session: browserStore(browser.storage.session),
    logFilled: (accountId, site) => service.handle({ type: 'log-event', event: { type: 'code-filled', accountId, site } }),
  });

  // A question the command left for the popup is about an unlocked vault: a lock drops it.
  service.onLock(() => browser.storage.session.remove(PENDING_FILL_KEY));

  // Only our own pages (popup, options) may ask for a fill: the router checks the sender.
  router.registerAll(AUTOFILL_REQUEST_FIELDS, {
    'autofill-fill': (request) => flow.handle(request) as Promise<Result<FillReply>>,
    'autofill-take-pending': (request) => flow.handle(request) as Promise<Result<PendingFill | null>>,
    'autofill-pick': (request) => flow.handle(request) as Promise<Result<PickReply>>,
    'autofill-site': (request) => flow.handle(request) as Promise<Result<SiteAccountsReply | null>>,
  });

  const fillBest = async (tabId: number, frameId?: number) => {
    try {
      const outcome = await flow.fillBest(tabId, frameId);
      if (outcome.ok) await report(tabId, outcome.value);
      else await notify(tabId, outcome.problem);
    } catch {
      await notify(tabId, { code: 'err_internal' });
    }
  };

  // The command and the menu each grant activeTab for the tab they were used in.
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === FILL_COMMAND && tab?.id !== undefined) void fillBest(tab.id);
  });
  browser.runtime.onInstalled.addListener(() => {
    void browser.contextMenus
      .removeAll()
      .then(() => browser.contextMenus.create({ id: FILL_MENU_ID, title: getMessage('autofill_menu_fill'), contexts: ['editable'] }));
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === FILL_MENU_ID && tab?.id !== undefined) void fillBest(tab.id, info.frameId ?? 0);
  });
  return flow;
}

/** Why a command opened the popup, as the user reads it on the toolbar button. */
const COMMAND_MESSAGES: Record<Extract<CommandOutcome, { kind: 'open-popup' }>['reason'], MessageKey> = {
  locked: 'autofill_command_locked',
  none: 'autofill_command_none',
  several: 'autofill_command_several',
  'not-web-page': 'autofill_command_not_web_page',
  confirm: 'autofill_command_confirm',
  ask: 'autofill_command_ask',
};

/** Tells the user what a command did: nothing when it filled, else a badge and the popup. */
async function report(tabId: number, outcome: CommandOutcome): Promise<void> {
  if (outcome.kind === 'filled') return void (await browser.action.setBadgeText({ tabId, text: '' }));
  if (outcome.kind === 'no-field') return notify(tabId, { code: 'autofill_command_no_field' });
  await notify(tabId, { code: COMMAND_MESSAGES[outcome.reason] });
}

/** A badge and tooltip on the toolbar button, and the popup where the browser allows opening it. */
async function notify(tabId: number, problem: Problem): Promise<void> {
  const text = describeProblem(problem, getMessage as GetMessage);
  await browser.action.setBadgeText({ tabId, text: '!' }).catch(() => undefined);
  await browser.action.setTitle({ tabId, title: text }).catch(() => undefined);
  await browser.action.openPopup?.().catch(() => undefined);
}
