import type { AccountDraft } from '../../../lib/otp/account';
import type { ImportFileOutcome, ImportInput } from '../../../lib/import/import-types';
import { readFixture } from '../../support/fixtures';

export const OTHER_APPS = 'other_apps';
export const AUTH_EXT = 'authenticator_extension';

/** An ImportInput for text, as the UI builds it from a picked file. */
export function inputOf(text: string, name = 'file'): ImportInput {
  return { name, text, bytes: new TextEncoder().encode(text) };
}

/** An ImportInput for a fixture file (`dir` is a folder of tests/fixtures); a missing file throws. */
export function fixtureInput(dir: string, file: string): ImportInput {
  const bytes = new Uint8Array(readFixture(`${dir}/${file}`));
  return { name: file, text: new TextDecoder().decode(bytes), bytes };
}

/** The accounts of a successful outcome; fails the test with the problem otherwise. */
export function accountsOf(outcome: ImportFileOutcome): AccountDraft[] {
  if (!('ok' in outcome)) throw new Error('expected accounts, got needsPassword');
  if (!outcome.ok) throw new Error(`expected accounts, got problem ${outcome.problem.code} ${outcome.problem.params?.join(',') ?? ''}`);
  return outcome.value.accounts;
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
