import { useEffect, useState } from 'preact/hooks';
import type { SyncStatusReply, SyncTarget } from '@/lib/sync/protocol';
import type { SlotSummary } from '@/lib/vault/vault-slots';
import { ERR_SYNC_STORAGE_FULL, ERR_SYNC_TOO_LARGE } from '@/lib/sync/sync-problems';
import { askForWebDavOrigin, sendSync } from '../../lib/sync/client';
import { problemText, t, tCount } from '../shared/t';
import { SyncTargetFields, targetFields } from './SyncTargetFields';
import { useSyncStatus } from './use-sync-status';
import { PasswordInput } from '../shared/PasswordInput';

type Message = { readonly ok: boolean; readonly text: string };

/** "the passkey YubiKey, the recovery key": what a merge into a synced vault left behind. */
function droppedText(slots: readonly SlotSummary[]): string {
  return slots.map((s) => (s.kind === 'passkey' ? t('sync_dropped_passkey', s.name ?? '') : t('sync_dropped_recovery_key'))).join(', ');
}

/** The status in words: where, when last, what is waiting, what went wrong. */
function StatusLines({ status }: { status: SyncStatusReply }) {
  if (!status.enabled) return <p>{t('sync_status_off')}</p>;
  return (
    <>
      <p>
        {status.kind === 'webdav'
          ? t('sync_status_webdav', status.url ?? '', status.username ?? '')
          : status.kind === 'browser'
            ? t('sync_status_browser')
            : t('sync_status_on_locked')}
      </p>
      <p>
        {status.syncing
          ? t('sync_status_syncing')
          : status.lastSyncAt !== undefined
            ? t('sync_status_last', new Date(status.lastSyncAt).toLocaleString())
            : t('sync_status_never')}{' '}
        {status.pending > 0 ? tCount('sync_status_pending', status.pending) : t('sync_status_nothing_pending')}
      </p>
      {status.problem && (
        <p class="error" data-testid="sync-problem">
          {problemText(status.problem)}
        </p>
      )}
      {status.retryAt !== undefined && status.retryAt > Date.now() && (
        <p class="hint">{t('sync_status_retry_at', new Date(status.retryAt).toLocaleTimeString())}</p>
      )}
    </>
  );
}

/**
 * Settings → Sync (docs/design.md, "Sync"): turn it on through the browser's sync storage or a
 * WebDAV folder, see its status, sync now, turn it off (the accounts here and the synced copy
 * stay). When the place already holds another Sesame vault, asks for that vault's passphrase and
 * merges this browser's accounts into it. Shown only while unlocked. The status follows every
 * change, made here or anywhere else, without asking the background on a timer (use-sync-status.ts).
 */
