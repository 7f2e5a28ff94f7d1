/**
 * The WebAuthn ceremonies that register a passkey and unlock with it, run by a Sesame page (the
 * popup or the options page: a service worker has no `navigator.credentials`). The relying party
 * is the extension's own origin: no `rp.id` / `rpId` is given, so the browser uses the page's
 * (`chrome-extension://<id>` in Chrome; in Firefox 150+ the extension's own WebAuthn origin).
 *
 * The key comes from the PRF extension (WebAuthn Level 3 §10.1.4): the authenticator evaluates
 * HMAC (CTAP2 `hmac-secret`) with a secret only it holds over the salt Sesame gives, so the same
 * credential and salt always give the same 32 bytes. The background derives the slot's wrapping
 * key from them with HKDF (lib/vault/key-slots.ts); these functions only carry them there.
 *
 * `credentials` is passed in, so the logic (options, answers, errors) is unit-tested in Node.
 */
import { fail, ok, type Result } from '../result';
import { decodeBase64, encodeBase64 } from '../vault/encoding';
import type { PasskeyRegistration, UnlockOptionsReply } from './protocol';

/** The browser offers no WebAuthn here (no `PublicKeyCredential`). */
const ERR_PASSKEY_BROWSER_UNSUPPORTED = 'err_passkey_browser_unsupported';
/**
 * Firefox lets an add-on use WebAuthn only for web sites it has host permissions for, never with
 * its own origin as the relying party (checked in Firefox 153; see docs/design.md, "Firefox").
 */
const ERR_PASSKEY_BROWSER_NO_EXTENSION_RP = 'err_passkey_browser_no_extension_rp';
/** The browser says it does not support the PRF extension (`getClientCapabilities`). */
const ERR_PASSKEY_BROWSER_NO_PRF = 'err_passkey_browser_no_prf';
/** The authenticator made or used the credential but gave no PRF output. */
const ERR_PASSKEY_NO_PRF = 'err_passkey_no_prf';
/** Cancelled, timed out, or no authenticator held a credential Sesame asked for (WebAuthn says no more, on purpose). */
const ERR_PASSKEY_NOT_ALLOWED = 'err_passkey_not_allowed';
/** `excludeCredentials` matched: the authenticator already holds one of the vault's passkeys. */
const ERR_PASSKEY_ALREADY_THERE = 'err_passkey_already_there';
/** Any other failure; `$1` is the browser's error name. */
const ERR_PASSKEY_FAILED = 'err_passkey_failed';

/** What a ceremony hands to the background: Base64 of the credential's `rawId` and of the PRF output. */
export interface PasskeyAnswer {
  readonly credentialId: string;
  readonly prfOutput: string;
}

type Credentials = Pick<CredentialsContainer, 'create' | 'get'>;

/** How long the browser may wait for the user (WebAuthn `timeout`, a hint). */
const TIMEOUT_MS = 120_000;
/** ES256 and RS256 (COSE -7, -257): what every authenticator offers (WebAuthn Level 3 §5.4). */
const PUB_KEY_PARAMS: PublicKeyCredentialParameters[] = [
  { type: 'public-key', alg: -7 },
  { type: 'public-key', alg: -257 },
];

/** RFC 4648 §5 (URL-safe, no padding): the key form `prf.evalByCredential` uses. */
export const base64Url = (bytes: Uint8Array): string => encodeBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const bytes = (text: string): Uint8Array<ArrayBuffer> => decodeBase64(text) ?? new Uint8Array(0);
const challenge = (): Uint8Array<ArrayBuffer> => crypto.getRandomValues(new Uint8Array(32));

interface PrfResults {
  readonly enabled?: boolean;
  readonly results?: { readonly first?: BufferSource };
}
const prfOf = (credential: PublicKeyCredential): PrfResults | undefined =>
  (credential.getClientExtensionResults() as { prf?: PrfResults }).prf;
const toBytes = (source: BufferSource): Uint8Array =>
  source instanceof ArrayBuffer ? new Uint8Array(source) : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);

function problemOf(error: unknown): Result<never> {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String(error.name) : 'Error';
  if (name === 'NotAllowedError' || name === 'AbortError') return fail(ERR_PASSKEY_NOT_ALLOWED);
  if (name === 'InvalidStateError') return fail(ERR_PASSKEY_ALREADY_THERE);
  return fail(ERR_PASSKEY_FAILED, name);
}

/**
 * Whether this browser can unlock with a passkey at all: `ok` or the reason why not. An
 * authenticator without PRF shows only when it is used (ERR_PASSKEY_NO_PRF).
 *
 * `ownRelyingParty`: whether the browser lets an extension page be its own relying party. Chrome
 * does (`chrome-extension://<id>`). Firefox refuses every ceremony on a `moz-extension://` page
 * whose RP ID is not a web domain the add-on holds a host permission for, with a SecurityError
 * before any authenticator is asked, although `getClientCapabilities` reports PRF; so the Firefox
 * build says why instead of offering a button that cannot work.
 */
