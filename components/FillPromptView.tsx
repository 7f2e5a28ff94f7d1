import { useEffect, useRef } from 'preact/hooks';
import type { FillPrompt } from './use-autofill';
import { t } from './t';

/**
 * The questions a fill may raise. The phishing guard is a modal alert dialog (`<dialog>` with
 * `showModal`) naming both domains, with Cancel focused: the safe answer is one key press away.
 * "Remember this site?" is a non-modal question under the list, asked once after a first fill
 * on a new site.
 */
export function FillPromptView({ prompt, onConfirm, onCancel, onRemember }: {
  prompt: FillPrompt;
  onConfirm: () => void;
  onCancel: () => void;
  onRemember: (yes: boolean) => void;
}) {
  const first = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<Element | null>(null);
  useEffect(() => {
    returnTo.current = document.activeElement;
    // A modal <dialog> keeps focus inside and makes the rest of the popup inert; Escape cancels.
    if (dialog.current && !dialog.current.open) dialog.current.showModal?.();
    first.current?.focus();
    return () => (returnTo.current as HTMLElement | null)?.focus?.();
  }, [prompt]);

  if (prompt.kind === 'confirm') {
    const accountSites = prompt.accountSites.join(', ');
    return (
      <dialog class="dialog" ref={dialog} role="alertdialog" aria-labelledby="fill-confirm-title"
        aria-describedby="fill-confirm-text" data-testid="fill-confirm-dialog"
        onCancel={(e) => { e.preventDefault(); onCancel(); }}>
        <h2 id="fill-confirm-title">{t('autofill_confirm_title')}</h2>
        <p id="fill-confirm-text" class="warning" data-testid="fill-confirm-text">
          {t('autofill_confirm_text', accountSites, prompt.pageSite)}
        </p>
        <p class="hint">{t('autofill_confirm_hint', prompt.pageSite)}</p>
        <div class="confirm">
          <button type="button" ref={first} data-testid="fill-cancel" onClick={onCancel}>{t('autofill_cancel')}</button>
          <button type="button" class="danger" data-testid="fill-confirm" onClick={onConfirm}>{t('autofill_confirm_fill')}</button>
        </div>
      </dialog>
    );
  }
  return (
    <div class="remember-site panel" role="group" aria-labelledby="remember-site-text" data-testid="remember-site">
      <p id="remember-site-text">{t('autofill_remember_text', prompt.site, prompt.account.issuer || prompt.account.label)}</p>
      <div class="confirm">
        <button type="button" class="primary" ref={first} data-testid="remember-site-yes" onClick={() => onRemember(true)}>
          {t('autofill_remember_yes')}
        </button>
        <button type="button" data-testid="remember-site-no" onClick={() => onRemember(false)}>{t('autofill_remember_no')}</button>
      </div>
    </div>
  );
}
