import { useEffect, useState } from 'preact/hooks';
import type { StateReply } from '@/lib/messages/protocol';
import { send } from './api';
import { t } from './t';
import { SettingsForm } from './SettingsForm';
import { PassphraseForm } from './PassphraseForm';
import { ClockCheck } from './ClockCheck';
import { ActivityLog } from './ActivityLog';
import { ImportExportSection } from './ImportExportSection';

/** The options page: settings that are not needed every day. */
export function OptionsApp() {
  const [state, setState] = useState<StateReply | null>(null);
  useEffect(() => {
    document.title = t('optionsTitle');
    void send({ type: 'state' }).then((reply) => reply.ok && setState(reply.value));
  }, []);
  return (
    <main>
      <h1 class="page-title">{t('optionsTitle')}</h1>
      {state && <SettingsForm initial={state.settings} />}
      {state && state.phase !== 'setup' && <ImportExportSection />}
      {state && state.phase !== 'setup' && <PassphraseForm />}
      {state && <ClockCheck />}
      {state && state.phase !== 'setup' && <ActivityLog />}
    </main>
  );
}
