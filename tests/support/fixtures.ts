import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Files from other projects and from the RFCs that the tests read, copied into the repository
 * (tests/fixtures/README.md says where each one came from and under which licence).
 */
export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

/**
 * The absolute path of a fixture (`'other_apps/aegis_plain.json'`). A missing file throws here,
 * naming it, so the test that needs it fails with a message instead of being skipped.
 */
export function fixturePath(relative: string): string {
  const file = path.join(FIXTURES, relative);
  if (!fs.existsSync(file)) {
    throw new Error(`Fixture tests/fixtures/${relative} is missing: restore it from git (tests/fixtures/README.md lists every fixture).`);
  }
  return file;
}

export const readFixture = (relative: string): Buffer => fs.readFileSync(fixturePath(relative));

export const readFixtureText = (relative: string): string => fs.readFileSync(fixturePath(relative), 'utf8');

export const readFixtureJson = <T = unknown>(relative: string): T => JSON.parse(readFixtureText(relative)) as T;

/**
 * The files of a fixture folder, sorted. `expected` is how many the README lists: a folder with
 * fewer (or more) files throws, so a lost fixture cannot shrink a table of cases unnoticed.
 */
export function fixtureFolder(folder: string, expected: number): string[] {
  const files = fs.readdirSync(fixturePath(folder)).sort();
  if (files.length !== expected) {
    throw new Error(`tests/fixtures/${folder} holds ${files.length} files, the README lists ${expected}: ${files.join(', ')}`);
  }
  return files;
}

/** rfc/rfc_vectors.json: RFC 4226 Appendix D and RFC 6238 Appendix B. */
export interface RfcVectors {
  hotp_rfc4226: {
    secret_hex: string;
    secret_base32: string;
    vectors: { counter: number; hmac_sha1_hex: string; truncated_dec: number; hotp: string }[];
  };
  totp_rfc6238: {
    seeds: Record<'SHA1' | 'SHA256' | 'SHA512', { hex: string; base32: string }>;
    vectors: { time: number; mode: 'SHA1' | 'SHA256' | 'SHA512'; totp: string }[];
  };
}
export const rfcVectors = (): RfcVectors => readFixtureJson<RfcVectors>('rfc/rfc_vectors.json');
