import type { ListAccount } from '@/lib/accounts/list-account';
import { Icon } from '../shared/Icon';
import { timeStep } from '@/lib/otp/time-step';
import { groupCode } from '@/lib/otp/group-code';
import { periodOf, SHOW_NEXT_MS } from '@/lib/otp/next-code-change';
import { Countdown } from './Countdown';
import { t } from '../shared/t';
import { useCodeBook } from './code-book-context';

export interface RowActions {
  readonly onCopy: (account: ListAccount, code: string) => void;
  readonly onNext: (account: ListAccount) => void;
  readonly onEdit: (account: ListAccount) => void;
  readonly onFill?: ((account: ListAccount) => void) | undefined;
}

export function AccountRow({
  account,
  now,
  index,
  count,
  actions,
}: {
  account: ListAccount;
  /** The time the codes are for (use-code-clock.ts): it moves on only when a code or "next" changes. */
  now: number;
  index: number;
  count: number;
  actions: RowActions;
}) {
  // From the popup's code book: computed ahead (WebCrypto), or asked for and drawn a moment later.
  const book = useCodeBook();
  const code = book.codeAt(account, now);
  const period = periodOf(account);
  const step = period ? timeStep(period, now) : null;
  const ending = step !== null && step.remainingMs <= SHOW_NEXT_MS;
  const next = ending ? book.codeAt(account, now + period! * 1000) : undefined;
  const title = account.issuer || account.label;
  const subtitle = account.issuer ? account.label : '';

  return (
    <li
      class="row"
      data-testid="account"
      data-issuer={account.issuer}
      data-label={account.label}
      data-type={account.type}
      data-id={account.id}
      aria-setsize={count}
      aria-posinset={index + 1}
    >
      <button
        type="button"
        class="copy"
        data-index={index}
        onClick={() => code !== undefined && actions.onCopy(account, code)}
        title={t('clickToCopy')}
      >
        <span class="names">
          <span class="issuer">
            {account.pinned && (
              <span class="pin" aria-hidden="true">
                ★{' '}
              </span>
            )}
            {title}
          </span>
          {(subtitle || account.conflictOf) && (
            <span class="label">
              {account.conflictOf && (
                <span class="conflict-badge" data-testid="conflict-badge" title={t('sync_conflict_copy')}>
                  {t('sync_conflict_badge')}
                </span>
              )}
              {subtitle}
            </span>
          )}
        </span>
        <span class="codes">
          {code === undefined ? (
            <span class="code" aria-busy="true" />
          ) : (
            <span class="code" data-testid="code">
              {groupCode(code)}
            </span>
          )}
          {next && (
            <span class="next-code" data-testid="next-code">
              {t('nextCode', groupCode(next))}
            </span>
          )}
        </span>
      </button>
      {period && <Countdown period={period} now={now} ending={ending} />}
      {account.type === 'hotp' && (
        <button
          type="button"
          class="icon"
          data-testid="hotp-next"
          onClick={() => actions.onNext(account)}
          aria-label={t('hotpNextFor', title)}
          title={t('hotpNext')}
        >
          <Icon name="next" />
        </button>
      )}
      {actions.onFill && (
        <button
          type="button"
          class="icon"
          data-testid="fill"
          onClick={() => actions.onFill!(account)}
          aria-label={t('fillFor', title)}
          title={t('fill')}
        >
          <Icon name="fill" />
        </button>
      )}
      <button
        type="button"
        class="icon"
        data-testid="edit"
        onClick={() => actions.onEdit(account)}
        aria-label={t('editFor', title)}
        title={t('edit')}
      >
        <Icon name="edit" />
      </button>
    </li>
  );
}
