import { useState } from 'preact/hooks';
import { send } from '../../lib/messaging/client';
import { problemText, t } from '../shared/t';
import { checkNewPassphrase } from '@/lib/settings/passphrase-policy';

export function PassphraseForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const usable = checkNewPassphrase(next);
    if (!usable.ok) return setMessage({ ok: false, text: problemText(usable.problem) });
    if (next !== confirm) return setMessage({ ok: false, text: t('err_passphrase_mismatch') });
    setBusy(true);
    const reply = await send({ type: 'change-passphrase', current, next });
    setBusy(false);
    if (!reply.ok) return setMessage({ ok: false, text: problemText(reply.problem) });
    setCurrent('');
    setNext('');
    setConfirm('');
    setMessage({ ok: true, text: t('passphraseChanged') });
  };

  return (
    <form onSubmit={submit}>
      <fieldset class="grid">
        <legend>{t('changePassphraseHeading')}</legend>
        <label for="pass-current">{t('currentPassphraseLabel')}</label>
        <input
          id="pass-current"
          data-testid="pass-current"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onInput={(e) => setCurrent(e.currentTarget.value)}
        />
        <label for="pass-new">{t('newPassphraseLabel')}</label>
        <input
          id="pass-new"
          data-testid="pass-new"
          type="password"
          autoComplete="new-password"
          required
          value={next}
          onInput={(e) => setNext(e.currentTarget.value)}
        />
        <label for="pass-confirm">{t('passphraseConfirmLabel')}</label>
        <input
          id="pass-confirm"
          data-testid="pass-confirm"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onInput={(e) => setConfirm(e.currentTarget.value)}
        />
        <p class="warning">{t('setupWarning')}</p>
        <button type="submit" class="primary" data-testid="pass-submit" disabled={busy}>
          {busy ? t('working') : t('changePassphrase')}
        </button>
        <p role="status" class={message?.ok ? 'success' : 'error'} data-testid="pass-result">
          {message?.text ?? ''}
        </p>
      </fieldset>
    </form>
  );
}