export function SyncSection({ onChanged }: { onChanged: () => void }) {
  const [status, setStatus] = useSyncStatus();
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState<SyncTarget>({ kind: 'browser' });
  const [askMerge, setAskMerge] = useState(false);
  const [mergePassphrase, setMergePassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);

  // The form starts from where sync is on now.
  useEffect(() => {
    if (status?.enabled && status.kind && !open)
      setTarget({ kind: status.kind, url: status.url ?? '', username: status.username ?? '', password: '' });
  }, [status?.enabled, status?.kind, status?.url]);

  const enable = async (event: Event) => {
    event.preventDefault();
    const fields = targetFields(target);
    // Asked for during the click (a user gesture), before anything else is awaited.
    if (fields.kind === 'webdav' && !(await askForWebDavOrigin(fields.url ?? '')))
      return setMessage({ ok: false, text: t('err_sync_permission') });
    setBusy(true);
    setMessage({ ok: true, text: t('working') });
    const reply = await sendSync({ type: 'sync-enable', ...fields, ...(askMerge ? { passphrase: mergePassphrase } : {}) });
    setBusy(false);
    setMergePassphrase('');
    if (!reply.ok) {
      const tooLarge = reply.problem.code === ERR_SYNC_TOO_LARGE || reply.problem.code === ERR_SYNC_STORAGE_FULL;
      return setMessage({ ok: false, text: problemText(reply.problem) + (tooLarge ? ` ${t('sync_too_large_offer')}` : '') });
    }
    const value = reply.value;
    if (value.outcome === 'other-vault') {
      setAskMerge(true);
      return setMessage(null);
    }
    setAskMerge(false);
    setOpen(false);
    setStatus(value.status);
    if (value.outcome === 'merged') {
      const added = tCount('sync_merged', value.added);
      setMessage({
        ok: true,
        text: value.droppedSlots.length > 0 ? `${added} ${t('sync_merged_dropped', droppedText(value.droppedSlots))}` : added,
      });
      onChanged();
    } else {
      setMessage({ ok: !value.status.problem, text: value.status.problem ? problemText(value.status.problem) : t('sync_enabled') });
      onChanged();
    }
  };

  const disable = async () => {
    const reply = await sendSync({ type: 'sync-disable' });
    if (!reply.ok) return setMessage({ ok: false, text: problemText(reply.problem) });
    setStatus(reply.value);
    setOpen(false);
    setAskMerge(false);
    setMessage({ ok: true, text: t('sync_disabled') });
  };

  const syncNow = async () => {
    setBusy(true);
    setStatus((s) => (s ? { ...s, syncing: true } : s));
    const reply = await sendSync({ type: 'sync-now' });
    setBusy(false);
    if (!reply.ok) return setMessage({ ok: false, text: problemText(reply.problem) });
    setStatus(reply.value);
    setMessage(null);
  };

  const on = status?.enabled === true;
  const showForm = open || askMerge;
  return (
    <section aria-labelledby="sync-heading">
      <h2 id="sync-heading">{t('sync_heading')}</h2>
      <p class="hint">{t('sync_intro')}</p>
      <label class="check">
        <input
          type="checkbox"
          data-testid="sync-enable"
          checked={on || showForm}
          disabled={busy}
          onChange={(e) => {
            if (e.currentTarget.checked) setOpen(true);
            else if (on) void disable();
            else {
              setOpen(false);
              setAskMerge(false);
            }
          }}
        />
        {t('sync_enable_label')}
      </label>
      <div role="status" data-testid="sync-status" class="sync-status">
        {status && <StatusLines status={status} />}
      </div>
      {on && !showForm && (
        <div class="button-row">
          <button type="button" data-testid="sync-now" onClick={() => void syncNow()} disabled={busy}>
            {busy ? t('working') : t('sync_now')}
          </button>
          <button type="button" data-testid="sync-change" onClick={() => setOpen(true)}>
            {t('sync_change')}
          </button>
          <button type="button" data-testid="sync-disable" onClick={() => void disable()}>
            {t('sync_disable')}
          </button>
        </div>
      )}
      {on && <p class="hint">{t('sync_disable_hint')}</p>}
      {showForm && (
        <form onSubmit={enable} class="grid panel-box" aria-label={t('sync_heading')}>
          <SyncTargetFields
            target={target}
            onChange={(next) => {
              setTarget(next);
              setAskMerge(false);
            }}
            idPrefix="sync"
          />
          {askMerge && (
            <div class="warning grid" role="alert">
              <p>{t('sync_other_vault')}</p>
              <label for="sync-merge-passphrase">{t('sync_merge_passphrase_label')}</label>
              <PasswordInput id="sync-merge-passphrase" autoComplete="off" autoFocus value={mergePassphrase} onValue={setMergePassphrase} />
            </div>
          )}
          <div class="button-row">
            <button type="submit" class="primary" data-testid="sync-submit" disabled={busy}>
              {busy ? t('working') : askMerge ? t('sync_merge_submit') : t('sync_submit')}
            </button>
            <button
              type="button"
              data-testid="sync-cancel"
              onClick={() => {
                setOpen(false);
                setAskMerge(false);
                setMessage(null);
              }}
            >
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
      <p role="status" aria-live="polite" class={message?.ok === false ? 'error' : undefined} data-testid="sync-result">
        {message?.text ?? ''}
      </p>
    </section>
  );
}
