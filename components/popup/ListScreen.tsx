import { useEffect, useMemo, useState } from 'preact/hooks';
import { Icon } from '../shared/Icon';
import type { ComponentChildren } from 'preact';
import { browser } from 'wxt/browser';
import type { ListAccount } from '@/lib/accounts/list-account';
import { AccountList } from './AccountList';
import type { RowActions } from './AccountRow';
import { lazyScreen } from './lazy-screen';
import { t, tCount } from '../shared/t';
import { useFocusOnMount } from '../shared/use-focus-on-mount';
import { typedBeforeStart } from './typed-before-start';

/** "For this site" comes after the background has answered, never in the first paint: loaded then. */
const SiteAccounts = lazyScreen(() => import('../autofill/later').then((m) => m.SiteAccounts));

export function ListScreen({
  accounts,
  more = 0,
  now,
  unreadable,
  actions,
  onAdd,
  onScan,
  onLock,
  onPopOut,
  status,
  site,
  prompt,
  notice,
  next,
}: {
  accounts: readonly ListAccount[];
  /** Accounts of the list that follow `accounts` and are not here yet (PopupState's `more`). */
  more?: number;
  now: number;
  unreadable: number;
  actions: RowActions;
  onAdd: () => void;
  /** "Scan this page" for a QR code (components/scan/ScanScreen.tsx). */
  onScan?: (() => void) | undefined;
  onLock: () => void;
  onPopOut: () => void;
  status: string;
  /** "For this site" (autofill): the tab's host and its accounts, shown first while not searching. */
  site?: { readonly host: string; readonly accounts: readonly ListAccount[] } | undefined;
  /** A question about a fill (components/autofill/FillPromptView.tsx). */
  prompt?: ComponentChildren;
  /** A warning above the list, e.g. components/popup/ClockWarning.tsx. */
  notice?: ComponentChildren;
  /** A next step under the status line, e.g. "Click the field" (components/PickOfferView.tsx). */
  next?: ComponentChildren;
}) {
  // A search typed into the saved screen before the popup's code took it over (typed-before-start.ts).
  const [query, setQuery] = useState(() => typedBeforeStart('search'));
  useEffect(() => void SiteAccounts.preload(), []);
  // Type-to-search from the first key press, also right after unlocking or setting up.
  const search = useFocusOnMount<HTMLInputElement>();
  const siteFirst = site && site.accounts.length > 0 && query === '' ? site : null;
  const siteAccounts = siteFirst?.accounts;
  const rest = useMemo(() => (siteAccounts ? accounts.filter((a) => !siteAccounts.includes(a)) : accounts), [accounts, siteAccounts]);

  /** From the search field: Down goes to the first row, Enter copies the first match. */
  const onSearchKey = (event: KeyboardEvent) => {
    const first = document.querySelector<HTMLButtonElement>('button.copy[data-index="0"]');
    if (event.key === 'ArrowDown' && first) {
      event.preventDefault();
      first.focus();
    } else if (event.key === 'Enter' && first) {
      event.preventDefault();
      first.click();
    }
  };

  return (
    <main class="screen list-screen">
      <header class="bar">
        <label for="search" class="visually-hidden">
          {t('searchLabel')}
        </label>
        <input
          id="search"
          ref={search}
          data-testid="search"
          type="search"
          autoFocus
          autoComplete="off"
          spellcheck={false}
          placeholder={t('searchPlaceholder')}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={onSearchKey}
          aria-controls="accounts"
        />
        <button type="button" class="icon" data-testid="add" onClick={onAdd} aria-label={t('add')} title={t('add')}>
          <Icon name="plus" />
        </button>
        {onScan && (
          <button
            type="button"
            class="icon"
            data-testid="scan-page"
            onClick={onScan}
            aria-label={t('scan_page_label')}
            title={t('scan_page_label')}
          >
            <Icon name="scan" />
          </button>
        )}
        <button type="button" class="icon" data-testid="pop-out" onClick={onPopOut} aria-label={t('popOut')} title={t('popOut')}>
          <Icon name="popOut" />
        </button>
        <button
          type="button"
          class="icon"
          data-testid="settings"
          onClick={() => browser.runtime.openOptionsPage()}
          aria-label={t('settings')}
          title={t('settings')}
        >
          <Icon name="settings" />
        </button>
        <button type="button" class="icon" data-testid="lock" onClick={onLock} aria-label={t('lockNow')} title={t('lockNow')}>
          <Icon name="lock" />
        </button>
      </header>
      {unreadable > 0 && (
        <p class="error" role="alert" data-testid="unreadable">
          {tCount('unreadableRecords', unreadable)}
        </p>
      )}
      {notice}
      {siteFirst && <SiteAccounts host={siteFirst.host} accounts={siteFirst.accounts} now={now} actions={actions} />}
      {(!siteFirst || rest.length > 0) && <AccountList accounts={rest} more={more} now={now} actions={actions} query={query} />}
      {prompt}
      <p class="status" role="status" aria-live="polite" data-testid="status">
        {status}
      </p>
      {next}
    </main>
  );
}
