import { useEffect, useState } from 'preact/hooks';
import { send } from '../../lib/messaging/client';
import { forgetPasskey, passkeySupport, registerPasskey } from '../../lib/vault-service/passkey-ceremony';
import { cleanSlotName } from '@/lib/vault/key-slots';
import { problemText, t } from '../shared/t';
import type { SlotSummary } from '@/lib/vault/vault-slots';
import { slotCreatedOn } from './slot-created-on';
import { PasswordInput } from '../shared/PasswordInput';

/**
 * "Unlock with a passkey": the vault's passkeys, each with its name and Remove, and the form that
 * adds one. Adding asks for the vault passphrase (the background checks it before the ceremony,
 * so a wrong one makes no credential), registers a passkey with the extension as relying party,
 * and hands its PRF output to the background, which adds the slot. A credential that cannot be
 * used (no PRF, or the background refused it) is reported to the authenticator as unknown.
 */
export function PasskeySettings({ passkeys, onChanged }: { passkeys: readonly SlotSummary[]; onChanged: () => Promise<void> }) {
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [unsupported, setUnsupported] = useState('');

  useEffect(() => void passkeySupport().then((s) => !s.ok && setUnsupported(problemText(s.problem))), []);

  const add = async (event: Event) => {
    event.preventDefault();
    const cleanName = cleanSlotName(name);
    if (cleanName === undefined) return setMessage({ ok: false, text: t('err_vault_slot_name_invalid') });
    setBusy(true);
    setMessage({ ok: true, text: t('passkeyAddWaiting') });
    const begun = await send({ type: 'passkey-add-begin', passphrase, name: cleanName });
    setPassphrase('');
    if (!begun.ok) {
      setBusy(false);
      return setMessage({ ok: false, text: problemText(begun.problem) });
    }
    const answer = await registerPasskey(navigator.credentials, begun.value, t('passkeyUserName', cleanName));
    const added = answer.ok ? await send({ type: 'passkey-add', ...answer.value }) : answer;
    setBusy(false);
    if (!added.ok) {
      const made = answer.ok ? answer.value.credentialId : answer.credentialId;
      if (made) void forgetPasskey(made);
      return setMessage({ ok: false, text: problemText(added.problem) });
    }
    setName('');
    setMessage({ ok: true, text: t('passkeyAdded', cleanName) });
    await onChanged();
  };

  const remove = async (slot: SlotSummary) => {
    const reply = await send({ type: 'passkey-remove', slotId: slot.id });
    if (!reply.ok) return setMessage({ ok: false, text: problemText(reply.problem) });
    void forgetPasskey(reply.value.credentialId);
    setMessage({ ok: true, text: t('passkeyRemoved', slot.name ?? '') });
    await onChanged();
  };

  return (
    <form onSubmit={add}>
      <fieldset class="grid">
        <legend>{t('passkeyHeading')}</legend>
        <p class="hint">{t('passkeyIntro')}</p>
        {passkeys.length > 0 && (
          <ul class="slot-list" aria-label={t('passkeyListLabel')}>
            {passkeys.map((slot) => (
              <li key={slot.id} data-testid="passkey-row" data-name={slot.name}>
                <span class="slot-name">{slot.name}</span>
                <span class="hint">{t('slotCreated', slotCreatedOn(slot))}</span>
                <button
                  type="button"
                  class="danger"
                  data-testid="passkey-remove"
                  aria-label={t('passkeyRemoveLabel', slot.name ?? '')}
                  onClick={() => void remove(slot)}
                >
                  {t('passkeyRemove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <label for="passkey-name">{t('passkeyNameLabel')}</label>
        <input
          id="passkey-name"
          data-testid="passkey-name"
          type="text"
          required
          maxLength={64}
          autoComplete="off"
          disabled={unsupported !== ''}
          placeholder={t('passkeyNamePlaceholder')}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <label for="passkey-passphrase">{t('exportVaultPassphraseLabel')}</label>
        <PasswordInput
          id="passkey-passphrase"
          autoComplete="current-password"
          disabled={unsupported !== ''}
          value={passphrase}
          onValue={setPassphrase}
        />
        <button
          type="submit"
          class="primary"
          data-testid="passkey-add"
          disabled={busy || unsupported !== ''}
          aria-describedby={unsupported ? 'passkey-unsupported' : undefined}
        >
          {busy ? t('working') : t('passkeyAdd')}
        </button>
        {unsupported && (
          <p id="passkey-unsupported" class="hint" data-testid="passkey-unsupported">
            {unsupported}
          </p>
        )}
        <p role="status" class={message?.ok === false ? 'error' : undefined} data-testid="passkey-result">
          {message?.text ?? ''}
        </p>
      </fieldset>
    </form>
  );
}
