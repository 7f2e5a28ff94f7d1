import { describe, expect, it } from 'vitest';
import { DRAFT_DEFAULTS, type AccountDraft } from '../../../lib/otp/account';
import { chosenDrafts, defaultSelection, planImport, summarizeImport } from '../../../lib/import/plan-import';
import type { SkippedEntry } from '../../../lib/import/import-types';

const bytes = (...b: number[]) => new Uint8Array(b);
const totp = (issuer: string, secret: Uint8Array, label = 'alice'): AccountDraft => ({
  ...DRAFT_DEFAULTS,
  type: 'totp',
  issuer,
  label,
  secret,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
});

describe('planImport', () => {
  it('marks an account with the same secret and issuer as one in the vault as a duplicate', () => {
    const plan = planImport([totp('Acme', bytes(1, 2, 3)), totp('Other', bytes(4, 5))], [totp('acme ', bytes(1, 2, 3), 'bob')]);
    expect(plan.map((p) => p.duplicate)).toEqual([true, false]);
  });

  it('does not treat the same secret under another issuer, or another secret, as a duplicate', () => {
    const plan = planImport([totp('Beta', bytes(1, 2, 3)), totp('Acme', bytes(1, 2, 4))], [totp('Acme', bytes(1, 2, 3))]);
    expect(plan.map((p) => p.duplicate)).toEqual([false, false]);
  });

  it('marks the second copy of an account within the same file', () => {
    const plan = planImport([totp('Acme', bytes(9)), totp('ACME', bytes(9)), totp('Acme', bytes(8))], []);
    expect(plan.map((p) => p.duplicate)).toEqual([false, true, false]);
  });

  it('checks every non-duplicate by default and imports only the checked ones', () => {
    const drafts = [totp('A', bytes(1)), totp('B', bytes(2)), totp('C', bytes(3))];
    const plan = planImport(drafts, [totp('B', bytes(2))]);
    const selected = defaultSelection(plan);
    expect(selected).toEqual([true, false, true]);
    expect(chosenDrafts(plan, selected)).toEqual([drafts[0], drafts[2]]);
    expect(chosenDrafts(plan, [false, true, false])).toEqual([drafts[1]]);
  });
});

describe('summarizeImport', () => {
  const plan = planImport([totp('A', bytes(1)), totp('B', bytes(2)), totp('C', bytes(3)), totp('D', bytes(4))], [totp('B', bytes(2))]);
  const unreadable: SkippedEntry[] = [{ name: 'Broken', problem: { code: 'err_import_bad_secret' } }];

  it('counts added, skipped duplicates, unchecked accounts and unreadable entries', () => {
    expect(summarizeImport(plan, [true, false, true, false], unreadable)).toEqual({ added: 2, duplicates: 1, leftOut: 1, unreadable });
  });

  it('counts a duplicate the user checked anyway as added', () => {
    expect(summarizeImport(plan, [true, true, true, true], [])).toMatchObject({ added: 4, duplicates: 0, leftOut: 0 });
  });

  it('reports nothing added when the write failed (the vault writes all or nothing)', () => {
    expect(summarizeImport(plan, [true, false, true, true], []).added).toBe(3);
    expect(summarizeImport(plan, [true, false, true, true], [], false).added).toBe(0);
  });
});
