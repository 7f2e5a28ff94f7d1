import { useState } from 'preact/hooks';
import { send } from '../../lib/messaging/client';
import { copySecret } from '../../lib/clipboard/client';
import { problemText, t } from '../shared/t';
import type { SlotSummary } from '@/lib/vault/vault-slots';
import { slotCreatedOn } from './slot-created-on';
import { PasswordInput } from '../shared/PasswordInput';

/**
 * "Recovery key": creates one (or a new one, which replaces the old) after the vault passphrase.
 * The key is shown once, in groups to write down, with Copy and Print; it is added only when the
 * user has typed it back. Leaving (Cancel, another page, a lock) drops it and changes nothing.
 */
export function RecoveryKeySettings({ recoveryKey, onChanged }: { recoveryKey: SlotSummary | undefined; onChanged: () => Promise<void> }) {
  const [passphrase, setPassphrase] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const reply = await send({ type: 'recovery-key-create', passphrase });
    setBusy(false);
    setPassphrase('');
    if (!reply.ok) return setMessage({ ok: false, text: problemText(reply.problem) });
    setShown(reply.value.text);
    setTyped('');
    setMessage(null);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const reply = await send({ type: 'recovery-key-confirm', recoveryKey: typed });
    setBusy(false);
    if (!reply.ok) return setMessage({ ok: false, text: problemText(reply.problem) });
    setShown(null);
    setTyped('');
    setMessage({ ok: true, text: t('recoveryKeySaved') });
    await onChanged();
  };

  const copy = async () => {
    if (!shown) return;
    try {
      await copySecret(shown);
      setMessage({ ok: true, text: t('recoveryKeyCopied') });
    } catch {
      setMessage({ ok: false, text: t('err_copy') });
    }
  };

  if (shown) {
    return (
      <form onSubmit={save}>
        <fieldset class="grid">
          <legend>{t('recoveryKeyHeading')}</legend>
          <p class="warning">{t('recoveryKeyShownOnce')}</p>
          <div class="recovery-print">
            <p class="print-only">{t('recoveryKeyPrintTitle')}</p>
            <p class="recovery-key mono" data-testid="recovery-key-text" aria-label={t('recoveryKeyLabel')}>
              {shown}
            </p>
            <p class="print-only">{t('recoveryKeyPrintHint')}</p>
          </div>
          <p class="button-row">
            <button type="button" data-testid="recovery-key-copy" onClick={() => void copy()}>
              {t('recoveryKeyCopy')}
            </button>
            <button type="button" data-testid="recovery-key-print" onClick={() => window.print()}>
              {t('recoveryKeyPrint')}
            </button>
          </p>
          <label for="recovery-key-confirm">{t('recoveryKeyConfirmLabel')}</label>
          <input
            id="recovery-key-confirm"
            data-testid="recovery-key-confirm"
            class="mono"
            type="text"
            required
            autoComplete="off"
            spellcheck={false}
            autoCapitalize="characters"
            value={typed}
            onInput={(e) => setTyped(e.currentTarget.value)}
            aria-invalid={message?.ok === false ? 'true' : undefined}
            aria-describedby="recovery-key-result"
          />
          <p class="button-row">
            <button type="submit" class="primary" data-testid="recovery-key-save" disabled={busy}>
              {busy ? t('working') : t('recoveryKeySave')}
            </button>
            <button
              type="button"
              data-testid="recovery-key-cancel"
              onClick={() => {
                setShown(null);
                setTyped('');
                setMessage(null);
              }}
            >
              {t('importCancel')}
            </button>
          </p>
          <p id="recovery-key-result" role="status" class={message?.ok === false ? 'error' : undefined} data-testid="recovery-key-result">
            {message?.text ?? ''}
          </p>
        </fieldset>
      </form>
    );
  }

  return (
    <form onSubmit={create}>
      <fieldset class="grid">
        <legend>{t('recoveryKeyHeading')}</legend>
        <p class="hint">{t('recoveryKeyIntro')}</p>
        <p data-testid="recovery-key-status">{recoveryKey ? t('recoveryKeyExists', slotCreatedOn(recoveryKey)) : t('recoveryKeyNone')}</p>
        <label for="recovery-passphrase">{t('exportVaultPassphraseLabel')}</label>
        <PasswordInput id="recovery-passphrase" autoComplete="current-password" value={passphrase} onValue={setPassphrase} />
        <button type="submit" class="primary" data-testid="recovery-key-create" disabled={busy}>
          {busy ? t('working') : t(recoveryKey ? 'recoveryKeyReplace' : 'recoveryKeyCreate')}
        </button>
        <p role="status" class={message?.ok === false ? 'error' : undefined} data-testid="recovery-key-result">
          {message?.text ?? ''}
        </p>
      </fieldset>
    </form>
  );
}
