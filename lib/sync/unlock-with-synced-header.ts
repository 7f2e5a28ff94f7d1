/**
 * Unlocking after the passphrase changed on another browser, before this one synced the change:
 * the typed passphrase fails the local header, so the background tries the synced header. It is
 * adopted only if it is this vault's (same vault id), newer (higher revision), opens with the
 * passphrase, holds its MAC, and wraps the very data key this vault's own header is signed with
 * (its MAC holds under that key too): a stranger's header never replaces this one.
 */
import { fail, ok, type Result } from '../result';
import { importRawDataKey } from '../vault/crypto';
import { bytesEqual } from '../vault/encoding';
import { headerMacValid } from '../vault/header-mac';
import { abortQuietly, commitAll } from '../vault/idb-write';
import { HEADER_KEY, type VaultDb } from '../vault/vault-db';
import { parseStoredHeader } from '../vault/vault-header';
import { ERR_WRONG_PASSPHRASE } from '../vault/vault-problems';
import { openHeaderWithPassphrase } from '../vault/vault';
import { remoteHeaderOf } from './read-remote';
import type { SyncTransport } from './transport';

export async function unlockWithSyncedHeader(db: VaultDb, transport: SyncTransport, passphrase: string): Promise<Result<CryptoKey>> {
  const stored = parseStoredHeader(await db.get('meta', HEADER_KEY));
  if (!stored.ok || stored.value.version !== 2) return fail(ERR_WRONG_PASSPHRASE);
  const local = stored.value.header;
  const read = await transport.readAll();
  const remote = read.ok ? remoteHeaderOf(read.value).header : undefined;
  if (!remote || remote.vaultId !== local.vaultId || remote.revision <= local.revision) return fail(ERR_WRONG_PASSPHRASE);
  const opened = await openHeaderWithPassphrase(remote, passphrase);
  if (!opened.ok) return fail(ERR_WRONG_PASSPHRASE);
  const raw = opened.value;
  try {
    if (!(await headerMacValid(local, raw))) return fail(ERR_WRONG_PASSPHRASE);
    const tx = db.transaction('meta', 'readwrite');
    const current = parseStoredHeader(await tx.store.get(HEADER_KEY));
    if (!current.ok || current.value.version !== 2 || !bytesEqual(current.value.header.mac, local.mac)) {
      await abortQuietly(tx);
      return fail(ERR_WRONG_PASSPHRASE);
    }
    await commitAll(tx, [() => tx.store.put(remote, HEADER_KEY)]);
    return ok(await importRawDataKey(raw));
  } finally {
    raw.fill(0);
  }
}
