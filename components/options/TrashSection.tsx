import { useState } from 'preact/hooks';
import type { WireTrashEntry } from '@/lib/vault-service/protocol';
import { send } from '../../lib/messaging/client';
import { problemText, t, tCount } from '../shared/t';

const nameOf = (a: { issuer: string; label: string }): string => (a.issuer && a.label ? `${a.issuer} (${a.label})` : a.issuer || a.label);

/**
 * The trash (lib/vault/trash.ts): deleted accounts stay restorable for 30 days, in every synced
 * browser. Listed on demand only, so no deleted secret is held by the page until asked for.
 */
export function TrashSection({ onChanged }: { onChanged: () => void }) {
  const [entries, setEntries] = useState<readonly WireTrashEntry[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const load = async () => {
    const reply = await send({ type: 'trash' });
    if (reply.ok) setEntries(reply.value);
    else setMessage({ ok: false, text: problemText(reply.problem) });
  };

  const restore = async (entry: WireTrashEntry) => {
    const reply = await send({ type: 'trash-restore', id: entry.account.id });
    setMessage(reply.ok ? { ok: true, text: t('trash_restored', nameOf(entry.account)) } : { ok: false, text: problemText(reply.problem) });
    await load();
    onChanged();
  };

  const open = entries !== null;
  return (
    <section aria-labelledby="trash-heading">
      <h2 id="trash-heading">{t('trash_heading')}</h2>
      <p class="hint">{t('trash_intro')}</p>
      <button
        type="button"
        data-testid="trash-open"
        aria-expanded={open}
        aria-controls="trash-list"
        onClick={() => (open ? setEntries(null) : void load())}
      >
        {open ? t('trash_close') : t('trash_open')}
      </button>
      {open && (
        <div id="trash-list">
          {entries.length === 0 ? (
            <p class="hint" data-testid="trash-empty">
              {t('trash_empty')}
            </p>
          ) : (
            <>
              <p class="hint">{tCount('trash_count', entries.length)}</p>
              <ul class="slot-list">
                {entries.map((entry) => (
                  <li key={entry.account.id} data-testid="trash-row" data-issuer={entry.account.issuer} data-label={entry.account.label}>
                    <span class="slot-name">
                      {nameOf(entry.account)}
                      <span class="hint detail">
                        {t('trash_deleted_at', new Date(entry.deletedAt).toLocaleString(), new Date(entry.purgeAt).toLocaleDateString())}
                      </span>
                    </span>
                    <button
                      type="button"
                      data-testid="trash-restore"
                      onClick={() => void restore(entry)}
                      aria-label={t('trash_restore_for', nameOf(entry.account))}
                    >
                      {t('trash_restore')}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <p role="status" class={message?.ok === false ? 'error' : undefined} data-testid="trash-result">
        {message?.text ?? ''}
      </p>
    </section>
  );
}
