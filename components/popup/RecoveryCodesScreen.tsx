import { useState } from 'preact/hooks';
import { Icon } from '../shared/Icon';
import type { Account } from '@/lib/otp/account';
import { toWire } from '@/lib/messaging/account-wire';
import { parseRecoveryCodes } from '@/lib/recovery/parse-recovery-codes';
import { recoveryCodesLeft, replaceRecoveryCodes, setRecoveryCodeUsed } from '@/lib/recovery/update-recovery-codes';
import { send } from '../../lib/messaging/client';
import { copySecret } from '../../lib/clipboard/client';
import { problemText, t, tCount } from '../shared/t';
import '../shared/screens.css';

/**
 * An account's recovery (backup) codes: paste the site's list, see how many are left, mark one
 * used (it stays, struck through; undo is one click) and copy one. Every change is saved at once
 * through the `update` request, so the codes are encrypted with the account.
 */
export function RecoveryCodesScreen({ account, onClose, onChanged }: { account: Account; onClose: () => void; onChanged: () => void }) {
  const [pasted, setPasted] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const codes = account.recoveryCodes;
  const name = account.issuer || account.label;

  const saveCodes = async (recoveryCodes: Account['recoveryCodes'], done: string): Promise<boolean> => {
    const reply = await send({ type: 'update', account: toWire({ ...account, recoveryCodes }) });
    if (!reply.ok) {
      setError(problemText(reply.problem));
      return false;
    }
    setError('');
    setStatus(done);
    onChanged();
    return true;
  };

  const savePasted = async (event: Event) => {
    event.preventDefault();
    const parsed = parseRecoveryCodes(pasted);
    if (!parsed.length) return setError(t('err_recovery_none_found'));
    if (await saveCodes(replaceRecoveryCodes(codes, parsed), t('recovery_saved'))) setPasted('');
  };

  const copy = async (code: string) => {
    try {
      await copySecret(code);
      setStatus(t('recovery_copied'));
    } catch {
      setStatus(t('err_copy'));
    }
  };

  return (
    <main class="screen">
      <header class="bar">
        <button type="button" class="icon" onClick={onClose} aria-label={t('back')} data-testid="back">
          <Icon name="back" />
        </button>
        <h1>
          {t('recovery_heading')}: {name}
        </h1>
      </header>
      <div class="panel grid recovery sub-panel">
        {codes.length ? (
          <>
            <p data-testid="recovery-left">{tCount('recovery_left', recoveryCodesLeft(codes), recoveryCodesLeft(codes), codes.length)}</p>
            <ul class="recovery-codes" aria-label={t('recovery_heading')}>
              {codes.map((c, i) => (
                <li key={`${i}-${c.code}`} data-testid="recovery-code" data-used={String(c.used)} class={c.used ? 'used' : undefined}>
                  <span class="mono" id={`rc-${i}`}>
                    {c.used ? <s>{c.code}</s> : c.code}
                    {c.used && <span class="visually-hidden"> {t('recovery_used')}</span>}
                  </span>
                  {/* Named "Copy <code>" / "Mark used <code>": the visible word first (WCAG 2.5.3), then which code. */}
                  <button
                    type="button"
                    id={`rc-copy-${i}`}
                    aria-labelledby={`rc-copy-${i} rc-${i}`}
                    data-testid="recovery-copy"
                    onClick={() => void copy(c.code)}
                  >
                    {t('recovery_copy')}
                  </button>
                  <button
                    type="button"
                    id={`rc-use-${i}`}
                    aria-labelledby={`rc-use-${i} rc-${i}`}
                    data-testid="recovery-mark-used"
                    onClick={() => void saveCodes(setRecoveryCodeUsed(codes, i, !c.used), t('recovery_saved'))}
                  >
                    {c.used ? t('recovery_undo') : t('recovery_mark_used')}
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p class="hint" data-testid="recovery-left">
            {t('recovery_none')}
          </p>
        )}
        <form onSubmit={savePasted} class="grid">
          <label for="recovery-input">{t('recovery_input_label')}</label>
          <textarea
            id="recovery-input"
            data-testid="recovery-input"
            rows={4}
            class="mono"
            spellcheck={false}
            autoComplete="off"
            value={pasted}
            onInput={(e) => setPasted(e.currentTarget.value)}
            aria-describedby="recovery-input-hint"
            aria-invalid={error ? 'true' : undefined}
          />
          <p id="recovery-input-hint" class="hint">
            {t('recovery_input_hint')}
          </p>
          {error && (
            <p class="error" role="alert" data-testid="recovery-error">
              {error}
            </p>
          )}
          <button type="submit" class="primary" data-testid="recovery-save">
            {t('recovery_save')}
          </button>
        </form>
      </div>
      <p class="status" role="status" aria-live="polite" data-testid="recovery-status">
        {status}
      </p>
    </main>
  );
}
