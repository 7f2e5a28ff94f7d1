import { useEffect, useRef, useState } from 'preact/hooks';
import type { FillPrompt } from './use-autofill';
import { t } from '../shared/t';
import '../shared/screens.css';

/**
 * The question asked before any fill into a page whose site is not one of the account's saved
 * sites (lib/autofill/site-decision.ts). A modal alert dialog (`<dialog>` with `showModal`) naming
 * the account (issuer and saved sites) and the page's site, with Cancel focused: the safe answer is
 * one key press away, and Cancel (or Escape) gives the focus back to where it was.
 *
 * - The account has no saved site yet: "Fill and remember this site for <issuer>?"; one answer
 *   fills and saves the site.
 * - It has other sites: "This code is for <issuer> (<sites>); this page is <site>. Fill anyway?",
 *   with an unticked "also remember" for services that really live on several sites.
 */
export function FillPromptView({
  prompt,
  onConfirm,
  onCancel,
}: {
  prompt: FillPrompt;
  onConfirm: (remember: boolean) => void;
  onCancel: () => void;
}) {
  const first = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<Element | null>(null);
  const [remember, setRemember] = useState(false);
  useEffect(() => {
    returnTo.current = document.activeElement;
    setRemember(false);
    // A modal <dialog> keeps focus inside and makes the rest of the popup inert; Escape cancels.
    if (dialog.current && !dialog.current.open) dialog.current.showModal?.();
    first.current?.focus();
    return () => (returnTo.current as HTMLElement | null)?.focus?.();
  }, [prompt]);

  const firstSite = prompt.accountSites.length === 0;
  return (
    <dialog
      class="dialog"
      ref={dialog}
      role="alertdialog"
      aria-labelledby="fill-confirm-title"
      aria-describedby="fill-confirm-text"
      data-testid="fill-confirm-dialog"
      data-kind={firstSite ? 'remember' : 'other-site'}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="fill-confirm-title">{firstSite ? t('autofill_first_site_title', prompt.issuer) : t('autofill_confirm_title')}</h2>
      <p id="fill-confirm-text" class="warning" data-testid="fill-confirm-text">
        {firstSite
          ? t('autofill_first_site_text', prompt.pageSite, prompt.issuer)
          : t('autofill_confirm_text', prompt.issuer, prompt.accountSites.join(', '), prompt.pageSite)}
      </p>
      <p class="hint">{t('autofill_confirm_hint', prompt.pageSite)}</p>
      {!firstSite && (
        <label class="check">
          <input type="checkbox" data-testid="fill-remember" checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} />
          {t('autofill_also_remember', prompt.pageSite, prompt.issuer)}
        </label>
      )}
      <div class="confirm">
        <button type="button" ref={first} data-testid="fill-cancel" onClick={onCancel}>
          {t('autofill_cancel')}
        </button>
        <button
          type="button"
          class={firstSite ? 'primary' : 'danger'}
          data-testid="fill-confirm"
          onClick={() => onConfirm(firstSite || remember)}
        >
          {firstSite ? t('autofill_first_site_fill') : t('autofill_confirm_fill')}
        </button>
      </div>
    </dialog>
  );
}
