/**
 * The popup's unlock (`answer: 'list'`): answered with the first screen, from the list cache when
 * it opens for the stored records (lib/vault/list-cache.ts), the rest kept in storage.session.
 */
import { describe, expect, it, vi } from 'vitest';
import { VaultService, STORE_KEYS, type VaultServiceDeps } from '../../../lib/vault-service/vault-service';
import { memoryStore } from '../../../lib/store/key-value-store';
import { openVaultDb, type VaultDb } from '../../../lib/vault/vault-db';
import { toWire } from '../../../lib/messaging/account-wire';
import { DRAFT_DEFAULTS, type AccountDraft } from '../../../lib/otp/account';
import { FIRST_SCREEN_ACCOUNTS, readPopupSnapshot } from '../../../lib/vault-service/popup-snapshot';
import { importDataKey, listAccounts, putAccount } from '../../../lib/vault/vault';
import { LIST_CACHE_KEY, openListCache, sealListCache, writeListCache } from '../../../lib/vault/list-cache';
import { encodeCachedAnswer } from '../../../lib/vault-service/cached-answer';

const PASS = 'long enough';
let dbCount = 0;

function makeService() {
  const db = openVaultDb(`unlock-answer-${++dbCount}`);
  const session = memoryStore();
  const corrected = vi.fn();
  const deps: VaultServiceDeps = {
    db: () => db,
    session,
    local: memoryStore(),
    now: () => 1_700_000_000_000,
    iterations: 1000,
    onListCorrected: corrected,
  };
  return { service: new VaultService(deps), db, session, corrected };
}

const draft = (i: number): AccountDraft => ({
  ...DRAFT_DEFAULTS,
  type: 'totp',
  issuer: `Service ${String(i).padStart(2, '0')}`,
  label: `user${i}`,
  secret: new Uint8Array(20).fill(i + 1),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
});

async function unlockedWith(count: number) {
  const made = makeService();
  await made.service.handle({ type: 'setup', passphrase: PASS });
  await made.service.handle({ type: 'add', drafts: Array.from({ length: count }, (_, i) => toWire(draft(i))) });
  await made.service.handle({ type: 'state' });
  return made;
}

/** The data key, as the background keeps it in storage.session while unlocked. */
const dataKey = (session: ReturnType<typeof memoryStore>) =>
  importDataKey(new Uint8Array(session.data.get(STORE_KEYS.sessionDataKey) as number[]));

/** Resolves once the list cache opens for the stored records (the background writes it after each change). */
async function cacheWritten(db: Promise<VaultDb>, key: CryptoKey): Promise<string> {
  return vi.waitFor(async () => {
    const { fingerprint } = await listAccounts(await db, key);
    const text = await openListCache(key, fingerprint ?? '', await (await db).get('meta', LIST_CACHE_KEY));
    if (text === null) throw new Error('no list cache yet');
    return text;
  });
}

/** The answer's list text. */
async function popupUnlockText(service: VaultService): Promise<string> {
  const reply = await service.handle({ type: 'unlock', passphrase: PASS, answer: 'list' });
  if (!reply.ok || reply.value.list === undefined) throw new Error('no list in the answer');
  return reply.value.list;
}

const popupUnlock = async (service: VaultService) => readPopupSnapshot(await popupUnlockText(service));

const issuers = (snapshot: ReturnType<typeof readPopupSnapshot>) =>
  snapshot.kind === 'ready' ? snapshot.accounts.map((a) => a.issuer) : [];

