import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ListAccount } from '@/lib/accounts/list-account';
import type { StateReply } from '@/lib/vault-service/protocol';
import { popupStateFromReply, type PopupState } from '@/lib/vault-service/popup-state';
import { readPopupSnapshot } from '@/lib/vault-service/popup-snapshot';
import { readWholeList } from './read-stores';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { send } from '../../lib/messaging/client';
import { problemText, t } from '../shared/t';
import { ClockOffset, useCodeClock } from './use-code-clock';
import { periodOf } from '@/lib/otp/next-code-change';
import { ListScreen } from './ListScreen';
import { lazyScreen } from './lazy-screen';
import { markPainted } from './mark-painted';
import { popOut, targetTabId } from './target-tab';
import type { RowActions } from './AccountRow';
import { useAutofill } from '../autofill/use-autofill';
import { ClockWarning } from './ClockWarning';
import { CountdownsRunning } from './Countdown';
import type { ScanStart } from '../scan/ScanScreen';
import { takePendingScan } from '../../lib/scan/client';
import { useLockNotice } from '../shared/use-lock-notice';
import { useAccountsNotice } from '../shared/use-accounts-notice';
import { copySecret } from '../../lib/clipboard/client';
import { createCodeBook, fillForDrawing, type CodeBook } from '@/lib/otp/code-book';
import { CodeBookContext } from './code-book-context';

// Loaded on first use (and preloaded once codes are painted), so the codes' first paint only pays
// for the list: the unlock form is loaded before a locked popup's first paint (firstScreenLoaded),
// set-up happens once, the fill question and "Click the field" after a fill.
const UnlockScreen = lazyScreen(() => import('./UnlockScreen').then((m) => m.UnlockScreen));
const SetupScreen = lazyScreen(() => import('./SetupScreen').then((m) => m.SetupScreen));
const FillPromptView = lazyScreen(() => import('../autofill/later').then((m) => m.FillPromptView));
const PickOfferView = lazyScreen(() => import('../autofill/later').then((m) => m.PickOfferView));
const AddScreen = lazyScreen(() => import('./AddScreen').then((m) => m.AddScreen));
const EditScreen = lazyScreen(() => import('./EditScreen').then((m) => m.EditScreen));
// The scan screen shows codes of any period with their seconds: it keeps a clock ticking every second while open.
const ScanScreen = lazyScreen(() =>
  Promise.all([import('../scan/ScanScreen'), import('../shared/use-now')]).then(
    ([{ ScanScreen: Screen }, { useNow }]) =>
      function ScanWithClock({ offsetSeconds, ...props }: Omit<Parameters<typeof Screen>[0], 'now'> & { offsetSeconds: number }) {
        return <Screen {...props} now={useNow(offsetSeconds)} />;
      },
  ),
);

type View = { name: 'list' } | { name: 'add' } | { name: 'edit'; id: string } | { name: 'scan'; start: ScanStart };

const NO_ACCOUNTS: readonly ListAccount[] = [];

/** Loads what the first screen needs beyond the list, so it paints whole: the unlock form of a locked vault. */
export async function firstScreenLoaded(start: PopupState | null): Promise<void> {
  if (start?.phase === 'locked') await UnlockScreen.preload();
}

/**
 * The popup. `start` is its first screen as the stores have it (initial-state.ts: the codes, or
 * the unlock form), painted before the background is asked anything; null when only the
 * background can tell. Once painted, it tells the background it was used (the auto-lock starts
 * again) or, when it did not paint from the snapshot, asks it for the state. The whole accounts
 * (with notes, recovery codes, sites) come from the background when edit or scan needs them.
 * `book` holds the codes the first screen draws (mount-popup.tsx fills it before that render).
 */
