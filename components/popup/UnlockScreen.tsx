import { useEffect, useState } from 'preact/hooks';
import { send } from '../../lib/messaging/client';
import { problemText, t, tCount } from '../shared/t';
import { useFocusOnMount } from '../shared/use-focus-on-mount';
import { typedBeforeStart } from './typed-before-start';
import type { StateReply } from '@/lib/vault-service/protocol';
import { useUnlockMethods } from './use-unlock-methods';
import { PasskeyUnlock } from './PasskeyUnlock';
import { RecoveryUnlockForm } from './RecoveryUnlockForm';
import { isPasskeyTab } from '../../lib/vault-service/client';

/**
 * Shown while the vault is locked: the passphrase, "Use passkey" when the vault has a passkey,
 * and "Forgot your passphrase?" (the recovery key). The form paints at once; the other ways in
 * come from a flag in storage.local and the background's `unlock-options` (use-unlock-methods.ts).
 */
export function UnlockScreen({ retryAt, onDone }: { retryAt?: number | undefined; onDone: (state: StateReply) => void }) {
  // Typed into the saved screen before the popup's code took it over (typed-before-start.ts).
  const [passphrase, setPassphrase] = useState(() => typedBeforeStart('unlock-passphrase'));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // Also when the popup locks while open (Lock, auto-lock): the passphrase field is ready for typing.
  const field = useFocusOnMount<HTMLInputElement>();
  const [now, setNow] = useState(Date.now());
  const wait = retryAt && retryAt > now ? Math.ceil((retryAt - now) / 1000) : 0;
  const methods = useUnlockMethods();
  const [recovering, setRecovering] = useState(false);
  // After a refused passkey or recovery key: a wait may have started.
  const recheck = async () => {
    const state = await send({ type: 'state' });
    if (state.ok && state.value.retryAt) onDone(state.value);
  };

  useEffect(() => {
    // The passkey tab (lib/vault-service/client.ts) shows the popup's page full size.
    if (isPasskeyTab()) document.body.classList.add('window');
  }, []);

  useEffect(() => {
    if (!wait) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [wait > 0]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    // The list only (as at start-up): a thousand whole accounts would cross as a thousand objects.
    const reply = await send({ type: 'unlock', passphrase, answer: 'list' });
    setBusy(false);
    if (reply.ok) return onDone(reply.value);
    setError(problemText(reply.problem));
    setPassphrase('');
    await recheck();
  };

  if (recovering) {
    return (
      <RecoveryUnlockForm
        hasRecoveryKey={methods.hints?.recoveryKey}
        waitSeconds={wait}
        onBack={() => setRecovering(false)}
        onDone={onDone}
        onFailed={() => void recheck()}
      />
    );
  }

  return (
    <main class="screen narrow">
      <h1>{t('unlockTitle')}</h1>
      <form onSubmit={submit}>
        <label for="unlock-passphrase">{t('passphraseLabel')}</label>
        <input
          id="unlock-passphrase"
          ref={field}
          data-testid="unlock-passphrase"
          type="password"
          autoComplete="current-password"
          autoFocus
          required
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'unlock-error' : undefined}
        />
        {(error || wait > 0) && (
          <p id="unlock-error" class="error" role="alert" data-testid="unlock-error">
            {wait > 0 ? tCount('err_unlock_wait', wait) : error}
          </p>
        )}
        <button type="submit" class="primary" data-testid="unlock-submit" disabled={busy || wait > 0}>
          {busy ? t('working') : t('unlockSubmit')}
        </button>
      </form>
      {methods.hints?.passkey && (
        <PasskeyUnlock options={methods.options} waiting={wait > 0} onDone={onDone} onFailed={() => void recheck()} />
      )}
      <button type="button" class="link" data-testid="unlock-recovery" onClick={() => setRecovering(true)}>
        {t('unlockForgot')}
      </button>
    </main>
  );
}
