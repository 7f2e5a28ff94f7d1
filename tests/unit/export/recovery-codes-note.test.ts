import { describe, expect, it } from 'vitest';
import { appendRecoveryCodes, splitRecoveryCodes } from '../../../lib/export/recovery-codes-note';

const day = new Date('2024-05-01T12:00:00Z');

describe('recovery codes in a note', () => {
  it('appends a readable block after the note, marking used codes', () => {
    const note = appendRecoveryCodes(
      'Desk drawer',
      [
        { code: '7F2K-99QA', used: false },
        { code: '3MZP-0L1C', used: true },
      ],
      day,
    );
    expect(note).toBe('Desk drawer\n\nRecovery codes (as of 2024-05-01):\n7F2K-99QA\n3MZP-0L1C (used)');
    expect(splitRecoveryCodes(note)).toEqual({
      note: 'Desk drawer',
      recoveryCodes: [
        { code: '7F2K-99QA', used: false },
        { code: '3MZP-0L1C', used: true },
      ],
    });
  });

  it('writes only the block for an empty note, and nothing for no codes', () => {
    expect(appendRecoveryCodes('', [{ code: 'a', used: false }], day)).toBe('Recovery codes (as of 2024-05-01):\na');
    expect(appendRecoveryCodes('n', [], day)).toBe('n');
  });

  it('leaves notes without a well-formed block alone', () => {
    for (const note of ['plain', 'Recovery codes:', 'x\n\nRecovery codes:\na\n\nmore text', 'see Recovery codes:\na']) {
      expect(splitRecoveryCodes(note)).toEqual({ note, recoveryCodes: [] });
    }
  });
});
