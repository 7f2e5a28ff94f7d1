import type { SyncKind, SyncTarget } from '@/lib/sync/protocol';
import { t } from '../shared/t';

/**
 * Where to sync: the browser's own sync storage, or a WebDAV folder (its address, user name and
 * password). Shared by the settings page and the "join a synced vault" form. `idPrefix` keeps the
 * labels' ids apart when both are on one page.
 */
export function SyncTargetFields({
  target,
  onChange,
  idPrefix,
}: {
  target: SyncTarget;
  onChange: (target: SyncTarget) => void;
  idPrefix: string;
}) {
  const set = (change: Partial<SyncTarget>) => onChange({ ...target, ...change });
  return (
    <>
      <label for={`${idPrefix}-kind`}>{t('sync_kind_label')}</label>
      <select
        id={`${idPrefix}-kind`}
        data-testid="sync-kind"
        value={target.kind}
        onChange={(e) => set({ kind: e.currentTarget.value === 'webdav' ? 'webdav' : ('browser' satisfies SyncKind) })}
      >
        <option value="browser">{t('sync_kind_browser')}</option>
        <option value="webdav">{t('sync_kind_webdav')}</option>
      </select>
      <p class="hint">{t(target.kind === 'webdav' ? 'sync_kind_webdav_hint' : 'sync_kind_browser_hint')}</p>
      {target.kind === 'webdav' && (
        <>
          <label for={`${idPrefix}-url`}>{t('sync_webdav_url_label')}</label>
          <input
            id={`${idPrefix}-url`}
            data-testid="sync-webdav-url"
            type="url"
            required
            inputMode="url"
            autoComplete="url"
            spellcheck={false}
            placeholder="https://cloud.example.com/remote.php/dav/files/me/Sesame/"
            value={target.url ?? ''}
            onInput={(e) => set({ url: e.currentTarget.value })}
            aria-describedby={`${idPrefix}-url-hint`}
          />
          <p id={`${idPrefix}-url-hint`} class="hint">
            {t('sync_webdav_url_hint')}
          </p>
          <label for={`${idPrefix}-user`}>{t('sync_webdav_user_label')}</label>
          <input
            id={`${idPrefix}-user`}
            data-testid="sync-webdav-user"
            autoComplete="username"
            spellcheck={false}
            value={target.username ?? ''}
            onInput={(e) => set({ username: e.currentTarget.value })}
          />
          <label for={`${idPrefix}-password`}>{t('sync_webdav_password_label')}</label>
          <input
            id={`${idPrefix}-password`}
            data-testid="sync-webdav-password"
            type="password"
            autoComplete="current-password"
            value={target.password ?? ''}
            onInput={(e) => set({ password: e.currentTarget.value })}
            aria-describedby={`${idPrefix}-password-hint`}
          />
          <p id={`${idPrefix}-password-hint`} class="hint">
            {t('sync_webdav_password_hint')}
          </p>
        </>
      )}
    </>
  );
}

/** The target as the background takes it: the WebDAV fields only for WebDAV. */
export const targetFields = (target: SyncTarget): SyncTarget =>
  target.kind === 'browser'
    ? { kind: 'browser' }
    : { kind: 'webdav', url: (target.url ?? '').trim(), username: target.username ?? '', password: target.password ?? '' };
