import { useState } from 'preact/hooks';
import { send } from '../../lib/messaging/client';
import { problemText, t } from '../shared/t';
import { checkNewPassphrase } from '@/lib/settings/passphrase-policy';
import { PasswordInput } from '../shared/PasswordInput';

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
        <PasswordInput id="pass-current" autoComplete="current-password" value={current} onValue={setCurrent} />
        <label for="pass-new">{t('newPassphraseLabel')}</label>
        <PasswordInput id="pass-new" autoComplete="new-password" value={next} onValue={setNext} />
        <label for="pass-confirm">{t('passphraseConfirmLabel')}</label>
        <PasswordInput id="pass-confirm" autoComplete="new-password" value={confirm} onValue={setConfirm} />
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
