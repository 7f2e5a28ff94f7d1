import { readFixtureText } from '../../support/fixtures';

/** A file of tests/fixtures/google_auth_migration as text. */
export const readFixture = (name: string): string => readFixtureText(`google_auth_migration/${name}`);

/** The non-comment, non-empty lines of a fixture. */
export const uriLines = (name: string): string[] =>
  readFixture(name)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

/** The URIs zbarimg read from each image (QR_DECODE_zbarimg.txt), by image file name. */
export function zbarimgTexts(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let current = '';
  for (const line of readFixture('QR_DECODE_zbarimg.txt').split('\n')) {
    const head = /^### zbarimg --raw (\S+)/.exec(line);
    if (head) out[(current = head[1]!)] = [];
    else if (current && line !== '' && !line.startsWith('[')) out[current]!.push(line);
  }
  return out;
}

export const EXPECTED = JSON.parse(readFixture('EXPECTED.json')) as {
  files: Record<string, { expected?: { name: string; secret: string; issuer: string; type: string }[] }>;
  decoded_by_tools_decode_migration_py: Record<
    string,
    {
      otp_parameters: {
        secret_b32: string;
        name: string;
        issuer: string;
        algorithm: string;
        digits: number;
        type: string;
        counter: number;
      }[];
      version: number;
      batch_size: number;
      batch_index: number;
      batch_id: number;
    }[]
  >;
};
