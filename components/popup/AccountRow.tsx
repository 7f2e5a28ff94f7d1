import type { Account } from '@/lib/otp/account';
import { Icon } from '../shared/Icon';
import { STEAM } from '@/lib/otp/account';
import { codeAt } from '@/lib/otp/generate-code';
import { timeStep } from '@/lib/otp/time-step';
import { groupCode } from '@/lib/otp/group-code';
import { Countdown } from './Countdown';
import { t } from '../shared/t';

export interface RowActions {
  readonly onCopy: (account: Account, code: string) => void;
  readonly onNext: (account: Account) => void;
  readonly onEdit: (account: Account) => void;
  readonly onFill?: ((account: Account, code: string) => void) | undefined;
}

/** The next code is shown during the last seconds of a period, so the user can wait for it. */
const SHOW_NEXT_MS = 5000;

const periodOf = (a: Account): number | null => (a.type === 'totp' ? a.period : a.type === 'steam' ? STEAM.period : null);

export function AccountRow({ account, now, index, count, actions }: {
  account: Account;
  now: number;
  index: number;
  count: number;
  actions: RowActions;
}) {
  const code = codeAt(account, now);
  const period = periodOf(account);
  const step = period ? timeStep(period, now) : null;
  const next = step && step.remainingMs <= SHOW_NEXT_MS ? codeAt(account, now + period! * 1000) : null;
  const title = account.issuer || account.label;
  const subtitle = account.issuer ? account.label : '';

  return (
    <li class="row" data-testid="account" data-issuer={account.issuer} data-label={account.label} data-type={account.type}
      data-id={account.id} aria-setsize={count} aria-posinset={index + 1}>
      <button type="button" class="copy" data-index={index} onClick={() => actions.onCopy(account, code)}
        title={t('clickToCopy')}>
        <span class="names">
          <span class="issuer">{account.pinned && <span class="pin" aria-hidden="true">★ </span>}{title}</span>
          {(subtitle || account.conflictOf) && (
            <span class="label">
              {account.conflictOf && <span class="conflict-badge" data-testid="conflict-badge" title={t('sync_conflict_copy')}>{t('sync_conflict_badge')}</span>}
              {subtitle}
            </span>
          )}
        </span>
        <span class="codes">
          <span class="code" data-testid="code">{groupCode(code)}</span>
          {next && <span class="next-code" data-testid="next-code">{t('nextCode', groupCode(next))}</span>}
        </span>
      </button>
      {step && period && <Countdown remainingMs={step.remainingMs} periodMs={period * 1000} />}
      {account.type === 'hotp' && (
        <button type="button" class="icon" data-testid="hotp-next" onClick={() => actions.onNext(account)}
          aria-label={t('hotpNextFor', title)} title={t('hotpNext')}><Icon name="next" /></button>
      )}
      {actions.onFill && (
        <button type="button" class="icon" data-testid="fill" onClick={() => actions.onFill!(account, code)}
          aria-label={t('fillFor', title)} title={t('fill')}><Icon name="fill" /></button>
      )}
      <button type="button" class="icon" data-testid="edit" onClick={() => actions.onEdit(account)}
        aria-label={t('editFor', title)} title={t('edit')}><Icon name="edit" /></button>
    </li>
  );
}
