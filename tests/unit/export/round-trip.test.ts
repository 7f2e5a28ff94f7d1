import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportAegisPlain } from '../../../lib/export/export-aegis-plain';
import { exportUriList } from '../../../lib/export/export-uri-list';
import { importFile } from '../../../lib/import/import-file';
import type { AccountDraft } from '../../../lib/otp/account';
import { accountsOf, inputOf } from '../import/import-helpers';
import { arbitraryDraft } from './arbitrary-draft';

/** The OTP fields every format carries: type, issuer, name, secret, algorithm, digits, period/counter. */
function otpFields(d: AccountDraft) {
  const base = { type: d.type, issuer: d.issuer, label: d.label, secret: d.secret };
  if (d.type === 'totp') return { ...base, algorithm: d.algorithm, digits: d.digits, period: d.period };
  if (d.type === 'hotp') return { ...base, algorithm: d.algorithm, digits: d.digits, counter: d.counter };
  return base;
}

const drafts = fc.array(arbitraryDraft, { minLength: 1, maxLength: 5 });

describe('export -> import round trip', () => {
  it('exportUriList keeps type, issuer, name, secret, algorithm, digits, period, counter and Steam', async () => {
    await fc.assert(
      fc.asyncProperty(drafts, async (list) => {
        const back = accountsOf(await importFile(inputOf(exportUriList(list), 'codes.txt')));
        expect(back.map(otpFields)).toEqual(list.map(otpFields));
      }),
      { numRuns: 300 },
    );
  });

  it('exportAegisPlain also keeps note, tags, pinned and recovery codes (not sites)', async () => {
    await fc.assert(
      fc.asyncProperty(drafts, async (list) => {
        const back = accountsOf(await importFile(inputOf(exportAegisPlain(list, 1_700_000_000_000), 'aegis.json')));
        const keep = (d: AccountDraft) => ({
          ...otpFields(d),
          note: d.note,
          tags: d.tags,
          pinned: d.pinned,
          recoveryCodes: d.recoveryCodes,
        });
        expect(back.map(keep)).toEqual(list.map(keep));
        expect(back.every((d) => d.sites.length === 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
