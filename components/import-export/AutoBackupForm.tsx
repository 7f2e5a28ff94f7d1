import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { AutoBackupStatus } from '@/lib/auto-backup/protocol';
import { checkNewPassphrase } from '@/lib/settings/passphrase-policy';
import { sendAutoBackup } from '../../lib/auto-backup/client';
import { problemText, t } from '../shared/t';
import { PasswordInput } from '../shared/PasswordInput';

/**
 * The scheduled encrypted backup (off by default): a schedule and a backup passphrase. Turning it
 * on is an export of every account, so it needs Sesame's passphrase too (checked by the
 * background), and asks for the optional `downloads` permission. The backup passphrase is
 * stretched into a key that lives only in memory, encrypted under the vault's key, so after a
 * browser restart the schedule pauses until it is entered again.
 */
export function AutoBackupForm() {
  const [status, setStatus] = useState<AutoBackupStatus | null>(null);
  const [schedule, setSchedule] = useState<'daily' | 'weekly'>('weekly');
  const [vaultPassphrase, setVaultPassphrase] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void sendAutoBackup({ type: 'auto-backup-status' }).then((r) => {
      if (!r.ok) return;
      setStatus(r.value);
      if (r.value.schedule !== 'off') setSchedule(r.value.schedule);
    });
  }, []);

  const enable = async (event: Event) => {
    event.preventDefault();
    const usable = checkNewPassphrase(passphrase);
    if (!usable.ok) return setMessage({ ok: false, text: problemText(usable.problem) });
    if (passphrase !== confirm) return setMessage({ ok: false, text: t('err_passphrase_mismatch') });
    // Asked for during the click (a user gesture), before anything is awaited.
    const granted = await browser.permissions.request({ permissions: ['downloads'] }).catch(() => false);
    if (!granted) return setMessage({ ok: false, text: t('err_auto_backup_permission') });
    setBusy(true);
    setMessage({ ok: true, text: t('working') });
    const reply = await sendAutoBackup({ type: 'auto-backup-enable', schedule, passphrase, vaultPassphrase });
    setBusy(false);
    setVaultPassphrase('');
    if (!reply.ok) {
      // Nothing was turned on: give back the permission asked for a moment ago.
      if (!on) void browser.permissions.remove({ permissions: ['downloads'] }).catch(() => false);
      return setMessage({ ok: false, text: problemText(reply.problem) });
    }
    setPassphrase('');
    setConfirm('');
    setStatus(reply.value);
    // The first backup is saved at once; if that failed, the status above says why (no false "saved").
    setMessage(reply.value.lastProblem ? null : { ok: true, text: t('autoBackupEnabled') });
  };

  const disable = async () => {
    const reply = await sendAutoBackup({ type: 'auto-backup-disable' });
    if (!reply.ok) return setMessage({ ok: false, text: problemText(reply.problem) });
    setStatus(reply.value);
    setMessage({ ok: true, text: t('autoBackupDisabled') });
    void browser.permissions.remove({ permissions: ['downloads'] }).catch(() => false);
  };

  const on = status && status.schedule !== 'off';
  return (
    <form onSubmit={enable}>
      <fieldset class="grid">
        <legend>{t('autoBackupHeading')}</legend>
        <p class="hint">{t('autoBackupIntro')}</p>
        <p data-testid="auto-backup-status">
          {!on
            ? t('autoBackupOff')
            : status.armed
              ? t(status.schedule === 'daily' ? 'autoBackupOnDaily' : 'autoBackupOnWeekly')
              : t('autoBackupPaused')}
          {on && status.lastAt !== undefined && ` ${t('autoBackupLast', new Date(status.lastAt).toLocaleString())}`}
        </p>
        {on && status.lastProblem && <p class="error">{problemText({ code: status.lastProblem })}</p>}
        <label for="auto-backup-schedule">{t('autoBackupScheduleLabel')}</label>
        <select
          id="auto-backup-schedule"
          data-testid="auto-backup-schedule"
          value={schedule}
          onChange={(e) => setSchedule(e.currentTarget.value === 'daily' ? 'daily' : 'weekly')}
        >
          <option value="daily">{t('autoBackupDaily')}</option>
          <option value="weekly">{t('autoBackupWeekly')}</option>
        </select>
        <label for="auto-backup-vault-passphrase">{t('exportVaultPassphraseLabel')}</label>
        <PasswordInput
          id="auto-backup-vault-passphrase"
          autoComplete="current-password"
          value={vaultPassphrase}
          onValue={setVaultPassphrase}
        />
        <label for="auto-backup-passphrase">{t('exportBackupPassphraseLabel')}</label>
        <PasswordInput id="auto-backup-passphrase" autoComplete="new-password" value={passphrase} onValue={setPassphrase} />
        <label for="auto-backup-confirm">{t('passphraseConfirmLabel')}</label>
        <PasswordInput id="auto-backup-confirm" autoComplete="new-password" value={confirm} onValue={setConfirm} />
        <div class="button-row">
          <button type="submit" class="primary" data-testid="auto-backup-enable" disabled={busy}>
            {busy ? t('working') : on ? t('autoBackupUpdate') : t('autoBackupEnable')}
          </button>
          {on && (
            <button type="button" data-testid="auto-backup-disable" onClick={() => void disable()}>
              {t('autoBackupDisable')}
            </button>
          )}
        </div>
        <p role="status" class={message?.ok === false ? 'error' : undefined} data-testid="auto-backup-result">
          {message?.text ?? ''}
        </p>
      </fieldset>
    </form>
  );
}