describe("the popup's unlock answer", () => {
  it('is the first screen (its accounts and how many follow); the whole list is kept in storage.session', async () => {
    const { service, session } = await unlockedWith(FIRST_SCREEN_ACCOUNTS + 5);
    await service.handle({ type: 'lock' });
    const first = await popupUnlock(service);
    expect(first).toMatchObject({ kind: 'ready', more: 5 });
    expect(issuers(first)).toEqual(Array.from({ length: FIRST_SCREEN_ACCOUNTS }, (_, i) => draft(i).issuer));
    await vi.waitFor(() => expect(readPopupSnapshot(session.data.get(STORE_KEYS.popupSnapshot))).toMatchObject({ kind: 'ready', more: 0 }));
    const whole = readPopupSnapshot(session.data.get(STORE_KEYS.popupSnapshot));
    expect(issuers(whole)).toHaveLength(FIRST_SCREEN_ACCOUNTS + 5);
  });

  it('comes from the list cache when it opens for the stored records; if the records say otherwise, they win and pages are told', async () => {
    const { service, db, session, corrected } = await unlockedWith(3);
    const key = await dataKey(session);
    const real = await cacheWritten(db, key);
    // A cache for exactly these records, but with another text (as an older Sesame might have made).
    const { fingerprint } = await listAccounts(await db, key);
    const otherList = await popupUnlockText((await unlockedWith(1)).service);
    await writeListCache(await db, await sealListCache(key, fingerprint!, encodeCachedAnswer(otherList, [])));
    await service.handle({ type: 'lock' });

    // Answered from the cache: the other list...
    expect(issuers(await popupUnlock(service))).toEqual([draft(0).issuer]);
    // ...then corrected from the records: pages are told, and what the popup reads next is right.
    await vi.waitFor(() => expect(corrected).toHaveBeenCalledTimes(1));
    await service.settled();
    expect(issuers(readPopupSnapshot(session.data.get(STORE_KEYS.popupFirstScreen)))).toEqual([0, 1, 2].map((i) => draft(i).issuer));
    expect(await cacheWritten(db, key)).toBe(real);

    // The next unlock is answered from the corrected cache, and nothing needs telling.
    await service.handle({ type: 'lock' });
    expect(issuers(await popupUnlock(service))).toEqual([0, 1, 2].map((i) => draft(i).issuer));
    await service.settled();
    expect(corrected).toHaveBeenCalledTimes(1);
  });

  it('never comes from a cache made before the records changed (a write the background did not make)', async () => {
    const { service, db, session, corrected } = await unlockedWith(3);
    const key = await dataKey(session);
    await cacheWritten(db, key);
    await service.handle({ type: 'lock' });
    // Written while locked, past the background (another Sesame, a crash between a write and the cache).
    const [first] = (await listAccounts(await db, key)).accounts;
    await putAccount(await db, key, { ...first!, issuer: 'Renamed meanwhile' }, 1_700_000_100_000);

    expect(issuers(await popupUnlock(service))[0]).toBe('Renamed meanwhile');
    await service.settled();
    expect(corrected).not.toHaveBeenCalled();
    // And the cache is made again, for the records as they are now.
    expect(await cacheWritten(db, key)).toContain('Renamed meanwhile');
  });

  it('from a damaged cache: the records are opened as before, and the cache is made again', async () => {
    const { service, db, session, corrected } = await unlockedWith(2);
    const key = await dataKey(session);
    await cacheWritten(db, key);
    const stored = (await (await db).get('meta', LIST_CACHE_KEY)) as { kind: 'list-cache'; iv: Uint8Array; ciphertext: Uint8Array };
    await (await db).put('meta', { ...stored, ciphertext: stored.ciphertext.map((b, i) => (i === 0 ? b ^ 1 : b)) }, LIST_CACHE_KEY);
    await service.handle({ type: 'lock' });
    // The service that wrote it believes it current: a restarted background does not.
    const restarted = new VaultService({ db: () => db, session, local: memoryStore(), now: () => 1_700_000_000_000, iterations: 1000 });
    expect(issuers(await popupUnlock(restarted))).toEqual([draft(0).issuer, draft(1).issuer]);
    await restarted.settled();
    expect(corrected).not.toHaveBeenCalled();
    expect(await cacheWritten(db, key)).toContain(draft(1).issuer);
  });

  it('the stored cache holds no account name or secret in the clear', async () => {
    const { db, session } = await unlockedWith(2);
    await cacheWritten(db, await dataKey(session));
    const stored = (await (await db).get('meta', LIST_CACHE_KEY)) as { ciphertext: Uint8Array };
    const bytes = Buffer.from(stored.ciphertext);
    for (const needle of [draft(0).issuer, 'user1', Buffer.from(draft(0).secret).toString('base64')])
      expect(bytes.includes(Buffer.from(needle))).toBe(false);
    expect(bytes.includes(Buffer.from(draft(0).secret))).toBe(false);
  });
});
