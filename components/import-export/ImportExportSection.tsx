import { useMemo, useState } from 'preact/hooks';
import type { StateReply } from '@/lib/vault-service/protocol';
import { fromWire } from '@/lib/messaging/account-wire';
import { send } from '../../lib/messaging/client';
import { ExportSection } from './ExportSection';
import { ImportSection } from './ImportSection';
import { ScanImagesSection } from '../scan/ScanImagesSection';
import { problemText, t, tCount } from '../shared/t';
import { PasswordInput } from '../shared/PasswordInput';

/**
 * Import and export on the options page. Both need the vault unlocked: the options page shows them
 * only then (OptionsApp.tsx), and shows `OptionsUnlock` instead while it is locked.
 */
export function ImportExportSection({ state, onChanged }: { state: StateReply; onChanged: () => void }) {
  const accounts = useMemo(() => (state.accounts ?? []).map((a) => fromWire(a)), [state]);
  return (
    <>
      <ImportSection accounts={accounts} offsetSeconds={state.settings.timeOffsetSeconds} onImported={onChanged} />
      <ScanImagesSection accounts={accounts} offsetSeconds={state.settings.timeOffsetSeconds} onAdded={onChanged} />
      <ExportSection count={accounts.length} />
    </>
  );
}

/** The options page's unlock form (the same `unlock` request as the popup's). */
export function OptionsUnlock({ retryAt, onDone }: { retryAt?: number | undefined; onDone: (state: StateReply) => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState(
    retryAt && retryAt > Date.now() ? tCount('err_unlock_wait', Math.ceil((retryAt - Date.now()) / 1000)) : '',
  );
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const reply = await send({ type: 'unlock', passphrase });
    setBusy(false);
    setPassphrase('');
    if (reply.ok) return onDone(reply.value);
    setError(problemText(reply.problem));
  };

  return (
    <section aria-labelledby="options-unlock-heading">
      <h2 id="options-unlock-heading">{t('importExportLockedHeading')}</h2>
      <p class="hint">{t('importExportLockedHint')}</p>
      <form onSubmit={submit} class="grid">
        <label for="options-unlock-passphrase">{t('passphraseLabel')}</label>
        <PasswordInput
          id="options-unlock-passphrase"
          testId="unlock-passphrase"
          autoComplete="current-password"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'options-unlock-error' : undefined}
          value={passphrase}
          onValue={setPassphrase}
        />
        {error && (
          <p id="options-unlock-error" class="error" role="alert" data-testid="unlock-error">
            {error}
          </p>
        )}
        <button type="submit" class="primary" data-testid="unlock-submit" disabled={busy}>
          {busy ? t('working') : t('unlockSubmit')}
        </button>
      </form>
    </section>
  );
}
