import { describe, expect, it } from 'vitest';
import { assertPasskey, base64Url, passkeySupport, registerPasskey } from '../../../lib/vault-service/passkey-ceremony';
import { encodeBase64 } from '../../../lib/vault/encoding';

const credentialId = new Uint8Array([0xfb, 0xff, 0x01, 0x3e, 0x3f, 0x80]);
const prfSalt = new Uint8Array(32).fill(7);
const prfOutput = new Uint8Array(32).fill(9);

/** What `create` / `get` answer: a credential with these PRF extension results. */
const credential = (prf: object) => ({ rawId: credentialId.buffer.slice(0), getClientExtensionResults: () => ({ prf }) });

/** A fake `navigator.credentials` that records the options and answers as told. */
function fakeCredentials(answer: { create?: object | Error; get?: object | Error }) {
  const seen: { create?: CredentialCreationOptions; get?: CredentialRequestOptions } = {};
  return {
    seen,
    credentials: {
      create: async (options: CredentialCreationOptions) => {
        seen.create = options;
        if (answer.create instanceof Error) throw answer.create;
        return answer.create as Credential;
      },
      get: async (options: CredentialRequestOptions) => {
        seen.get = options;
        if (answer.get instanceof Error) throw answer.get;
        return answer.get as Credential;
      },
    },
  };
}
const domError = (name: string) => Object.assign(new Error(name), { name });
const registration = {
  prfSalt: encodeBase64(prfSalt),
  userId: encodeBase64(new Uint8Array(16)),
  excludeCredentials: [encodeBase64(new Uint8Array([1, 2]))],
};

describe('passkey ceremonies', () => {
  it('unlock asks for every passkey with its own PRF input, keyed by base64url credential id, user verification required', async () => {
    const { credentials, seen } = fakeCredentials({ get: credential({ results: { first: prfOutput.buffer.slice(0) } }) });
    const answer = await assertPasskey(credentials, {
      passkeys: [{ slotId: 's', credentialId: encodeBase64(credentialId), prfSalt: encodeBase64(prfSalt) }],
      recoveryKey: false,
    });
    expect(answer).toEqual({ ok: true, value: { credentialId: encodeBase64(credentialId), prfOutput: encodeBase64(prfOutput) } });
    const publicKey = seen.get!.publicKey!;
    expect(base64Url(credentialId)).toBe('-_8BPj-A');
    expect(Object.keys((publicKey.extensions as { prf: { evalByCredential: object } }).prf.evalByCredential)).toEqual(['-_8BPj-A']);
    expect(publicKey.userVerification).toBe('required');
    expect(publicKey.rpId).toBeUndefined();
    expect([...new Uint8Array(publicKey.allowCredentials![0]!.id as ArrayBuffer)]).toEqual([...credentialId]);
  });

  it("registration evaluates the PRF at create; the relying party is the page's own origin (no rp.id)", async () => {
    const { credentials, seen } = fakeCredentials({ create: credential({ enabled: true, results: { first: prfOutput } }) });
    const answer = await registerPasskey(credentials, registration, 'Sesame (Laptop)');
    expect(answer).toMatchObject({ ok: true, value: { credentialId: encodeBase64(credentialId), prfOutput: encodeBase64(prfOutput) } });
    const publicKey = seen.create!.publicKey!;
    expect(publicKey.rp).toEqual({ name: 'Sesame' });
    expect(publicKey.authenticatorSelection?.userVerification).toBe('required');
    expect([...(publicKey.extensions as { prf: { eval: { first: Uint8Array } } }).prf.eval.first]).toEqual([...prfSalt]);
    expect(publicKey.excludeCredentials).toHaveLength(1);
    expect(seen.get).toBeUndefined();
  });

  it('an authenticator that gives no PRF result at create is asked with a get right after', async () => {
    const { credentials, seen } = fakeCredentials({
      create: credential({ enabled: true }),
      get: credential({ results: { first: prfOutput } }),
    });
    const answer = await registerPasskey(credentials, registration, 'Sesame (Key)');
    expect(answer).toMatchObject({ ok: true, value: { prfOutput: encodeBase64(prfOutput) } });
    expect(seen.get).toBeDefined();
  });

  it('an authenticator without PRF is named as the reason, with the credential it made (to be forgotten)', async () => {
    const { credentials, seen } = fakeCredentials({ create: credential({ enabled: false }) });
    const answer = await registerPasskey(credentials, registration, 'Sesame (Old key)');
    expect(answer).toMatchObject({ ok: false, problem: { code: 'err_passkey_no_prf' }, credentialId: encodeBase64(credentialId) });
    expect(seen.get).toBeUndefined();
    const unlock = fakeCredentials({ get: credential({}) });
    expect(await assertPasskey(unlock.credentials, { passkeys: [], recoveryKey: false })).toMatchObject({
      ok: false,
      problem: { code: 'err_passkey_no_prf' },
    });
  });

  it('browser errors become problems a person can act on', async () => {
    const cases: [string, string][] = [
      ['NotAllowedError', 'err_passkey_not_allowed'],
      ['AbortError', 'err_passkey_not_allowed'],
      ['InvalidStateError', 'err_passkey_already_there'],
      ['SecurityError', 'err_passkey_failed'],
    ];
    for (const [name, code] of cases) {
      const { credentials } = fakeCredentials({ create: domError(name), get: domError(name) });
      expect(await registerPasskey(credentials, registration, 'x'), name).toMatchObject({ ok: false, problem: { code } });
      if (name !== 'InvalidStateError')
        expect(await assertPasskey(credentials, { passkeys: [], recoveryKey: false }), name).toMatchObject({
          ok: false,
          problem: { code },
        });
    }
  });

  it('passkeySupport: no WebAuthn, a browser that says it has no PRF, and one that does not say', async () => {
    expect(await passkeySupport(undefined)).toMatchObject({ ok: false, problem: { code: 'err_passkey_browser_unsupported' } });
    const pkc = (caps?: object) =>
      Object.assign(function PublicKeyCredential() {}, caps ? { getClientCapabilities: async () => caps } : {});
    expect(await passkeySupport(pkc({ 'extension:prf': false }))).toMatchObject({
      ok: false,
      problem: { code: 'err_passkey_browser_no_prf' },
    });
    expect(await passkeySupport(pkc({ 'extension:prf': true }))).toEqual({ ok: true, value: null });
    expect(await passkeySupport(pkc())).toEqual({ ok: true, value: null });
    // Firefox: WebAuthn and PRF are there, but an add-on cannot be its own relying party.
    expect(await passkeySupport(pkc({ 'extension:prf': true }), false)).toMatchObject({
      ok: false,
      problem: { code: 'err_passkey_browser_no_extension_rp' },
    });
  });
});
