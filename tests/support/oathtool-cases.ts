import type { Algorithm } from '../../lib/otp/account';

/**
 * TOTP parameters both code generators (lib/otp/generate-code.ts, lib/otp/subtle-code.ts) are
 * checked at against oathtool: each algorithm, 6-8 digits, periods other than 30 s, a time past 2^32.
 */
export const OATHTOOL_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const OATHTOOL_TOTP_CASES: readonly { algorithm: Algorithm; digits: 6 | 7 | 8; period: number; time: number }[] = [
  { algorithm: 'SHA1', digits: 6, period: 30, time: 1_700_000_000 },
  { algorithm: 'SHA256', digits: 7, period: 60, time: 1_234_567_890 },
  { algorithm: 'SHA512', digits: 8, period: 15, time: 2_000_000_123 },
  { algorithm: 'SHA1', digits: 8, period: 90, time: 20_000_000_000 },
];
