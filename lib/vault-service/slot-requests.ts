/**
 * The unlocked vault's requests about its ways in (docs/design.md "Unlocking"): list them, add or
 * remove a passkey, make a recovery key. Unlocking with a passkey or the recovery key is
 * `vault-service.ts`'s, since it changes the lock state.
 *
 * Adding a passkey or a recovery key is adding a way in, like changing the passphrase, so both
 * need the vault passphrase (checked as an attempt, counted like an unlock): otherwise anyone at
 * an unlocked computer could register their own authenticator, or note a recovery key, and open
 * the vault later. Removing a passkey opens nothing and needs no passphrase.
 */
import { fail, ok, type Result } from '../result';
import type { LogEntry } from '../vault/log-entry';
import type { VaultDb } from '../vault/vault-db';
import { addPasskeySlot, listSlots, removeSlot, replaceRecoverySlot, unlockOptions } from '../vault/vault';
import { newPrfSalt, type SlotSummary } from '../vault/vault-slots';
import { cleanSlotName } from '../vault/key-slots';
import { formatRecoveryKey, generateRecoveryKey, parseRecoveryKey } from '../vault/recovery-key';
import { ERR_PASSKEY_ANSWER_INVALID, ERR_SLOT_MISSING, ERR_SLOT_NAME_INVALID } from '../vault/vault-problems';
import { decodeBase64, encodeBase64 } from '../vault/encoding';
import { open, randomBytes, seal } from '../vault/crypto';
import { PENDING_RECOVERY_KEY_AAD, type SlotSetupPending } from './slot-setup-pending';
import type { PasskeyRegistration, ReplyMap, VaultRequest } from './protocol';

const ERR_PASSKEY_SETUP_EXPIRED = 'err_passkey_setup_expired';
const ERR_RECOVERY_SETUP_EXPIRED = 'err_recovery_setup_expired';
/** The recovery key typed back is a valid key, but not the one shown. */
const ERR_RECOVERY_KEY_MISMATCH = 'err_recovery_key_mismatch';
/** WebAuthn user handles: random, 16 bytes (WebAuthn Level 3 §5.4.3 allows up to 64). */
const USER_HANDLE_BYTES = 16;

export type SlotRequest = Extract<
  VaultRequest,
  { type: 'slots' | 'passkey-add-begin' | 'passkey-add' | 'passkey-remove' | 'recovery-key-create' | 'recovery-key-confirm' }
>;

/** What the requests need from the unlocked vault service. */
export interface SlotContext {
  readonly db: VaultDb;
  readonly key: CryptoKey;
  readonly now: number;
  readonly pending: SlotSetupPending;
  /** The vault passphrase, checked as an attempt (VaultService.checkPassphrase). */
  readonly checkPassphrase: (passphrase: string) => Promise<Result<null>>;
  readonly log: (entry: LogEntry) => Promise<void>;
  /** Called after the slots changed (the unlock hints are rewritten). */
  readonly slotsChanged: () => Promise<void>;
}

export function handleSlotRequest<T extends SlotRequest>(request: T, ctx: SlotContext): Promise<Result<ReplyMap[T['type']]>>;
export function handleSlotRequest(request: SlotRequest, ctx: SlotContext): Promise<Result<unknown>> {
  switch (request.type) {
    case 'slots':
      return listSlots(ctx.db, ctx.key);
    case 'passkey-add-begin':
      return beginPasskey(ctx, request.passphrase, request.name);
    case 'passkey-add':
      return addPasskey(ctx, request.credentialId, request.prfOutput);
    case 'passkey-remove':
      return removePasskey(ctx, request.slotId);
    case 'recovery-key-create':
      return createRecoveryKey(ctx, request.passphrase);
    case 'recovery-key-confirm':
      return confirmRecoveryKey(ctx, request.recoveryKey);
  }
}

/**
 * Checks the name (first, so a bad one costs no attempt) and the vault passphrase, then answers
 * what `navigator.credentials.create` needs: a fresh PRF input, which waits in `storage.session`
 * for `passkey-add`, a random user handle, and the credentials the vault has already (so an
 * authenticator that holds one refuses to make another).
 */
