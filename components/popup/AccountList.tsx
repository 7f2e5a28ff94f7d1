import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ListAccount } from '@/lib/accounts/list-account';
import { filterAccounts } from '@/lib/accounts/filter-accounts';
import { sortAccounts } from '@/lib/accounts/sort-accounts';
import { AccountRow, type RowActions } from './AccountRow';
import { t } from '../shared/t';

/** Fixed row height (px, matches `.row` in popup.css) so only the visible rows are rendered. */
const ROW_HEIGHT = 58;
/** Rows rendered above and below the visible ones, so keyboard moves and small scrolls never show a gap. */
const OVERSCAN = 6;
/** The first paint renders only what fits the popup (about 9 rows); the overscan follows right after. */
const FIRST_PAINT_OVERSCAN = 0;
/** Lists up to this long render every row: cheap, and find-in-page and row counts see them all. */
const RENDER_ALL_UP_TO = 60;
/**
 * The list's height until the browser reports it (a ResizeObserver, after the first layout: a
 * measurement before it would force a layout of its own): about what the toolbar popup leaves
 * under its header (body.popup is 580 px high). A taller list (a popped-out window) gets its rows
 * in the same frame, before it is painted.
 */
const FIRST_VIEWPORT = 500;

export function AccountList({
  accounts,
  more = 0,
  now,
  actions,
  query,
}: {
  accounts: readonly ListAccount[];
  /**
   * Accounts that follow `accounts` in the list and are not here yet (the popup painted from the
   * first screen's snapshot): the list keeps their room below, so its height and the rows'
   * positions in the list do not move when they arrive.
   */
  more?: number;
  now: number;
  actions: RowActions;
  query: string;
}) {
  const shown = useMemo(() => filterAccounts(sortAccounts(accounts), query), [accounts, query]);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FIRST_VIEWPORT);
  const [overscan, setOverscan] = useState(FIRST_PAINT_OVERSCAN);
  useEffect(() => {
    const timer = setTimeout(() => setOverscan(OVERSCAN), 50);
    return () => clearTimeout(timer);
  }, []);
  const hasRows = shown.length > 0;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // Called after layout, before paint: rows it adds are in the same frame. Only a height that
    // changes how many rows fit is kept: a re-render that changes nothing would still redraw every
    // row (and compute its code) inside the first frame.
    const observer = new ResizeObserver(([entry]) => {
      const height = entry?.contentRect.height || FIRST_VIEWPORT;
      setViewport((shown) => (Math.ceil(shown / ROW_HEIGHT) === Math.ceil(height / ROW_HEIGHT) ? shown : height));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasRows]);

  if (accounts.length === 0)
    return (
      <p class="empty" data-testid="empty">
        {t('emptyVault')}
      </p>
    );
  // Nothing among the first screen's accounts: the rest of the list may still match (it arrives
  // once the first screen is painted), so "No matches" waits for it rather than being said twice.
  if (shown.length === 0)
    return more > 0 ? (
      <p class="empty" aria-busy="true" />
    ) : (
      <p class="empty" role="status">
        {t('noMatches', query)}
      </p>
    );

  // Not yet here (only while not searching: a search is over what is here).
  const later = query ? 0 : more;
  const count = shown.length + later;
  const windowed = count > RENDER_ALL_UP_TO;
  const first = windowed ? Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - overscan) : 0;
  const last = windowed ? Math.min(shown.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + overscan) : shown.length;

  /** Arrow keys move between rows; the row's copy button takes focus, so Enter copies. */
  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    const index = Number(target.dataset.index);
    if (Number.isNaN(index)) return;
    const to =
      event.key === 'ArrowDown'
        ? index + 1
        : event.key === 'ArrowUp'
          ? index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? shown.length - 1
              : null;
    if (to === null) return;
    event.preventDefault();
    if (to < 0) return document.getElementById('search')?.focus();
    focusRow(Math.min(to, shown.length - 1));
  };

  const focusRow = (index: number) => {
    const el = scroller.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    setScrollTop(el.scrollTop);
    requestAnimationFrame(() => el.querySelector<HTMLElement>(`button.copy[data-index="${index}"]`)?.focus());
  };

  return (
    <div class="scroller" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <ul
        class="accounts"
        id="accounts"
        aria-label={t('accountsLabel')}
        onKeyDown={onKeyDown}
        style={{ paddingTop: `${first * ROW_HEIGHT}px`, paddingBottom: `${(count - last) * ROW_HEIGHT}px` }}
      >
        {shown.slice(first, last).map((account, i) => (
          <AccountRow key={account.id} account={account} now={now} index={first + i} count={count} actions={actions} />
        ))}
      </ul>
    </div>
  );
}
