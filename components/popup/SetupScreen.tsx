import { useEffect, useState } from 'preact/hooks';
import { send } from '../../lib/messaging/client';
import { problemText, t } from '../shared/t';
import type { StateReply } from '@/lib/vault-service/protocol';
import { checkNewPassphrase } from '@/lib/settings/passphrase-policy';
import { browserSyncHasVault } from '../../lib/sync/client';
import { JoinForm } from '../sync/JoinForm';

/**
 * First run: choose the passphrase that protects the vault. With `recovered` (the vault was opened
 * with the recovery key), the same form chooses the new passphrase that replaces the forgotten
 * one; nothing else is possible until it is set.
 *
 * A browser whose own sync storage already holds a Sesame vault (another browser of the same
 * profile syncs it) is offered to join it with that vault's passphrase first (components/sync/
 * JoinForm.tsx); any first run can also join a WebDAV folder instead of creating a vault.
 */
export function SetupScreen({ onDone, recovered = false }: { onDone: (state: StateReply) => void; recovered?: boolean }) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // Whether storage.sync holds a synced vault: null until known (a local read, so a moment at most).
  const [synced, setSynced] = useState<boolean | null>(recovered ? false : null);
  const [joining, setJoining] = useState(false);
  useEffect(() => {
    if (!recovered)
      void browserSyncHasVault().then((found) => {
        setSynced(found);
        setJoining(found);
      });
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const usable = checkNewPassphrase(passphrase);
    if (!usable.ok) return setError(problemText(usable.problem));
    if (passphrase !== confirm) return setError(t('err_passphrase_mismatch'));
    setBusy(true);
    const reply = await send(recovered ? { type: 'set-new-passphrase', passphrase } : { type: 'setup', passphrase });
    setBusy(false);
    if (reply.ok) onDone(reply.value);
    else setError(problemText(reply.problem));
  };

  if (synced === null) return <main class="screen narrow" aria-busy="true" />;
  if (joining) {
    return (
      <main class="screen narrow">
        <h1>{t('setupTitle')}</h1>
        <JoinForm found={synced} onDone={onDone} />
        <button type="button" data-testid="setup-instead" onClick={() => setJoining(false)}>
          {t('sync_setup_instead')}
        </button>
      </main>
    );
  }
  return (
    <main class="screen narrow">
      <h1>{t(recovered ? 'recoveredTitle' : 'setupTitle')}</h1>
      <p data-testid={recovered ? 'recovered-intro' : undefined}>{t(recovered ? 'recoveredIntro' : 'setupIntro')}</p>
      <form onSubmit={submit}>
        <label for="setup-passphrase">{t('passphraseLabel')}</label>
        <input
          id="setup-passphrase"
          data-testid="setup-passphrase"
          type="password"
          autoComplete="new-password"
          autoFocus
          required
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
          aria-describedby="setup-warning"
        />
        <label for="setup-confirm">{t('passphraseConfirmLabel')}</label>
        <input
          id="setup-confirm"
          data-testid="setup-confirm"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onInput={(e) => setConfirm(e.currentTarget.value)}
        />
        <p id="setup-warning" class="warning">
          {t('setupWarning')}
        </p>
        {error && (
          <p class="error" role="alert" data-testid="setup-error">
            {error}
          </p>
        )}
        <button type="submit" class="primary" data-testid="setup-submit" disabled={busy}>
          {busy ? t('working') : t(recovered ? 'recoveredSubmit' : 'setupSubmit')}
        </button>
      </form>
      {!recovered && (
        <button type="button" data-testid="join-open" onClick={() => setJoining(true)}>
          {t('sync_join_open')}
        </button>
      )}
    </main>
  );
}