async function beginPasskey(ctx: SlotContext, passphrase: string, typedName: string): Promise<Result<PasskeyRegistration>> {
  const name = cleanSlotName(typedName);
  if (name === undefined) return fail(ERR_SLOT_NAME_INVALID);
  const checked = await ctx.checkPassphrase(passphrase);
  if (!checked.ok) return checked;
  const options = await unlockOptions(ctx.db);
  if (!options.ok) return options;
  const prfSalt = newPrfSalt();
  await ctx.pending.startPasskey({ name, prfSalt });
  return ok({
    prfSalt: encodeBase64(prfSalt),
    userId: encodeBase64(randomBytes(USER_HANDLE_BYTES)),
    excludeCredentials: options.value.passkeys.map((p) => encodeBase64(p.credentialId)),
  });
}

/** Adds the slot for the credential the ceremony made, with the PRF output it gave for the pending salt. */
async function addPasskey(ctx: SlotContext, credentialIdText: string, prfOutputText: string): Promise<Result<SlotSummary>> {
  const pending = await ctx.pending.takePasskey();
  if (!pending) return fail(ERR_PASSKEY_SETUP_EXPIRED);
  const credentialId = decodeBase64(credentialIdText);
  const prfOutput = decodeBase64(prfOutputText);
  if (!credentialId || !prfOutput) return fail(ERR_PASSKEY_ANSWER_INVALID);
  const added = await addPasskeySlot(ctx.db, ctx.key, { credentialId, prfSalt: pending.prfSalt, prfOutput, name: pending.name }, ctx.now);
  prfOutput.fill(0);
  if (!added.ok) return added;
  await ctx.log({ type: 'passkey-added', time: ctx.now, name: pending.name });
  await ctx.slotsChanged();
  return added;
}

/** Removes a passkey slot (only a passkey: the passphrase stays, the recovery key is replaced, not removed). */
async function removePasskey(ctx: SlotContext, slotId: string): Promise<Result<{ credentialId: string }>> {
  const slots = await listSlots(ctx.db, ctx.key);
  if (!slots.ok) return slots;
  const slot = slots.value.find((s) => s.id === slotId && s.kind === 'passkey');
  if (!slot) return fail(ERR_SLOT_MISSING);
  const options = await unlockOptions(ctx.db);
  const credentialId = options.ok ? options.value.passkeys.find((p) => p.slotId === slotId)?.credentialId : undefined;
  const removed = await removeSlot(ctx.db, ctx.key, slotId);
  if (!removed.ok) return removed;
  await ctx.log({ type: 'passkey-removed', time: ctx.now, name: slot.name ?? '' });
  await ctx.slotsChanged();
  return ok({ credentialId: credentialId ? encodeBase64(credentialId) : '' });
}

/**
 * Makes a recovery key (128 random bits) and answers its text, to be shown once. Nothing in the
 * vault changes until the user types it back; meanwhile it waits sealed under the data key.
 */
async function createRecoveryKey(ctx: SlotContext, passphrase: string): Promise<Result<{ text: string }>> {
  const checked = await ctx.checkPassphrase(passphrase);
  if (!checked.ok) return checked;
  const raw = generateRecoveryKey();
  const text = formatRecoveryKey(raw);
  await ctx.pending.keepRecoveryKey(await seal(ctx.key, raw, PENDING_RECOVERY_KEY_AAD));
  raw.fill(0);
  return ok({ text });
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
};

/**
 * The recovery key typed back: a typo is reported by the check characters (recovery-key.ts), a
 * valid key that is not the one shown as such; the one shown replaces the vault's recovery key.
 */
async function confirmRecoveryKey(ctx: SlotContext, typedText: string): Promise<Result<SlotSummary>> {
  const sealed = await ctx.pending.recoveryKey();
  if (!sealed) return fail(ERR_RECOVERY_SETUP_EXPIRED);
  const typed = parseRecoveryKey(typedText);
  if (!typed.ok) return typed;
  const shown = await open(ctx.key, sealed, PENDING_RECOVERY_KEY_AAD);
  if (!shown) return fail(ERR_RECOVERY_SETUP_EXPIRED);
  const same = sameBytes(typed.value, shown);
  typed.value.fill(0);
  const text = formatRecoveryKey(shown);
  shown.fill(0);
  if (!same) return fail(ERR_RECOVERY_KEY_MISMATCH);
  const replaced = await replaceRecoverySlot(ctx.db, ctx.key, text, ctx.now);
  if (!replaced.ok) return replaced;
  await ctx.pending.dropRecoveryKey();
  await ctx.log({ type: 'recovery-key-created', time: ctx.now });
  await ctx.slotsChanged();
  return replaced;
}
