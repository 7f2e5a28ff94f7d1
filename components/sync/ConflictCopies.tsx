import { useState } from 'preact/hooks';
import type { Account } from '@/lib/otp/account';
import type { Result } from '@/lib/result';
import { toWire } from '@/lib/messaging/account-wire';
import { parseHlc } from '@/lib/vault/hybrid-logical-clock';
import { withoutConflictMark } from '@/lib/accounts/without-conflict-mark';
import { send } from '../../lib/messaging/client';
import { problemText, t, tCount } from '../shared/t';

const nameOf = (a: Pick<Account, 'issuer' | 'label'>): string => (a.issuer && a.label ? `${a.issuer} (${a.label})` : a.issuer || a.label);

/** When the losing version was written: its clock's wall time. */
const changedAt = (clock: string): string => {
  const wall = parseHlc(clock)?.wallMs;
  return wall ? new Date(wall).toLocaleString() : '';
};

/**
 * Conflict copies (docs/vault-format.md §11.4): an account changed on two browsers before they
 * synced keeps the losing version as a copy. Each is shown beside the version that won, to keep
 * as an account of its own or to delete (into the trash, like any account).
 */
export function ConflictCopies({ accounts, onChanged }: { accounts: readonly Account[]; onChanged: () => void }) {
  const [error, setError] = useState('');
  const copies = accounts.filter((a) => a.conflictOf);
  if (copies.length === 0) return null;

  const act = async (reply: Promise<Result<unknown>>) => {
    const answer = await reply;
    if (!answer.ok) setError(problemText(answer.problem));
    else setError('');
    onChanged();
  };

  return (
    <section aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading">{tCount('sync_conflicts_heading', copies.length)}</h2>
      <p class="hint">{t('sync_conflict_copy')}</p>
      <ul class="slot-list">
        {copies.map((copy) => {
          const winner = accounts.find((a) => a.id === copy.conflictOf!.id);
          return (
            <li key={copy.id} data-testid="conflict-row" data-id={copy.id}>
              <span class="slot-name">
                {nameOf(copy)}
                <span class="hint detail">{t('sync_conflict_changed_at', changedAt(copy.conflictOf!.clock))}</span>
                <span class="hint detail">{winner ? t('sync_conflict_kept', nameOf(winner)) : t('sync_conflict_kept_none')}</span>
              </span>
              <button
                type="button"
                data-testid="conflict-keep"
                onClick={() => void act(send({ type: 'update', account: toWire(withoutConflictMark(copy)) }))}
              >
                {t('sync_conflict_keep')}
              </button>
              <button
                type="button"
                class="danger"
                data-testid="conflict-delete"
                onClick={() => void act(send({ type: 'delete', id: copy.id }))}
              >
                {t('sync_conflict_delete')}
              </button>
            </li>
          );
        })}
      </ul>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
