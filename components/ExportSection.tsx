import { useState } from 'preact/hooks';
import type { Account } from '@/lib/otp/account';
import { createBackup } from '@/lib/vault/backup';
import { exportUriList } from '@/lib/export/export-uri-list';
import { exportAegisPlain } from '@/lib/export/export-aegis-plain';
import { exportFileName, type ExportKind } from '@/lib/export/export-file-name';
import { MIN_PASSPHRASE_LENGTH } from '@/lib/settings/passphrase-policy';
import { send } from './api';
import { downloadText } from './download-file';
import { AccountQrCodes, MigrationQrCodes } from './ExportQrCodes';
import { AutoBackupForm } from './AutoBackupForm';
import { problemText, t } from './t';

const logExport = (kind: string) => void send({ type: 'log-event', event: { type: 'exported', kind } });

/**
 * Export: the encrypted Sesame backup (vault passphrase or another one), and, after the vault
 * passphrase is entered again and a warning, the plain exports (otpauth:// list, Aegis JSON, QR
 * codes). Files are made here from the unlocked accounts and saved with a normal download.
 */
export function ExportSection({ accounts }: { accounts: readonly Account[] }) {
  return (
    <section aria-labelledby="export-heading" class="export-section">
      <h2 id="export-heading">{t('exportHeading')}</h2>
      <BackupForm accounts={accounts} />
      <AutoBackupForm />
      <PlainExports accounts={accounts} />
    </section>
  );
}

function BackupForm({ accounts }: { accounts: readonly Account[] }) {
  const [useVault, setUseVault] = useState(true);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!useVault && passphrase.length < MIN_PASSPHRASE_LENGTH) return setMessage({ ok: false, text: t('err_passphrase_short', MIN_PASSPHRASE_LENGTH) });
    if (!useVault && passphrase !== confirm) return setMessage({ ok: false, text: t('err_passphrase_mismatch') });
    setBusy(true);
    setMessage({ ok: true, text: t('working') });
    if (useVault) {
      const verified = await send({ type: 'verify-passphrase', passphrase });
      if (!verified.ok) {
        setBusy(false);
        return setMessage({ ok: false, text: problemText(verified.problem) });
      }
    }
    const now = Date.now();
    const text = await createBackup(accounts, passphrase, now);
    setBusy(false);
    downloadText(exportFileName('sesame-backup', now), text, 'application/json');
    logExport('sesame-backup');
    setPassphrase(''); setConfirm('');
    setMessage({ ok: true, text: t('exportBackupDone', accounts.length) });
  };

  return (
    <form onSubmit={submit}>
      <fieldset class="grid">
        <legend>{t('exportBackupHeading')}</legend>
        <p class="hint">{t('exportBackupIntro')}</p>
        <label class="check">
          <input type="radio" name="backup-pass" data-testid="export-backup-use-vault" checked={useVault} onChange={() => setUseVault(true)} />
          {t('exportBackupUseVault')}
        </label>
        <label class="check">
          <input type="radio" name="backup-pass" data-testid="export-backup-use-other" checked={!useVault} onChange={() => setUseVault(false)} />
          {t('exportBackupUseOther')}
        </label>
        <label for="export-backup-passphrase">{useVault ? t('exportVaultPassphraseLabel') : t('exportBackupPassphraseLabel')}</label>
        <input id="export-backup-passphrase" data-testid="export-backup-passphrase" type="password" required
          autoComplete={useVault ? 'current-password' : 'new-password'} value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
        {!useVault && (
          <>
            <label for="export-backup-confirm">{t('passphraseConfirmLabel')}</label>
            <input id="export-backup-confirm" data-testid="export-backup-confirm" type="password" required autoComplete="new-password"
              value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} />
            <p class="warning">{t('exportBackupOtherWarning')}</p>
          </>
        )}
        <button type="submit" class="primary" data-testid="export-backup" disabled={busy || accounts.length === 0}>
          {busy ? t('working') : t('exportBackupSubmit')}
        </button>
        <p role="status" class={message?.ok === false ? 'error' : undefined} data-testid="export-backup-result">{message?.text ?? ''}</p>
      </fieldset>
    </form>
  );
}

function PlainExports({ accounts }: { accounts: readonly Account[] }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState('');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [qr, setQr] = useState<'none' | 'accounts' | 'migration'>('none');

  const verify = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const reply = await send({ type: 'verify-passphrase', passphrase });
    setBusy(false);
    setPassphrase('');
    if (!reply.ok) return setError(problemText(reply.problem));
    setError('');
    setOpen(true);
  };

  const save = (kind: ExportKind) => {
    const now = Date.now();
    const text = kind === 'uri-list' ? exportUriList(accounts) : exportAegisPlain(accounts, now);
    downloadText(exportFileName(kind, now), text, kind === 'uri-list' ? 'text/plain' : 'application/json');
    logExport(kind);
  };

  const show = (which: 'accounts' | 'migration') => {
    setQr(which);
    logExport(which === 'accounts' ? 'qr-codes' : 'migration-qr');
  };

  return (
    <fieldset class="grid">
      <legend>{t('exportPlainHeading')}</legend>
      <p class="warning" id="export-plain-warning">{t('exportPlainWarning')}</p>
      {!open ? (
        <form onSubmit={verify} class="grid">
          <label for="export-plain-passphrase">{t('exportVaultPassphraseLabel')}</label>
          <input id="export-plain-passphrase" data-testid="export-plain-passphrase" type="password" required autoComplete="current-password"
            value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} aria-describedby="export-plain-warning"
            aria-invalid={error ? 'true' : undefined} />
          {error && <p class="error" role="alert" data-testid="export-plain-error">{error}</p>}
          <button type="submit" data-testid="export-plain-unlock" disabled={busy || accounts.length === 0}>
            {busy ? t('working') : t('exportPlainUnlock')}
          </button>
        </form>
      ) : (
        <>
          <div class="button-row">
            <button type="button" data-testid="export-uri-list" onClick={() => save('uri-list')}>{t('exportUriList')}</button>
            <button type="button" data-testid="export-aegis" onClick={() => save('aegis-plain')}>{t('exportAegis')}</button>
            <button type="button" data-testid="export-show-qr" aria-pressed={qr === 'accounts'} onClick={() => show('accounts')}>{t('exportShowQr')}</button>
            <button type="button" data-testid="export-show-migration" aria-pressed={qr === 'migration'} onClick={() => show('migration')}>
              {t('exportShowMigration')}
            </button>
            <button type="button" data-testid="export-plain-close" onClick={() => { setOpen(false); setQr('none'); }}>{t('exportPlainClose')}</button>
          </div>
          {qr === 'accounts' && <AccountQrCodes accounts={accounts} />}
          {qr === 'migration' && <MigrationQrCodes accounts={accounts} />}
        </>
      )}
    </fieldset>
  );
}
