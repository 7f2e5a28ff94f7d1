import { useState } from 'preact/hooks';
import { Icon } from '../shared/Icon';
import type { Account } from '@/lib/otp/account';
import { toWire } from '@/lib/messaging/account-wire';
import { send } from '../../lib/messaging/client';
import { problemText, t, tCount } from '../shared/t';
import { RecoveryCodesScreen } from './RecoveryCodesScreen';
import { CheckCodeScreen } from './CheckCodeScreen';
import { recoveryCodesLeft } from '@/lib/recovery/update-recovery-codes';
import { withoutConflictMark } from '@/lib/accounts/without-conflict-mark';
import '../shared/screens.css';

const splitList = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

/** Edits the names, note, tags, sites and pin of an account; deletes it after a confirmation. */
export function EditScreen({ account, onClose, onChanged }: { account: Account; onClose: () => void; onChanged: () => void }) {
  const [issuer, setIssuer] = useState(account.issuer);
  const [label, setLabel] = useState(account.label);
  const [note, setNote] = useState(account.note);
  const [tags, setTags] = useState(account.tags.join(', '));
  const [sites, setSites] = useState(account.sites.join('\n'));
  const [pinned, setPinned] = useState(account.pinned);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  const [sub, setSub] = useState<'recovery' | 'check' | null>(null);

  const save = async (event: Event) => {
    event.preventDefault();
    if (!issuer.trim() && !label.trim()) return setError(t('err_edit_name_required'));
    const updated: Account = {
      ...account,
      issuer: issuer.trim(),
      label: label.trim(),
      note,
      tags: splitList(tags),
      sites: splitList(sites.toLowerCase()),
      pinned,
    };
    const reply = await send({ type: 'update', account: toWire(updated) });
    if (!reply.ok) return setError(problemText(reply.problem));
    onChanged();
    onClose();
  };

  /** A conflict copy kept as an account of its own: the same account without the mark. */
  const keepCopy = async () => {
    const reply = await send({ type: 'update', account: toWire(withoutConflictMark(account)) });
    if (!reply.ok) return setError(problemText(reply.problem));
    onChanged();
    onClose();
  };

  const remove = async () => {
    const reply = await send({ type: 'delete', id: account.id });
    if (!reply.ok) return setError(problemText(reply.problem));
    onChanged();
    onClose();
  };

  const name = account.issuer || account.label;
  if (sub === 'recovery') return <RecoveryCodesScreen account={account} onClose={() => setSub(null)} onChanged={onChanged} />;
  if (sub === 'check') return <CheckCodeScreen account={account} onClose={() => setSub(null)} onChanged={onChanged} />;
  return (
    <main class="screen">
      <header class="bar">
        <button type="button" class="icon" onClick={onClose} aria-label={t('back')} data-testid="back">
          <Icon name="back" />
        </button>
        <h1>{t('editTitle', name)}</h1>
      </header>
      <nav class="sub-links" aria-label={t('editTitle', name)}>
        <button type="button" data-testid="recovery-open" onClick={() => setSub('recovery')}>
          {t('recovery_heading')}
          {account.recoveryCodes.length > 0 &&
            ` (${tCount('recovery_left', recoveryCodesLeft(account.recoveryCodes), recoveryCodesLeft(account.recoveryCodes), account.recoveryCodes.length)})`}
        </button>
        <button type="button" data-testid="check-code" onClick={() => setSub('check')}>
          {t('check_open')}
        </button>
      </nav>
      {account.conflictOf && (
        <div class="warning conflict-explain" role="note" data-testid="conflict-explain">
          <p>{t('sync_conflict_copy')}</p>
          <button type="button" data-testid="conflict-keep" onClick={() => void keepCopy()}>
            {t('sync_conflict_keep')}
          </button>
        </div>
      )}
      <form onSubmit={save} class="grid panel">
        <label for="edit-issuer">{t('issuerLabel')}</label>
        <input id="edit-issuer" data-testid="edit-issuer" value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} autoFocus />
        <label for="edit-label">{t('accountLabel')}</label>
        <input id="edit-label" data-testid="edit-label" value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
        <label for="edit-tags">{t('tagsLabel')}</label>
        <input id="edit-tags" data-testid="edit-tags" value={tags} onInput={(e) => setTags(e.currentTarget.value)} />
        <label for="edit-sites">{t('sitesLabel')}</label>
        <textarea
          id="edit-sites"
          data-testid="edit-sites"
          rows={2}
          value={sites}
          onInput={(e) => setSites(e.currentTarget.value)}
          aria-describedby="edit-sites-hint"
        />
        <p id="edit-sites-hint" class="hint">
          {t('sitesHint')}
        </p>
        <label for="edit-note">{t('noteLabel')}</label>
        {/* A note may hold anything (recovery codes, answers); autocomplete="off" also keeps it out of Firefox's session store. */}
        <textarea
          id="edit-note"
          data-testid="edit-note"
          rows={3}
          autoComplete="off"
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        <label class="check">
          <input type="checkbox" data-testid="edit-pinned" checked={pinned} onChange={(e) => setPinned(e.currentTarget.checked)} />
          {t('pinLabel')}
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" data-testid="edit-save">
          {t('save')}
        </button>
      </form>
      <section class="danger panel" aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t('deleteHeading')}</h2>
        {!confirming ? (
          <button type="button" class="danger" data-testid="delete" onClick={() => setConfirming(true)}>
            {t('delete')}
          </button>
        ) : (
          <div role="alertdialog" aria-labelledby="delete-question" class="confirm">
            <p id="delete-question">{t('deleteConfirm', name, account.label)}</p>
            <button type="button" class="danger" data-testid="delete-confirm" onClick={remove} autoFocus>
              {t('deleteYes')}
            </button>
            <button type="button" data-testid="delete-cancel" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </div>
        )}
      </section>
    </main>
  );
}
