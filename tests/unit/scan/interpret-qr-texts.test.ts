import { describe, expect, it } from 'vitest';
import { interpretQrTexts, markDuplicates } from '../../../lib/scan/interpret-qr-texts';
import { codeAt } from '../../../lib/otp/generate-code';
import { DRAFT_DEFAULTS, type AccountDraft } from '../../../lib/otp/account';
import { base32Encode, migrationEncode, oathtoolHotp, oathtoolTotp, steamCode } from '../../support/oracles';

const SECRET = 'JBSWY3DPEHPK3PXP';
const totpUri = (issuer: string, secret = SECRET) => `otpauth://totp/${issuer}:alice?secret=${secret}&issuer=${issuer}`;

function drafts(n: number): AccountDraft[] {
  return Array.from({ length: n }, (_, i) => ({
    ...DRAFT_DEFAULTS,
    type: 'totp',
    period: 30,
    algorithm: 'SHA1',
    digits: 6,
    issuer: `Site${i}`,
    label: `user${i}`,
    secret: Uint8Array.from({ length: 10 }, (_, j) => (i * 17 + j) & 255),
  }));
}

describe('interpreting scanned QR texts', () => {
  it('turns otpauth and Steam codes into accounts whose codes match oathtool', () => {
    const r = interpretQrTexts([totpUri('Example'), 'otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQ&counter=4', `steam://${SECRET}`]);
    expect(r.problems).toEqual([]);
    expect(r.drafts.map((d) => [d.type, d.issuer])).toEqual([
      ['totp', 'Example'],
      ['hotp', 'Bank'],
      ['steam', 'Steam'],
    ]);
    const at = 1_111_111_109_000;
    expect(codeAt(r.drafts[0]!, at)).toBe(oathtoolTotp(SECRET, at));
    expect(codeAt(r.drafts[1]!, at)).toBe(oathtoolHotp('GEZDGNBVGY3TQOJQ', 4));
    expect(codeAt(r.drafts[2]!, at)).toBe(steamCode(SECRET, at));
  });

  it('says what a code that is not an OTP holds, and adds nothing', () => {
    const r = interpretQrTexts(['https://example.com/', 'WIFI:S:home;T:WPA;P:secret;;', 'hello']);
    expect(r.drafts).toEqual([]);
    expect(r.problems.map((p) => p.code)).toEqual(['err_qr_not_otp_url', 'err_qr_not_otp_wifi', 'err_qr_not_otp_text']);
  });

  it("reports a broken otpauth link with the parser's problem", () => {
    const r = interpretQrTexts(['otpauth://totp/X?secret=not-base32!']);
    expect(r.drafts).toEqual([]);
    expect(r.problems).toHaveLength(1);
  });

  it('collects a Google export split over 2 codes: waiting "1 of 2", then all 10 accounts', () => {
    // Two "Transfer accounts" codes of 5 accounts each, written by the independent encoder.
    const uris = [0, 1].map((batchIndex) =>
      migrationEncode({
        accounts: drafts(10)
          .slice(batchIndex * 5, batchIndex * 5 + 5)
          .map((d) => ({
            secret: base32Encode(d.secret),
            name: `${d.issuer}:${d.label}`,
            issuer: d.issuer,
            algorithm: 1,
            digits: 1,
            type: 2,
            counter: 0,
          })),
        batchSize: 2,
        batchIndex,
        batchId: 77,
      }),
    );
    const first = interpretQrTexts([uris[1]!]);
    expect(first.drafts).toEqual([]);
    expect(first.waiting).toEqual({ scanned: 1, size: 2, complete: false });
    const again = interpretQrTexts([uris[1]!], first.collector);
    expect(again.problems.map((p) => p.code)).toEqual(['err_migration_batch_repeat']);
    const done = interpretQrTexts([uris[0]!], again.collector);
    expect(done.waiting).toBeNull();
    expect(done.drafts.map((d) => d.issuer)).toEqual(drafts(10).map((d) => d.issuer));
    expect(done.collector.batches).toEqual([]);
  });

  it("saves the scanned page's site with single accounts, never with an export's accounts", () => {
    const site = 'https://example.com';
    const single = interpretQrTexts([totpUri('Example'), `steam://${SECRET}`], undefined, { site });
    expect(single.drafts.map((d) => d.sites)).toEqual([[site], [site]]);
    // Links, typed secrets and image files have no page: no site.
    expect(interpretQrTexts([totpUri('Example')]).drafts[0]!.sites).toEqual([]);
    const uri = migrationEncode({
      accounts: drafts(3).map((d) => ({
        secret: base32Encode(d.secret),
        name: `${d.issuer}:${d.label}`,
        issuer: d.issuer,
        algorithm: 1,
        digits: 1,
        type: 2,
        counter: 0,
      })),
      batchSize: 1,
      batchIndex: 0,
      batchId: 78,
    });
    expect(interpretQrTexts([uri], undefined, { site }).drafts.map((d) => d.sites)).toEqual([[], [], []]);
  });
});

describe('marking duplicates', () => {
  it('marks accounts whose secret and issuer are in the vault, or earlier in the scan', () => {
    const [a, b] = drafts(2) as [AccountDraft, AccountDraft];
    const marked = markDuplicates([a, b, { ...b, label: 'other name' }, { ...a, issuer: 'Elsewhere' }], [{ ...a, issuer: 'SITE0' }]);
    expect(marked.map((m) => m.duplicate)).toEqual([true, false, true, false]);
  });
});
