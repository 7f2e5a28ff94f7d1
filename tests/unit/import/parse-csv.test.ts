import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../lib/import/parse-csv';

describe('parseCsv (RFC 4180)', () => {
  it('splits fields and records, with CRLF or LF', () => {
    expect(parseCsv('a,b,c\r\n1,,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
    ]);
  });

  it('keeps commas, line breaks and doubled quotes inside quoted fields', () => {
    expect(parseCsv('"x, y","line1\r\nline2","say ""hi"""\n')).toEqual([['x, y', 'line1\r\nline2', 'say "hi"']]);
  });

  it('drops blank lines and a byte order mark, and copes with an unterminated quote', () => {
    expect(parseCsv('\uFEFFa\n\n\nb')).toEqual([['a'], ['b']]);
    expect(parseCsv('"open,end')).toEqual([['open,end']]);
  });
});
