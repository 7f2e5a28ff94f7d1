import { useState } from 'preact/hooks';
import { checkNewPassphrase } from '@/lib/settings/passphrase-policy';
import type { ExportedFile, ExportedQr } from '@/lib/export/protocol';
import type { ExportKind } from '@/lib/export/export-file-name';
import type { Result } from '@/lib/result';
import { send } from '../../lib/messaging/client';
import { downloadText } from './download-file';
import { AccountQrCodes, MigrationQrCodes } from './ExportQrCodes';
import { AutoBackupForm } from './AutoBackupForm';
import { problemText, t, tCount } from '../shared/t';
import { PasswordInput } from '../shared/PasswordInput';

/** Saves a file the background built. */
const save = (file: ExportedFile) => downloadText(file.fileName, file.text, file.mimeType);

/**
 * Export: the encrypted Sesame backup (vault passphrase or another one), the scheduled backup, and,
 * after the vault passphrase is entered again and a warning, the plain exports (otpauth:// list,
 * Aegis JSON, QR codes). This page sends only the passphrase and the kind of export; the
 * background checks the passphrase and builds the export from the vault (lib/export/export-service.ts).
 */
export function ExportSection({ count }: { count: number }) {
  return (
    <section aria-labelledby="export-heading" class="export-section">
      <h2 id="export-heading">{t('exportHeading')}</h2>
      <BackupForm count={count} />
      <AutoBackupForm />
      <PlainExports count={count} />
    </section>
  );
}

function BackupForm({ count }: { count: number }) {
  const [useVault, setUseVault] = useState(true);
  const [vaultPassphrase, setVaultPassphrase] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!useVault) {
      const usable = checkNewPassphrase(passphrase);
      if (!usable.ok) return setMessage({ ok: false, text: problemText(usable.problem) });
      if (passphrase !== confirm) return setMessage({ ok: false, text: t('err_passphrase_mismatch') });
    }
    setBusy(true);
    setMessage({ ok: true, text: t('working') });
    const reply = useVault
      ? await send({ type: 'export-file', kind: 'sesame-backup', passphrase })
      : await send({ type: 'export-file', kind: 'sesame-backup', passphrase: vaultPassphrase, backupPassphrase: passphrase });
    setBusy(false);
    if (!reply.ok) return setMessage({ ok: false, text: problemText(reply.problem) });
    save(reply.value);
    setPassphrase('');
    setConfirm('');
    setVaultPassphrase('');
    setMessage({ ok: true, text: tCount('exportBackupDone', reply.value.count) });
  };

  return (
    <form onSubmit={submit}>
      <fieldset class="grid">
        <legend>{t('exportBackupHeading')}</legend>
        <p class="hint">{t('exportBackupIntro')}</p>
        <label class="check">
          <input
            type="radio"
            name="backup-pass"
            data-testid="export-backup-use-vault"
            checked={useVault}
            onChange={() => setUseVault(true)}
          />
          {t('exportBackupUseVault')}
        </label>
        <label class="check">
          <input
            type="radio"
            name="backup-pass"
            data-testid="export-backup-use-other"
            checked={!useVault}
            onChange={() => setUseVault(false)}
          />
          {t('exportBackupUseOther')}
        </label>
        {!useVault && (
          <>
            <label for="export-backup-vault-passphrase">{t('exportVaultPassphraseLabel')}</label>
            <PasswordInput
              id="export-backup-vault-passphrase"
              autoComplete="current-password"
              value={vaultPassphrase}
              onValue={setVaultPassphrase}
            />
          </>
        )}
        <label for="export-backup-passphrase">{useVault ? t('exportVaultPassphraseLabel') : t('exportBackupPassphraseLabel')}</label>
        <PasswordInput
          id="export-backup-passphrase"
          autoComplete={useVault ? 'current-password' : 'new-password'}
          value={passphrase}
          onValue={setPassphrase}
        />
        {!useVault && (
          <>
            <label for="export-backup-confirm">{t('passphraseConfirmLabel')}</label>
            <PasswordInput id="export-backup-confirm" autoComplete="new-password" value={confirm} onValue={setConfirm} />
            <p class="warning">{t('exportBackupOtherWarning')}</p>
          </>
        )}
        <button type="submit" class="primary" data-testid="export-backup" disabled={busy || count === 0}>
          {busy ? t('working') : t('exportBackupSubmit')}
        </button>
        <p role="status" class={message?.ok === false ? 'error' : undefined} data-testid="export-backup-result">
          {message?.text ?? ''}
        </p>
      </fieldset>
    </form>
  );
}

