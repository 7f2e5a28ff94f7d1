import { useEffect, useState } from 'preact/hooks';
import { send } from '../../lib/messaging/client';
import { problemText, t } from '../shared/t';
import type { StateReply } from '@/lib/vault-service/protocol';

/** Shown while the vault is locked. */
export function UnlockScreen({ retryAt, onDone }: { retryAt?: number | undefined; onDone: (state: StateReply) => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(Date.now());
  const wait = retryAt && retryAt > now ? Math.ceil((retryAt - now) / 1000) : 0;

  useEffect(() => {
    if (!wait) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [wait > 0]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const reply = await send({ type: 'unlock', passphrase });
    setBusy(false);
    if (reply.ok) return onDone(reply.value);
    setError(problemText(reply.problem));
    setPassphrase('');
    const state = await send({ type: 'state' });
    if (state.ok && state.value.retryAt) onDone(state.value);
  };

  return (
    <main class="screen narrow">
      <h1>{t('unlockTitle')}</h1>
      <form onSubmit={submit}>
        <label for="unlock-passphrase">{t('passphraseLabel')}</label>
        <input id="unlock-passphrase" data-testid="unlock-passphrase" type="password" autoComplete="current-password"
          autoFocus required value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)}
          aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'unlock-error' : undefined} />
        {(error || wait > 0) && (
          <p id="unlock-error" class="error" role="alert" data-testid="unlock-error">
            {wait > 0 ? t('err_unlock_wait', wait) : error}
          </p>
        )}
        <button type="submit" class="primary" data-testid="unlock-submit" disabled={busy || wait > 0}>
          {busy ? t('working') : t('unlockSubmit')}
        </button>
      </form>
    </main>
  );
}
