import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../../lib/export/export-file-name';

describe('exportFileName', () => {
  it('names each export by kind and UTC date', () => {
    const t = Date.UTC(2024, 4, 1, 23, 30);
    expect(exportFileName('sesame-backup', t)).toBe('sesame-backup-2024-05-01.json');
    expect(exportFileName('uri-list', t)).toBe('sesame-uri-list-2024-05-01.txt');
    expect(exportFileName('aegis-plain', new Date(t))).toBe('sesame-aegis-plain-2024-05-01.json');
  });

  it('still gives a usable name for an invalid date', () => {
    expect(exportFileName('sesame-backup', Number.NaN)).toBe('sesame-backup-undated.json');
  });
});
