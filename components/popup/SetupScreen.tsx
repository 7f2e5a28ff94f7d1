import { useState } from 'preact/hooks';
import { send } from '../../lib/messaging/client';
import { problemText, t } from '../shared/t';
import type { StateReply } from '@/lib/vault-service/protocol';
import { checkNewPassphrase } from '@/lib/settings/passphrase-policy';

/**
 * First run: choose the passphrase that protects the vault. With `recovered` (the vault was opened
 * with the recovery key), the same form chooses the new passphrase that replaces the forgotten
 * one; nothing else is possible until it is set.
 */
export function SetupScreen({ onDone, recovered = false }: { onDone: (state: StateReply) => void; recovered?: boolean }) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

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

  return (
    <main class="screen narrow">
      <h1>{t(recovered ? 'recoveredTitle' : 'setupTitle')}</h1>
      <p data-testid={recovered ? 'recovered-intro' : undefined}>{t(recovered ? 'recoveredIntro' : 'setupIntro')}</p>
      <form onSubmit={submit}>
        <label for="setup-passphrase">{t('passphraseLabel')}</label>
        <input id="setup-passphrase" data-testid="setup-passphrase" type="password" autoComplete="new-password"
          autoFocus required value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)} aria-describedby="setup-warning" />
        <label for="setup-confirm">{t('passphraseConfirmLabel')}</label>
        <input id="setup-confirm" data-testid="setup-confirm" type="password" autoComplete="new-password" required
          value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} />
        <p id="setup-warning" class="warning">{t('setupWarning')}</p>
        {error && <p class="error" role="alert" data-testid="setup-error">{error}</p>}
        <button type="submit" class="primary" data-testid="setup-submit" disabled={busy}>
          {busy ? t('working') : t(recovered ? 'recoveredSubmit' : 'setupSubmit')}
        </button>
      </form>
    </main>
  );
}
