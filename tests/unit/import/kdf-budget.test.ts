import { describe, expect, it, vi } from 'vitest';
import { importFile } from '../../../lib/import/import-file';
import { checkKdfBudget, kdfWork, MAX_KDF_WORK, MAX_PASSWORD_SLOTS } from '../../../lib/import/kdf-budget';
import { createBackup } from '../../../lib/vault/backup';
import { DRAFT_DEFAULTS, type Account } from '../../../lib/otp/account';
import { inputOf } from './import-helpers';
import { makeAegisFile } from './make-aegis-file';

// Counts scrypt derivations, so a test can tell a refusal came before any work.
const scryptCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock('@noble/hashes/scrypt.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('@noble/hashes/scrypt.js')>();
  return { ...real, scryptAsync: (...args: Parameters<typeof real.scryptAsync>) => (scryptCalls.count++, real.scryptAsync(...args)) };
});

const CHEAP = 2 ** 10;
const codeOf = (outcome: Awaited<ReturnType<typeof importFile>>) =>
  'ok' in outcome ? (outcome.ok ? 'ok' : outcome.problem.code) : 'needs-password';

describe('kdfWork / checkKdfBudget', () => {
  it('counts 64-byte block operations: PBKDF2 2 per iteration, scrypt 4·N·r·p', () => {
    expect(kdfWork({ kind: 'pbkdf2-sha256', iterations: 600_000 })).toBe(1_200_000);
    expect(kdfWork({ kind: 'scrypt', N: 2 ** 15, r: 8, p: 1 })).toBe(2 ** 20);
  });
  it('real exports fit; eight default Aegis slots fit exactly; more does not', () => {
    expect(checkKdfBudget([{ kind: 'pbkdf2-sha256', iterations: 600_000 }], 'Sesame').ok).toBe(true);
    expect(checkKdfBudget(Array(8).fill({ kind: 'scrypt', N: 2 ** 15, r: 8, p: 1 }), 'Aegis').ok).toBe(true);
    expect(checkKdfBudget(Array(9).fill({ kind: 'scrypt', N: 2 ** 15, r: 8, p: 1 }), 'Aegis')).toEqual({
      ok: false,
      problem: { code: 'err_import_kdf_too_costly', params: ['Aegis'] },
    });
    expect(checkKdfBudget([{ kind: 'pbkdf2-sha256', iterations: MAX_KDF_WORK }], 'Sesame').ok).toBe(false);
    expect(checkKdfBudget([{ kind: 'pbkdf2-sha256', iterations: Infinity }], 'Sesame').ok).toBe(false);
  });
});

describe('encrypted imports: at most 8 password slots, and a cap on the total work', () => {
  it(`an Aegis vault opens with the password of slot ${MAX_PASSWORD_SLOTS}; one only in slot ${MAX_PASSWORD_SLOTS + 1} is not tried`, async () => {
    const slots = Array.from({ length: MAX_PASSWORD_SLOTS + 1 }, (_, i) => ({ password: `password ${i + 1}`, N: CHEAP }));
    const file = inputOf(makeAegisFile(slots), 'many-slots.json');
    expect(codeOf(await importFile(file, `password ${MAX_PASSWORD_SLOTS}`))).toBe('ok');
    scryptCalls.count = 0;
    expect(codeOf(await importFile(file, `password ${MAX_PASSWORD_SLOTS + 1}`))).toBe('err_import_wrong_password');
    expect(scryptCalls.count).toBe(MAX_PASSWORD_SLOTS);
  });

  it('slots whose work together exceeds the cap: refused with a message before any derivation', async () => {
    // Two slots at Aegis' largest memory setting (N=2^18, r=8): 2^24 block operations.
    const file = inputOf(
      makeAegisFile([
        { password: 'x', N: 2 ** 18, derive: false },
        { password: 'y', N: 2 ** 18, derive: false },
      ]),
      'costly.json',
    );
    scryptCalls.count = 0;
    const outcome = await importFile(file, 'x');
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'err_import_kdf_too_costly', params: ['Aegis'] } });
    expect(scryptCalls.count).toBe(0);
  });

  it('a Sesame backup naming more PBKDF2 iterations than the cap allows is refused before deriving', async () => {
    const account: Account = {
      ...DRAFT_DEFAULTS,
      id: 'a',
      type: 'totp',
      issuer: 'Acme',
      label: 'x',
      secret: new Uint8Array(10),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      order: 'a0',
      createdAt: 0,
      updatedAt: 0,
    };
    const text = await createBackup([account], 'long enough passphrase', 0, { iterations: 1000 });
    const costly = JSON.parse(text) as { kdf: { iterations: number } };
    costly.kdf.iterations = 5_000_000; // within the vault's own bound, beyond the import budget
    expect(await importFile(inputOf(JSON.stringify(costly)), 'long enough passphrase')).toMatchObject({
      ok: false,
      problem: { code: 'err_import_kdf_too_costly', params: ['Sesame'] },
    });
    expect(codeOf(await importFile(inputOf(text), 'long enough passphrase'))).toBe('ok');
  });

  it('so is a version-2 backup (one with the recovery slot) whose passphrase slot names too many', async () => {
    const account: Account = {
      ...DRAFT_DEFAULTS,
      id: 'a',
      type: 'totp',
      issuer: 'Acme',
      label: 'x',
      secret: new Uint8Array(10),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      order: 'a0',
      createdAt: 0,
      updatedAt: 0,
    };
    const recovery = { slotId: crypto.randomUUID(), salt: new Uint8Array(16).fill(1), createdAt: 0, key: new Uint8Array(32).fill(2) };
    const text = await createBackup([account], 'long enough passphrase', 0, { iterations: 1000, recovery });
    const costly = JSON.parse(text) as { version: number; slots: { kind: string; params: { iterations?: number } }[] };
    expect(costly.version).toBe(2);
    costly.slots.find((s) => s.kind === 'passphrase')!.params.iterations = 5_000_000;
    expect(await importFile(inputOf(JSON.stringify(costly)), 'long enough passphrase')).toMatchObject({
      ok: false,
      problem: { code: 'err_import_kdf_too_costly', params: ['Sesame'] },
    });
    expect(codeOf(await importFile(inputOf(text), 'long enough passphrase'))).toBe('ok');
  });
});
