import { useCallback, useEffect, useState } from 'preact/hooks';
import type { StateReply } from '@/lib/vault-service/protocol';
import { send } from '../../lib/messaging/client';
import { t } from '../shared/t';
import { SettingsForm } from './SettingsForm';
import { ClipboardSettingsForm } from './ClipboardSettingsForm';
import { PassphraseForm } from './PassphraseForm';
import { UnlockMethodsSection } from './UnlockMethodsSection';
import { ClockCheck } from './ClockCheck';
import { ActivityLog } from './ActivityLog';
import { ImportExportSection, OptionsUnlock } from '../import-export/ImportExportSection';
import { useLockNotice } from '../shared/use-lock-notice';
import { useAccountsNotice } from '../shared/use-accounts-notice';
import { fromWire } from '@/lib/messaging/account-wire';
import { SyncSection } from '../sync/SyncSection';
import { ConflictCopies } from '../sync/ConflictCopies';
import { JoinForm } from '../sync/JoinForm';
import { TrashSection } from './TrashSection';

/**
 * The options page: settings that are not needed every day. It owns the vault's state for the
 * whole page: when the vault locks (here or anywhere), every section that shows accounts is
 * dropped at once and the unlock form takes their place.
 */
export function OptionsApp() {
  const [state, setState] = useState<StateReply | null>(null);
  const refresh = useCallback(() => void send({ type: 'state' }).then((reply) => reply.ok && setState(reply.value)), []);
  useEffect(() => {
    document.title = t('optionsTitle');
    refresh();
  }, []);
  useLockNotice(() =>
    setState((s) => (s && (s.phase === 'unlocked' || s.phase === 'recovered') ? { phase: 'locked', settings: s.settings } : s)),
  );
  // A sync brought changes from another browser: show them.
  useAccountsNotice(refresh);

  return (
    <main>
      <h1 class="page-title">{t('optionsTitle')}</h1>
      {state && <SettingsForm initial={state.settings} />}
      {state && <ClipboardSettingsForm />}
      {state?.phase === 'setup' && <JoinForm onDone={setState} />}
      {state?.phase === 'locked' && <OptionsUnlock retryAt={state.retryAt} onDone={setState} />}
      {state?.phase === 'unlocked' && <ImportExportSection state={state} onChanged={refresh} />}
      {state?.phase === 'unlocked' && <SyncSection onChanged={refresh} />}
      {state?.phase === 'unlocked' && <ConflictCopies accounts={(state.accounts ?? []).map((w) => fromWire(w))} onChanged={refresh} />}
      {state?.phase === 'unlocked' && <TrashSection onChanged={refresh} />}
      {state?.phase === 'unlocked' && <PassphraseForm />}
      {state?.phase === 'unlocked' && <UnlockMethodsSection />}
      {state?.phase === 'recovered' && (
        <p class="warning" role="alert" data-testid="options-recovered">
          {t('optionsRecovered')}
        </p>
      )}
      {state && <ClockCheck />}
      {/* Keyed by the phase: a lock reloads it, so no entry stays on screen while locked. */}
      {state && state.phase !== 'setup' && state.phase !== 'recovered' && <ActivityLog key={state.phase} />}
    </main>
  );
}
