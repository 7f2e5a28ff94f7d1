import { useState } from 'preact/hooks';
import { send } from '../../lib/messaging/client';
import { problemText, t, tCount } from '../shared/t';
import type { StateReply } from '@/lib/vault-service/protocol';

/**
 * "Forgot your passphrase?": the recovery key, typed as written down (groups, dashes, spaces and
 * case do not matter; a typo is named by its check characters). On success the background is in
 * the `recovered` phase and the popup asks for a new passphrase before anything else.
 */
export function RecoveryUnlockForm({
  hasRecoveryKey,
  waitSeconds,
  onBack,
  onDone,
  onFailed,
}: {
  /** From the unlock hints: `false` when the vault has no recovery key; `undefined` when unknown. */
  hasRecoveryKey: boolean | undefined;
  /** Seconds left of the wrong-secret wait (0: none). */
  waitSeconds: number;
  onBack: () => void;
  onDone: (state: StateReply) => void;
  onFailed: () => void;
}) {
  const [key, setKey] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const reply = await send({ type: 'unlock-recovery-key', recoveryKey: key });
    setBusy(false);
    if (reply.ok) return onDone(reply.value);
    setError(problemText(reply.problem));
    onFailed();
  };

  return (
    <main class="screen narrow">
      <h1>{t('unlockRecoveryTitle')}</h1>
      {hasRecoveryKey === false ? (
        <p data-testid="unlock-recovery-none">{t('unlockRecoveryNone')}</p>
      ) : (
        <form onSubmit={submit}>
          <p class="hint" id="unlock-recovery-hint">
            {t('unlockRecoveryIntro')}
          </p>
          <label for="unlock-recovery-key">{t('recoveryKeyLabel')}</label>
          <input
            id="unlock-recovery-key"
            data-testid="unlock-recovery-key"
            class="mono"
            type="text"
            autoFocus
            required
            autoComplete="off"
            spellcheck={false}
            autoCapitalize="characters"
            value={key}
            onInput={(e) => setKey(e.currentTarget.value)}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error || waitSeconds > 0 ? 'unlock-recovery-error' : 'unlock-recovery-hint'}
          />
          {(error || waitSeconds > 0) && (
            <p id="unlock-recovery-error" class="error" role="alert" data-testid="unlock-recovery-error">
              {waitSeconds > 0 ? tCount('err_unlock_wait', waitSeconds) : error}
            </p>
          )}
          <button type="submit" class="primary" data-testid="unlock-recovery-submit" disabled={busy || waitSeconds > 0}>
            {busy ? t('working') : t('unlockSubmit')}
          </button>
        </form>
      )}
      <button type="button" class="link" data-testid="unlock-recovery-back" onClick={onBack}>
        {t('unlockRecoveryBack')}
      </button>
    </main>
  );
}