/**
 * The plain exports. "Show plain exports" checks the passphrase once; each export then sends it
 * again with its kind and the background checks it again before building anything. The
 * passphrase is held only while this panel is open: closing it, or a lock (which removes this
 * whole section), forgets it.
 */
function PlainExports({ count }: { count: number }) {
  const [passphrase, setPassphrase] = useState('');
  const [openWith, setOpenWith] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [qr, setQr] = useState<ExportedQr | null>(null);

  const verify = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const reply = await send({ type: 'verify-passphrase', passphrase });
    setBusy(false);
    const entered = passphrase;
    setPassphrase('');
    if (!reply.ok) return setError(problemText(reply.problem));
    setError('');
    setOpenWith(entered);
  };

  const close = () => {
    setOpenWith(null);
    setQr(null);
  };

  /** Runs one export; a refusal (passphrase changed meanwhile, wait, locked) closes the panel. */
  const run = async <T,>(request: () => Promise<Result<T>>, done: (value: T) => void) => {
    setBusy(true);
    const reply = await request();
    setBusy(false);
    if (!reply.ok) {
      close();
      return setError(problemText(reply.problem));
    }
    setError('');
    done(reply.value);
  };

  const saveFile = (kind: Exclude<ExportKind, 'sesame-backup'>) =>
    openWith !== null && void run(() => send({ type: 'export-file', kind, passphrase: openWith }), save);
  const show = (kind: ExportedQr['kind']) =>
    openWith !== null && void run(() => send({ type: 'export-qr', kind, passphrase: openWith }), setQr);

  return (
    <fieldset class="grid">
      <legend>{t('exportPlainHeading')}</legend>
      <p class="warning" id="export-plain-warning">
        {t('exportPlainWarning')}
      </p>
      {openWith === null ? (
        <form onSubmit={verify} class="grid">
          <label for="export-plain-passphrase">{t('exportVaultPassphraseLabel')}</label>
          <PasswordInput
            id="export-plain-passphrase"
            autoComplete="current-password"
            aria-describedby="export-plain-warning"
            aria-invalid={error ? 'true' : undefined}
            value={passphrase}
            onValue={setPassphrase}
          />
          {error && (
            <p class="error" role="alert" data-testid="export-plain-error">
              {error}
            </p>
          )}
          <button type="submit" data-testid="export-plain-unlock" disabled={busy || count === 0}>
            {busy ? t('working') : t('exportPlainUnlock')}
          </button>
        </form>
      ) : (
        <>
          <div class="button-row" aria-busy={busy ? 'true' : undefined}>
            <button type="button" data-testid="export-uri-list" disabled={busy} onClick={() => saveFile('uri-list')}>
              {t('exportUriList')}
            </button>
            <button type="button" data-testid="export-aegis" disabled={busy} onClick={() => saveFile('aegis-plain')}>
              {t('exportAegis')}
            </button>
            <button
              type="button"
              data-testid="export-show-qr"
              disabled={busy}
              aria-pressed={qr?.kind === 'qr-codes'}
              onClick={() => show('qr-codes')}
            >
              {t('exportShowQr')}
            </button>
            <button
              type="button"
              data-testid="export-show-migration"
              disabled={busy}
              aria-pressed={qr?.kind === 'migration-qr'}
              onClick={() => show('migration-qr')}
            >
              {t('exportShowMigration')}
            </button>
            <button type="button" data-testid="export-plain-close" onClick={close}>
              {t('exportPlainClose')}
            </button>
          </div>
          {busy && (
            <p class="hint" role="status">
              {t('working')}
            </p>
          )}
          {qr?.kind === 'qr-codes' && <AccountQrCodes codes={qr.codes} />}
          {qr?.kind === 'migration-qr' && <MigrationQrCodes exported={qr} />}
        </>
      )}
    </fieldset>
  );
}
