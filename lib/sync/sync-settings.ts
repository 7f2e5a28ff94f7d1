/**
 * The sync settings, kept in the vault encrypted under the data key (`meta` / `'syncSettings'`):
 * which transport, and for WebDAV the folder's URL, user name and password. They are needed only
 * while the vault is unlocked (sync runs only then), so nothing that opens them is on disk.
 *
 * ```
 * { kind: "sync-settings", data: { iv, ciphertext } }
 * ciphertext = AES-256-GCM(data key, iv, aad = CJ({ context: "sesame-vault/sync-settings/v1", vaultId }),
 *                          UTF-8(JSON of the settings))
 * ```
 */
import { fail, ok, type Result } from '../result';
import { canonicalJson } from '../vault/canonical-json';
import { open, seal } from '../vault/crypto';
import { SYNC_SETTINGS_KEY, type SyncMetaValue, type VaultDb } from '../vault/vault-db';
import { ERR_SYNC_SETTINGS_INVALID } from './sync-problems';

export type SyncSettings =
  { readonly kind: 'browser' } | { readonly kind: 'webdav'; readonly url: string; readonly username: string; readonly password: string };

const SYNC_SETTINGS_CONTEXT = 'sesame-vault/sync-settings/v1';

const aad = (vaultId: string): string => canonicalJson({ context: SYNC_SETTINGS_CONTEXT, vaultId });

const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host.endsWith('.localhost');

/**
 * Checks settings as typed: a WebDAV URL must be https (http only to this computer, for a server
 * the user runs locally), without credentials in it; the folder URL ends with `/`.
 */
export function checkSyncSettings(settings: SyncSettings): Result<SyncSettings> {
  if (settings.kind === 'browser') return ok({ kind: 'browser' });
  let url: URL;
  try {
    url = new URL(settings.url.trim());
  } catch {
    return fail(ERR_SYNC_SETTINGS_INVALID);
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
  if (!secure || url.username || url.password || url.search || url.hash) return fail(ERR_SYNC_SETTINGS_INVALID);
  if (settings.username.length > 1024 || settings.password.length > 1024 || settings.username.includes(':'))
    return fail(ERR_SYNC_SETTINGS_INVALID);
  const folder = url.href.endsWith('/') ? url.href : `${url.href}/`;
  return ok({ kind: 'webdav', url: folder, username: settings.username, password: settings.password });
}

export async function saveSyncSettings(db: VaultDb, dataKey: CryptoKey, vaultId: string, settings: SyncSettings): Promise<void> {
  const sealed = await seal(dataKey, new TextEncoder().encode(JSON.stringify(settings)), aad(vaultId));
  const value: SyncMetaValue = { kind: 'sync-settings', data: { iv: sealed.iv, ciphertext: sealed.ciphertext } };
  await db.put('meta', value, SYNC_SETTINGS_KEY);
}

/** The settings, undefined when sync is off (or they do not open under this key: treated as off). */
export async function readSyncSettings(db: VaultDb, dataKey: CryptoKey, vaultId: string): Promise<SyncSettings | undefined> {
  const value = (await db.get('meta', SYNC_SETTINGS_KEY)) as SyncMetaValue | undefined;
  const data = value?.kind === 'sync-settings' ? (value.data as { iv?: unknown; ciphertext?: unknown }) : undefined;
  if (!(data?.iv instanceof Uint8Array) || !(data.ciphertext instanceof Uint8Array)) return undefined;
  const plain = await open(dataKey, { iv: data.iv, ciphertext: data.ciphertext }, aad(vaultId));
  if (!plain) return undefined;
  try {
    const parsed = JSON.parse(new TextDecoder().decode(plain)) as SyncSettings;
    const checked = checkSyncSettings(parsed);
    return checked.ok ? checked.value : undefined;
  } catch {
    return undefined;
  } finally {
    plain.fill(0);
  }
}

/** Turns sync off: forgets the settings and the sync state; the vault and the remote are untouched. */
export async function clearSyncSettings(db: VaultDb): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  await Promise.all([tx.store.delete(SYNC_SETTINGS_KEY), tx.store.delete('sync'), tx.done]);
}
