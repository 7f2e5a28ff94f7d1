import { useEffect, useState } from 'preact/hooks';
import { send } from '../../lib/messaging/client';
import { isPasskeyTab, openPasskeyTab, passkeyNeedsTab } from '../../lib/vault-service/client';
import { problemText, t } from '../shared/t';
import type { StateReply, UnlockOptionsReply } from '@/lib/vault-service/protocol';
import type { Result } from '@/lib/result';

/**
 * The WebAuthn ceremony's code, loaded once the unlock form is painted (its support check runs
 * then) rather than with the form: two files fewer before a locked popup's first paint.
 */
const ceremony = () => import('../../lib/vault-service/passkey-ceremony');

/**
 * "Use passkey" on the unlock screen: asks the authenticator for the PRF output of one of the
 * vault's passkeys and hands it to the background. Disabled, with the reason, where the browser
 * cannot do it. Where the toolbar popup would close during the ceremony (Firefox), it opens the
 * popup's page in a tab, which starts the ceremony by itself (`autoStart`).
 */
export function PasskeyUnlock({
  options,
  waiting,
  onDone,
  onFailed,
}: {
  options: () => Promise<Result<UnlockOptionsReply>>;
  /** The wrong-secret wait is on: no attempt may run. */
  waiting: boolean;
  onDone: (state: StateReply) => void;
  /** After a refused attempt: the page asks for the state again (a wait may have started). */
  onFailed: () => void;
}) {
  const [unsupported, setUnsupported] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const start = async () => {
    if (passkeyNeedsTab()) return openPasskeyTab();
    setBusy(true);
    setError('');
    const [available, { assertPasskey }] = await Promise.all([options(), ceremony()]);
    const answer = available.ok ? await assertPasskey(navigator.credentials, available.value) : available;
    const reply = answer.ok ? await send({ type: 'unlock-passkey', ...answer.value, answer: 'list' }) : answer;
    setBusy(false);
    if (reply.ok) return onDone(reply.value);
    setError(problemText(reply.problem));
    onFailed();
  };

  useEffect(() => {
    void ceremony()
      .then(({ passkeySupport }) => passkeySupport())
      .then((support) => {
        if (!support.ok) return setUnsupported(problemText(support.problem));
        // The tab the Firefox popup opened: start at once, the user already asked for it.
        if (isPasskeyTab() && !waiting) void start();
      });
  }, []);

  return (
    <div class="passkey-unlock">
      <button
        type="button"
        class="passkey"
        data-testid="unlock-passkey"
        disabled={busy || waiting || unsupported !== ''}
        aria-describedby={unsupported ? 'unlock-passkey-reason' : error ? 'unlock-passkey-error' : undefined}
        onClick={() => void start()}
      >
        {busy ? t('unlockPasskeyWaiting') : t('unlockPasskey')}
      </button>
      {unsupported && (
        <p id="unlock-passkey-reason" class="hint" data-testid="unlock-passkey-reason">
          {unsupported}
        </p>
      )}
      {error && (
        <p id="unlock-passkey-error" class="error" role="alert" data-testid="unlock-passkey-error">
          {error}
        </p>
      )}
    </div>
  );
}
