import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { Account } from '@/lib/otp/account';
import type { StateReply } from '@/lib/vault-service/protocol';
import { fromWire } from '@/lib/messaging/account-wire';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { send } from '../../lib/messaging/client';
import { initialState } from './initial-state';
import { problemText, t } from '../shared/t';
import { useNow } from '../shared/use-now';
import { SetupScreen } from './SetupScreen';
import { UnlockScreen } from './UnlockScreen';
import { ListScreen } from './ListScreen';
import { lazyScreen } from './lazy-screen';
import { popOut, targetTabId } from './target-tab';
import type { RowActions } from './AccountRow';
import { useAutofill } from '../autofill/use-autofill';
import { FillPromptView } from '../autofill/FillPromptView';
import { PickOfferView } from '../autofill/PickOfferView';
import { ClockWarning } from './ClockWarning';
import type { ScanStart } from '../scan/ScanScreen';
import { takePendingScan } from '../../lib/scan/client';
import { useLockNotice } from '../shared/use-lock-notice';
import { useAccountsNotice } from '../shared/use-accounts-notice';
import { copySecret } from '../../lib/clipboard/client';

const AddScreen = lazyScreen(() => import('./AddScreen').then((m) => m.AddScreen));
const EditScreen = lazyScreen(() => import('./EditScreen').then((m) => m.EditScreen));
const ScanScreen = lazyScreen(() => import('../scan/ScanScreen').then((m) => m.ScanScreen));

type View = { name: 'list' } | { name: 'add' } | { name: 'edit'; id: string } | { name: 'scan'; start: ScanStart };

export function PopupApp() {
  const [state, setState] = useState<StateReply | null>(null);
  const [view, setView] = useState<View>({ name: 'list' });
  const [status, setStatus] = useState('');
  const [tabId, setTabId] = useState<number | null>(null);
  const now = useNow(state?.settings.timeOffsetSeconds ?? DEFAULT_SETTINGS.timeOffsetSeconds);

  const refresh = useCallback(async () => {
    const reply = await send({ type: 'state' });
    if (reply.ok) setState(reply.value);
    else setStatus(problemText(reply.problem));
  }, []);

  useEffect(() => {
    void initialState().then((reply) => (reply.ok ? setState(reply.value) : setStatus(problemText(reply.problem))));
    void targetTabId().then(setTabId);
  }, []);

  // Locked anywhere (Lock in another window, auto-lock, the computer's screen lock): drop every
  // account, leave whatever screen was open, and show the unlock form.
  useLockNotice(() => {
    setState((s) => (s && (s.phase === 'unlocked' || s.phase === 'recovered') ? { phase: 'locked', settings: s.settings } : s));
    setView({ name: 'list' });
    setStatus('');
  });

  // A sync brought changes from another browser: ask for the accounts again.
  useAccountsNotice(() => void refresh());

  // For `npm run bench`: the moment the first screen with codes has been painted.
  useEffect(() => {
    if (state?.phase === 'unlocked' && performance.getEntriesByName('sesame:codes-visible').length === 0) {
      requestAnimationFrame(() => setTimeout(() => {
        performance.mark('sesame:codes-visible');
        void AddScreen.preload();
        void EditScreen.preload();
        void ScanScreen.preload();
      }, 0));
    }
  }, [state]);

  // A scan started by the keyboard command or the image menu waits for the (unlocked) popup.
  useEffect(() => {
    if (state?.phase === 'unlocked') void takePendingScan().then((reply) => reply && setView({ name: 'scan', start: reply }));
  }, [state?.phase]);

  const accounts: Account[] = useMemo(() => (state?.accounts ?? []).map((w) => fromWire(w)), [state]);

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
  if (state.phase === 'setup') return <SetupScreen onDone={setState} />;
  if (state.phase === 'locked') return <UnlockScreen retryAt={state.retryAt} onDone={setState} />;
  if (state.phase === 'recovered') return <SetupScreen recovered onDone={setState} />;

  if (view.name === 'add') return <AddScreen onClose={() => setView({ name: 'list' })} onAdded={refresh} />;
  if (view.name === 'scan') {
    return <ScanScreen tabId={tabId} accounts={accounts} now={now} start={view.start} onClose={() => setView({ name: 'list' })}
      onDone={(message) => { setView({ name: 'list' }); setStatus(message); void refresh(); }} />;
  }
  if (view.name === 'edit') {
    const account = accounts.find((a) => a.id === view.id);
    if (account) return <EditScreen account={account} onClose={() => setView({ name: 'list' })} onChanged={refresh} />;
  }
  return (
    <ListScreen accounts={accounts} now={now} unreadable={state.unreadable?.length ?? 0} actions={actions} status={status}
      onAdd={() => setView({ name: 'add' })}
      onScan={() => { performance.mark('sesame:scan-click'); setView({ name: 'scan', start: 'page' }); }}
      onLock={async () => {
        const reply = await send({ type: 'lock' });
        if (reply.ok) setState(reply.value);
      }}
      onPopOut={() => void popOut(tabId)}
      notice={<ClockWarning offsetSeconds={state.settings.timeOffsetSeconds} />}
      site={autofill.host ? { host: autofill.site ?? autofill.host, accounts: autofill.siteAccounts } : undefined}
      prompt={autofill.prompt && <FillPromptView prompt={autofill.prompt} onConfirm={(remember) => void autofill.confirm(remember)}
        onCancel={autofill.cancel} />}
      next={autofill.pickOffer && <PickOfferView key={autofill.pickOffer.accountId} onPick={() => void autofill.pick()} />} />
  );
}
