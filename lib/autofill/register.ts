/**
 * Browser glue for autofill (registered from `entrypoints/background.ts`): the popup's fill
 * requests, the `fill-code` keyboard command and the "Fill one-time code" context menu. The
 * decisions live in `fill-flow.ts`; this file only talks to `scripting`, `tabs`, `action`,
 * `commands` and `contextMenus`. See docs/autofill.md for the security model.
 */
import { browser } from 'wxt/browser';
import type { VaultService } from '../vault-service/vault-service';
import { AUTOFILL_REQUEST_FIELDS, type FillReply, type PendingFill } from './protocol';
import type { SesameRouter } from '../messaging/request';
import type { StateReply } from '../vault-service/protocol';
import type { Problem, Result } from '../result';
import { FILL_AGENT_KEY, type FillAgent } from '../../page/autofill/fill-agent';
import type { FrameProbe } from './choose-fill-frame';
import { FillFlow, PENDING_FILL_KEY, type CommandOutcome } from './fill-flow';
import { browserStore } from '../store/browser-store';

/** The manifest's command name (wxt.config.ts) and the context menu item's id. */
export const FILL_COMMAND = 'fill-code';
export const FILL_MENU_ID = 'fill-code';
/** The built fill agent (entrypoints/fill-agent.ts). */
const AGENT_FILE = '/fill-agent.js';

const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string[]) => string;

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

export function registerAutofill(router: SesameRouter, service: VaultService): FillFlow {
  const flow = new FillFlow({
    state: async () => {
      const reply = await service.handle({ type: 'state' });
      if (!reply.ok) throw new Error('state');
      return reply.value as StateReply;
    },
    hotpNext: (id) => service.handle({ type: 'hotp-next', id }),
    saveAccount: (account) => service.handle({ type: 'update', account }),
    tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url ?? null,
    probe: async (tabId, frameId) => {
      const target = frameId === undefined ? { tabId, allFrames: true } : { tabId, frameIds: [frameId] };
      await browser.scripting.executeScript({ target, files: [AGENT_FILE] });
      const results = await browser.scripting.executeScript({ target, world: 'ISOLATED', func: probeInFrame, args: [FILL_AGENT_KEY] });
      return results.flatMap((r) => (r.result ? [{ frameId: r.frameId, ...(r.result as Omit<FrameProbe, 'frameId'>) }] : []));
    },
    fill: async (tabId, frameId, code) => {
      const [result] = await browser.scripting.executeScript({
        target: { tabId, frameIds: [frameId] }, world: 'ISOLATED', func: fillInFrame, args: [FILL_AGENT_KEY, code],
      });
      return result?.result === true;
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
    void browser.contextMenus.removeAll().then(() =>
      browser.contextMenus.create({ id: FILL_MENU_ID, title: getMessage('autofill_menu_fill'), contexts: ['editable'] }));
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === FILL_MENU_ID && tab?.id !== undefined) void fillBest(tab.id, info.frameId ?? 0);
  });
  return flow;
}

/** Tells the user what a command did: nothing when it filled, else a badge and the popup. */
async function report(tabId: number, outcome: CommandOutcome): Promise<void> {
  if (outcome.kind === 'filled') return void (await browser.action.setBadgeText({ tabId, text: '' }));
  if (outcome.kind === 'no-field') return notify(tabId, { code: 'autofill_command_no_field' });
  await notify(tabId, { code: `autofill_command_${outcome.reason.replace(/-/g, '_')}` });
}

/** A badge and tooltip on the toolbar button, and the popup where the browser allows opening it. */
async function notify(tabId: number, problem: Problem): Promise<void> {
  const text = getMessage(problem.code, problem.params ? [...problem.params] : undefined) || getMessage('err_internal');
  await browser.action.setBadgeText({ tabId, text: '!' }).catch(() => undefined);
  await browser.action.setTitle({ tabId, title: text }).catch(() => undefined);
  await browser.action.openPopup?.().catch(() => undefined);
}
