import { describe, expect, it } from 'vitest';
import { parseRecoveryCodes } from '../../../lib/recovery/parse-recovery-codes';

const codes = (text: string) => parseRecoveryCodes(text).map((c) => c.code);

describe('parseRecoveryCodes', () => {
  it('reads GitHub’s github-recovery-codes.txt (xxxxx-xxxxx, one a line)', () => {
    const text = '3d3b1-5a2f0\n9c8e7-1b2a3\r\nf00ba-41234\n\n7e6d5-c4b3a\n';
    expect(parseRecoveryCodes(text)).toEqual([
      { code: '3d3b1-5a2f0', used: false },
      { code: '9c8e7-1b2a3', used: false },
      { code: 'f00ba-41234', used: false },
      { code: '7e6d5-c4b3a', used: false },
    ]);
  });

  it('keeps Google’s "1234 5678" as one code, numbered or not, in one or two columns', () => {
    const sheet = [
      'BACKUP VERIFICATION CODES',
      'jane.doe@gmail.com',
      '',
      '1. 1234 5678      6. 6789 0123',
      '2. 2345 6789      7. 7890 1234',
      '3. 3456 7890      8. 8901 2345',
      '4. 4567 8901      9. 9012 3456',
      '5. 5678 9012     10. 0123 4567',
      '',
      '* You can only use each backup code once.',
      '* Need more? Generate new codes at https://g.co/2sv',
      'Generated: Jan 2, 2024',
    ].join('\n');
    expect(codes(sheet)).toEqual([
      '1234 5678',
      '6789 0123',
      '2345 6789',
      '7890 1234',
      '3456 7890',
      '8901 2345',
      '4567 8901',
      '9012 3456',
      '5678 9012',
      '0123 4567',
    ]);
    expect(codes('1234 5678\n2345 6789')).toEqual(['1234 5678', '2345 6789']);
  });

  it('reads eight-digit lists separated by spaces, commas or lines', () => {
    expect(codes('12345678 23456789, 34567890;45678901\n56789012')).toEqual(['12345678', '23456789', '34567890', '45678901', '56789012']);
  });

  it('does not join 4-digit groups separated by more than one space', () => {
    expect(codes('1234  5678')).toEqual(['1234', '5678']);
  });

  it('strips numbering and bullets', () => {
    expect(codes('1) abc-123\n(2) def-456\n- ghi-789\n• jkl-012\n* mno-345\n10. pqr-678')).toEqual([
      'abc-123',
      'def-456',
      'ghi-789',
      'jkl-012',
      'mno-345',
      'pqr-678',
    ]);
  });

  it('skips headings and sentences', () => {
    expect(codes('Your backup codes:\nKeep these somewhere safe.\nRecovery codes\nab12cd34\n')).toEqual(['ab12cd34']);
  });

  it('drops duplicates, ignoring case, spaces and dashes', () => {
    expect(codes('1234 5678\n12345678\nabcde-12345\nABCDE12345\nabcde-12345')).toEqual(['1234 5678', 'abcde-12345']);
  });

  it('gives nothing for empty text', () => {
    expect(parseRecoveryCodes('')).toEqual([]);
    expect(parseRecoveryCodes(' \n\t\n')).toEqual([]);
  });
});
