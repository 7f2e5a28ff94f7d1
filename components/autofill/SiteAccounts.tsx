import type { ListAccount } from '@/lib/accounts/list-account';
import { AccountRow, type RowActions } from '../popup/AccountRow';
import { t } from '../shared/t';

/**
 * "For this site": the accounts that belong to the target tab's site, above the full list.
 * Arrow keys move between these rows and on into the list below.
 */
export function SiteAccounts({
  host,
  accounts,
  now,
  actions,
}: {
  host: string;
  accounts: readonly ListAccount[];
  now: number;
  actions: RowActions;
}) {
  const onKeyDown = (event: KeyboardEvent) => {
    const index = Number((event.target as HTMLElement).dataset.index);
    if (Number.isNaN(index) || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
    event.preventDefault();
    const to = event.key === 'ArrowDown' ? index + 1 : index - 1;
    if (to < 0) return document.getElementById('search')?.focus();
    const next =
      to < accounts.length
        ? document.querySelector<HTMLElement>(`.site-accounts button.copy[data-index="${to}"]`)
        : document.querySelector<HTMLElement>('.scroller button.copy[data-index="0"]');
    next?.focus();
  };
  return (
    <section class="site-accounts" data-testid="for-this-site" aria-labelledby="for-this-site-heading">
      <h2 id="for-this-site-heading">
        {t('autofill_for_this_site')} <span class="hint">{host}</span>
      </h2>
      <ul class="accounts" aria-labelledby="for-this-site-heading" onKeyDown={onKeyDown}>
        {accounts.map((account, i) => (
          <AccountRow key={account.id} account={account} now={now} index={i} count={accounts.length} actions={actions} />
        ))}
      </ul>
    </section>
  );
}