export function PopupApp({
  start,
  book: firstBook,
  offPage = false,
}: {
  start: PopupState | null;
  book?: CodeBook;
  /** Rendered off the page, only to be saved for the next popup (keep-saved-screen.tsx): it marks nothing painted. */
  offPage?: boolean;
}) {
  const [state, setState] = useState<PopupState | null>(start);
  const [view, setView] = useState<View>({ name: 'list' });
  const [status, setStatus] = useState('');
  const [tabId, setTabId] = useState<number | null>(null);
  const offsetSeconds = state?.settings.timeOffsetSeconds ?? DEFAULT_SETTINGS.timeOffsetSeconds;
  // Locks seen by this page: an answer asked for before the latest lock never brings accounts back.
  const locks = useRef(0);
  // The countdowns are drawn still in the first frame and start once it is painted (Countdown.tsx).
  const [countdownsRunning, setCountdownsRunning] = useState(false);
  useEffect(() => setCountdownsRunning(true), []);

  const refresh = useCallback(async () => {
    const asked = locks.current;
    const reply = await send({ type: 'state' });
    if (!reply.ok) return setStatus(problemText(reply.problem));
    if (reply.value.phase !== 'unlocked' || asked === locks.current) setState(popupStateFromReply(reply.value));
  }, []);
  // An unlock's answer carries the list only (what the popup reads at start-up); one it cannot
  // read (never expected) is asked for again as the whole state.
  const show = useCallback((reply: StateReply) => {
    const next = popupStateFromReply(reply);
    if (next) setState(next);
    else void refresh();
  }, []);

  // After the first paint (effects run after it). Painted from the snapshot: the list is the
  // background's current one (it rewrites the snapshot at every change), so the popup only tells
  // it that it was used ('touch': the auto-lock starts again; err_locked if it locked meanwhile).
  // Otherwise it asks for the state. Then the target tab.
  useEffect(() => {
    // For `npm run bench`: when the background has answered (the popup's start-up work is done).
    const answered = () => void performance.mark('sesame:background-answered');
    if (start?.phase === 'unlocked') void send({ type: 'touch' }).then(answered);
    else void refresh().then(answered);
    void targetTabId().then(setTabId);
  }, []);

  // Painted from a first screen's snapshot (at start-up, or an unlock's answer): the rest of the
  // list, from the whole one, once painted. Unless a lock came first; if the whole one is not
  // there (being rebuilt, or too long to keep), the background's answer.
  const restWanted = state?.phase === 'unlocked' && state.more > 0;
  useEffect(() => {
    if (!restWanted) return;
    const asked = locks.current;
    void readWholeList().then((stored) => {
      if (asked !== locks.current) return;
      const whole = readPopupSnapshot(stored);
      if (whole.kind !== 'ready') return void refresh();
      setState((s) =>
        s?.phase === 'unlocked' && s.more > 0 ? { ...s, accounts: whole.accounts, unreadable: whole.unreadable, more: 0 } : s,
      );
    });
  }, [restWanted]);

  // Locked anywhere (Lock in another window, auto-lock, the computer's screen lock): drop every
  // account, leave whatever screen was open, and show the unlock form.
  useLockNotice(() => {
    locks.current++;
    setState((s) => (s && (s.phase === 'unlocked' || s.phase === 'recovered') ? { phase: 'locked', settings: s.settings } : s));
    setView({ name: 'list' });
    setStatus('');
  });

  // A sync brought changes from another browser: ask for the accounts again.
  useAccountsNotice(() => void refresh());

  // For `npm run bench`: when the first screen with codes, or the unlock form, has been painted
  // (for a first screen from the stores, main.tsx asked already).
  useLayoutEffect(() => {
    if (!offPage && (state?.phase === 'unlocked' || state?.phase === 'locked')) markPainted(state.phase);
  }, [state?.phase]);

  // Once codes are on screen, the other screens are fetched when the page is idle, so opening one
  // is instant and fetching them delays neither the first frames nor the first keystroke. The
  // unlock form too: a lock notice must show it at once (Firefox took 1.5 s to fetch it then).
  useEffect(() => {
    if (state?.phase !== 'unlocked') return;
    const id = requestIdleCallback(
      () => {
        for (const screen of [AddScreen, EditScreen, ScanScreen, FillPromptView, PickOfferView, UnlockScreen]) void screen.preload();
      },
      { timeout: 1000 },
    );
    return () => cancelIdleCallback(id);
  }, [state?.phase]);

  // A scan started by the keyboard command or the image menu waits for the (unlocked) popup.
  useEffect(() => {
    if (state?.phase === 'unlocked') void takePendingScan().then((reply) => reply && setView({ name: 'scan', start: reply }));
  }, [state?.phase]);

  const accounts = state?.phase === 'unlocked' ? state.accounts : NO_ACCOUNTS;
  // The whole accounts (edit, scan): from the background, asked for when one of those opens.
  const full = state?.phase === 'unlocked' ? state.full : null;
  const needsFull = (view.name === 'edit' || view.name === 'scan') && state?.phase === 'unlocked' && !full;
  useEffect(() => {
    if (needsFull) void refresh();
  }, [needsFull]);
  const periods = useMemo(() => accounts.flatMap((a) => periodOf(a) ?? []), [accounts]);
  // The codes: a row whose code was not computed ahead asks for it, and is drawn again once it is in.
  const [book] = useState(() => firstBook ?? createCodeBook());
  const [, setCodesIn] = useState(0);
  useEffect(() => book.subscribe(() => setCodesIn((n) => n + 1)), [book]);
  // Locked (or never unlocked): the book lets go of every secret's key and code with the accounts;
  // a deleted account's go with it.
  const unlocked = state?.phase === 'unlocked';
  useEffect(() => {
    if (!unlocked) book.clear();
  }, [unlocked]);
  useEffect(() => book.retain(accounts), [accounts]);
  // Moves on only when a code changes or a next code appears, once the codes the rows will draw
  // then are in; countdowns run in CSS.
  const now = useCodeClock(periods, offsetSeconds, (time) => fillForDrawing(book, book.drawn(), time));

  // Autofill: fill buttons and "For this site" appear once the target tab is known to be a web page.
  const autofill = useAutofill({ tabId, accounts, refresh, setStatus });

  const actions: RowActions = {
    onCopy: async (account, code) => {
      try {
        await copySecret(code);
        setStatus(t('copied', account.issuer || account.label));
        void send({ type: 'log-event', event: { type: 'code-copied', accountId: account.id } });
      } catch {
        setStatus(t('err_copy'));
      }
    },
    onNext: async (account) => {
      const reply = await send({ type: 'hotp-next', id: account.id });
      if (!reply.ok) return setStatus(problemText(reply.problem));
      await refresh();
    },
    onEdit: (account) => setView({ name: 'edit', id: account.id }),
    onFill: autofill.host ? (account) => void autofill.fill(account) : undefined,
  };

  if (!state) return <main class="screen" aria-busy="true" />;
  if (state.phase === 'setup') return <SetupScreen onDone={show} />;
  if (state.phase === 'locked') return <UnlockScreen retryAt={state.retryAt} onDone={show} />;
  if (state.phase === 'recovered') return <SetupScreen recovered onDone={show} />;

  if (view.name === 'add') return <AddScreen onClose={() => setView({ name: 'list' })} onAdded={refresh} />;
  // Edit and scan need the whole accounts: until the background has answered, the list stays.
  if (view.name === 'scan' && full) {
    return (
      <ScanScreen
        offsetSeconds={offsetSeconds}
        tabId={tabId}
        accounts={full}
        start={view.start}
        onClose={() => setView({ name: 'list' })}
        onDone={(message) => {
          setView({ name: 'list' });
          setStatus(message);
          void refresh();
        }}
      />
    );
  }
  if (view.name === 'edit') {
    const account = full?.find((a) => a.id === view.id);
    if (account) return <EditScreen account={account} onClose={() => setView({ name: 'list' })} onChanged={refresh} />;
  }
  return (
    <ClockOffset.Provider value={offsetSeconds * 1000}>
      <CodeBookContext.Provider value={book}>
        <CountdownsRunning.Provider value={countdownsRunning}>
          <ListScreen
            accounts={accounts}
            more={state.phase === 'unlocked' ? state.more : 0}
            now={now}
            unreadable={state.unreadable}
            actions={actions}
            status={status}
            onAdd={() => setView({ name: 'add' })}
            onScan={() => {
              performance.mark('sesame:scan-click');
              setView({ name: 'scan', start: 'page' });
            }}
            onLock={async () => {
              const reply = await send({ type: 'lock' });
              if (reply.ok) show(reply.value);
            }}
            onPopOut={() => void popOut(tabId)}
            notice={<ClockWarning offsetSeconds={state.settings.timeOffsetSeconds} />}
            site={autofill.host ? { host: autofill.site ?? autofill.host, accounts: autofill.siteAccounts } : undefined}
            prompt={
              autofill.prompt && (
                <FillPromptView
                  prompt={autofill.prompt}
                  onConfirm={(remember) => void autofill.confirm(remember)}
                  onCancel={autofill.cancel}
                />
              )
            }
            next={autofill.pickOffer && <PickOfferView key={autofill.pickOffer.accountId} onPick={() => void autofill.pick()} />}
          />
        </CountdownsRunning.Provider>
      </CodeBookContext.Provider>
    </ClockOffset.Provider>
  );
}
