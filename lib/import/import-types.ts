import type { AccountDraft } from '../otp/account';
import type { Problem, Result } from '../result';

/** A file the user picked (or pasted): its name, its text (UTF-8 decoded) and its raw bytes. */
export interface ImportInput {
  readonly name: string;
  readonly text: string;
  readonly bytes: Uint8Array;
}

/** An entry of the file that was not imported, and why. `name` is short and safe to show. */
export interface SkippedEntry {
  readonly name: string;
  readonly problem: Problem;
}

/** What an importer read out of a file. */
export interface ImportedAccounts {
  readonly accounts: AccountDraft[];
  readonly skipped: SkippedEntry[];
}

/** The file is encrypted and no password was given: ask the user for one and call again. */
export interface NeedsPassword {
  readonly needsPassword: true;
}

export type ImportOutcome = Result<ImportedAccounts> | NeedsPassword;

/**
 * One backup format. `detect` looks at the content only (never the file name) and answers
 * `false` (not this format), `true` (this format, readable as is) or `'encrypted'` (this format,
 * needs a password). `parse` never needs to catch: `importFile` wraps it.
 */
export interface Importer {
  /** Stable id, e.g. `aegis`. */
  readonly id: string;
  /** The other app's name as its users know it (not translated: it is a product name). */
  readonly name: string;
  detect(input: ImportInput): boolean | 'encrypted';
  parse(input: ImportInput, password?: string): Promise<ImportOutcome>;
}

/** Which importer read a file. */
export interface ImportFormat {
  readonly id: string;
  readonly name: string;
}

/** `importFile`'s answer: like `ImportOutcome`, with the format that was recognised. */
export type ImportFileOutcome =
  | { readonly ok: true; readonly value: ImportedAccounts & { readonly format: ImportFormat } }
  | { readonly ok: false; readonly problem: Problem; readonly format?: ImportFormat }
  | { readonly needsPassword: true; readonly format: ImportFormat };

export const needsPassword = (): NeedsPassword => ({ needsPassword: true });
