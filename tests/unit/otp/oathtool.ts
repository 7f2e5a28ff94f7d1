import { execFileSync } from 'node:child_process';

/**
 * Runs `oathtool` (OATH Toolkit), the independent oracle for HOTP/TOTP codes. It is installed in CI
 * (Debian package `oathtool`); without it the tests fail and say so rather than pass silently.
 */
export function oathtool(args: readonly string[]): string[] {
  try {
    return execFileSync('oathtool', args, { encoding: 'utf8' }).trim().split('\n');
  } catch (error) {
    throw new Error(`oathtool failed (is it installed? apt-get install oathtool): ${String(error)}`);
  }
}
