import { describe, expect, it } from 'vitest';
import { parseRecoveryCodes } from '../../../lib/recovery/parse-recovery-codes';
import { recoveryCodesLeft, replaceRecoveryCodes, setRecoveryCodeUsed } from '../../../lib/recovery/update-recovery-codes';

const GITHUB = 'd1c2b-3a4f5\n6e7d8-c9b0a\n1f2e3-d4c5b';

describe('recovery code list changes', () => {
  it('marks a code used and back, keeping it in the list', () => {
    const codes = parseRecoveryCodes(GITHUB);
    const marked = setRecoveryCodeUsed(codes, 1, true);
    expect(marked.map((c) => c.code)).toEqual(['d1c2b-3a4f5', '6e7d8-c9b0a', '1f2e3-d4c5b']);
    expect(marked.map((c) => c.used)).toEqual([false, true, false]);
    expect(recoveryCodesLeft(marked)).toBe(2);
    expect(setRecoveryCodeUsed(marked, 1, false)).toEqual(codes);
  });

  it('pasting the list again keeps the used marks, even spelled differently', () => {
    const marked = setRecoveryCodeUsed(parseRecoveryCodes(GITHUB), 0, true);
    const again = replaceRecoveryCodes(marked, parseRecoveryCodes('D1C2B3A4F5, 6e7d8-c9b0a, 1f2e3-d4c5b'));
    expect(again.map((c) => c.used)).toEqual([true, false, false]);
    expect(again[0]!.code).toBe('D1C2B3A4F5');
  });

  it('a fresh list from the site replaces the old one', () => {
    const marked = setRecoveryCodeUsed(parseRecoveryCodes(GITHUB), 0, true);
    const fresh = replaceRecoveryCodes(marked, parseRecoveryCodes('1234 5678\n2345 6789'));
    expect(fresh).toEqual([
      { code: '1234 5678', used: false },
      { code: '2345 6789', used: false },
    ]);
    expect(recoveryCodesLeft(fresh)).toBe(2);
  });
});
