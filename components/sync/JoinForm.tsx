import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { SyncTarget } from '@/lib/sync/protocol';
import type { StateReply } from '@/lib/vault-service/protocol';
import { askForWebDavOrigin, inToolbarPopup, sendSync } from '../../lib/sync/client';
import { problemText, t } from '../shared/t';
import { SyncTargetFields, targetFields } from './SyncTargetFields';
import '../shared/screens.css';
import { PasswordInput } from '../shared/PasswordInput';

/**
 * First run: join a vault another browser syncs, with that vault's passphrase, instead of creating
 * one. The browser's own sync storage is found by itself (`found`); a WebDAV folder must be named.
 * The toolbar popup closes when the browser asks for a permission, so there the WebDAV form
 * continues on the settings page, in a tab.
 */
export function JoinForm({ onDone, found = false }: { onDone: (state: StateReply) => void; found?: boolean }) {
  const [target, setTarget] = useState<SyncTarget>({ kind: 'browser' });
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const popup = inToolbarPopup();

  const submit = async (event: Event) => {
    event.preventDefault();
    const fields = targetFields(target);
    // Asked for during the click (a user gesture), before anything else is awaited.
    if (fields.kind === 'webdav' && !(await askForWebDavOrigin(fields.url ?? ''))) return setError(t('err_sync_permission'));
    setBusy(true);
    setError('');
    const reply = await sendSync({ type: 'sync-join', ...fields, passphrase });
    setBusy(false);
    setPassphrase('');
    if (reply.ok) onDone(reply.value);
    else setError(problemText(reply.problem));
  };

  return (
    <form onSubmit={submit} class="grid" aria-labelledby="join-heading">
      <h2 id="join-heading">{t('sync_join_heading')}</h2>
      <p class="hint">{t(found ? 'sync_join_found' : 'sync_join_intro')}</p>
      {!found && <SyncTargetFields target={target} onChange={setTarget} idPrefix="join" />}
      {popup && target.kind === 'webdav' ? (
        <button
          type="button"
          class="primary"
          data-testid="join-in-tab"
          onClick={() => void browser.runtime.openOptionsPage().then(() => window.close())}
        >
          {t('sync_join_in_tab')}
        </button>
      ) : (
        <>
          <label for="join-passphrase">{t('sync_join_passphrase_label')}</label>
          <PasswordInput
            id="join-passphrase"
            autoComplete="current-password"
            autoFocus={found}
            value={passphrase}
            onValue={setPassphrase}
          />
          {error && (
            <p class="error" role="alert" data-testid="join-error">
              {error}
            </p>
          )}
          <button type="submit" class="primary" data-testid="join-submit" disabled={busy}>
            {busy ? t('working') : t('sync_join_submit')}
          </button>
        </>
      )}
    </form>
  );
}