export async function passkeySupport(
  pkc: unknown = (globalThis as { PublicKeyCredential?: unknown }).PublicKeyCredential,
  ownRelyingParty: boolean = !import.meta.env.FIREFOX,
): Promise<Result<null>> {
  if (!ownRelyingParty) return fail(ERR_PASSKEY_BROWSER_NO_EXTENSION_RP);
  if (typeof pkc !== 'function') return fail(ERR_PASSKEY_BROWSER_UNSUPPORTED);
  const getCapabilities = (pkc as { getClientCapabilities?: () => Promise<Record<string, boolean | undefined>> }).getClientCapabilities;
  if (typeof getCapabilities !== 'function') return ok(null); // older browsers: try, and say so if PRF is missing
  try {
    const capabilities = await getCapabilities.call(pkc);
    return capabilities['extension:prf'] === false ? fail(ERR_PASSKEY_BROWSER_NO_PRF) : ok(null);
  } catch {
    return ok(null);
  }
}

/** Unlock: one `get` over every passkey slot, each with its own PRF input (`evalByCredential`). */
export async function assertPasskey(credentials: Credentials, options: UnlockOptionsReply): Promise<Result<PasskeyAnswer>> {
  const evalByCredential: Record<string, { first: Uint8Array<ArrayBuffer> }> = {};
  for (const p of options.passkeys) evalByCredential[base64Url(bytes(p.credentialId))] = { first: bytes(p.prfSalt) };
  let credential: PublicKeyCredential | null;
  try {
    credential = (await credentials.get({
      publicKey: {
        challenge: challenge(),
        allowCredentials: options.passkeys.map((p) => ({ type: 'public-key', id: bytes(p.credentialId) })),
        userVerification: 'required',
        timeout: TIMEOUT_MS,
        extensions: { prf: { evalByCredential } },
      },
    })) as PublicKeyCredential | null;
  } catch (error) {
    return problemOf(error);
  }
  if (!credential) return fail(ERR_PASSKEY_NOT_ALLOWED);
  const first = prfOf(credential)?.results?.first;
  if (!first) return fail(ERR_PASSKEY_NO_PRF);
  return ok({ credentialId: encodeBase64(new Uint8Array(credential.rawId)), prfOutput: encodeBase64(toBytes(first)) });
}

/**
 * Registration: `create` with the PRF input the background chose. Some authenticators evaluate
 * the PRF only on `get` (they answer `prf.enabled: true` without results at creation), so then a
 * `get` for the new credential follows at once. An authenticator that answers `enabled: false`
 * has no PRF, and its new credential is useless to Sesame (the caller tells the authenticator to
 * forget it, where the browser allows, with `forgetPasskey`).
 */
export async function registerPasskey(
  credentials: Credentials,
  registration: PasskeyRegistration,
  userName: string,
): Promise<Result<PasskeyAnswer> & { credentialId?: string }> {
  const prfSalt = bytes(registration.prfSalt);
  let credential: PublicKeyCredential | null;
  try {
    credential = (await credentials.create({
      publicKey: {
        rp: { name: 'Sesame' },
        user: { id: bytes(registration.userId), name: userName, displayName: userName },
        challenge: challenge(),
        pubKeyCredParams: PUB_KEY_PARAMS,
        excludeCredentials: registration.excludeCredentials.map((id) => ({ type: 'public-key', id: bytes(id) })),
        // A discoverable credential where the authenticator can (passkey managers list it by
        // name). User verification is required, here and on every unlock: a stolen security key
        // alone must not open the vault, and CTAP2 hmac-secret gives another output with and
        // without it, so both ceremonies must ask for the same.
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
        timeout: TIMEOUT_MS,
        extensions: { prf: { eval: { first: prfSalt } } },
      },
    })) as PublicKeyCredential | null;
  } catch (error) {
    return problemOf(error);
  }
  if (!credential) return fail(ERR_PASSKEY_NOT_ALLOWED);
  const credentialId = encodeBase64(new Uint8Array(credential.rawId));
  const prf = prfOf(credential);
  const first = prf?.results?.first;
  if (first) return ok({ credentialId, prfOutput: encodeBase64(toBytes(first)) });
  if (prf?.enabled !== true) return { ...fail(ERR_PASSKEY_NO_PRF), credentialId };
  const evaluated = await assertPasskey(credentials, {
    passkeys: [{ slotId: '', credentialId, prfSalt: registration.prfSalt }],
    recoveryKey: false,
  });
  return evaluated.ok ? evaluated : { ...evaluated, credentialId };
}

/**
 * Tells the authenticator (a passkey manager) that a credential is no longer used, so it can
 * drop it (WebAuthn Level 3 §5.1.10, `signalUnknownCredential`); a no-op where unsupported.
 */
export async function forgetPasskey(
  credentialId: string,
  pkc: unknown = (globalThis as { PublicKeyCredential?: unknown }).PublicKeyCredential,
): Promise<void> {
  const signal = (pkc as { signalUnknownCredential?: (o: { rpId: string; credentialId: string }) => Promise<void> } | undefined)
    ?.signalUnknownCredential;
  // Chrome names an extension's own relying party by its origin (`chrome-extension://<id>`);
  // elsewhere the extension's relying-party id is not documented, so nothing is signalled there.
  if (typeof signal !== 'function' || !credentialId || typeof location === 'undefined' || location.protocol !== 'chrome-extension:') return;
  try {
    await signal.call(pkc, { rpId: location.origin, credentialId: base64Url(bytes(credentialId)) });
  } catch {
    // Only a courtesy to the passkey manager.
  }
}
