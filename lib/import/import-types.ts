import type { MessageKey } from '../i18n/message-key';
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

/** Which format a file is in (`importFile` answers it with what it read). */
export interface ImportFormat {
  /** Stable id, e.g. `aegis`. */
  readonly id: string;
  /** The other app's name as its users know it (not translated: it is a product name). */
  readonly name: string;
}

/** One format Sesame imports, as the registry lists it (`import-formats.ts`). */
export interface SupportedFormat extends ImportFormat {
  /** The options page's line for the format: which app, and which of its exports. */
  readonly label: MessageKey;
  /** The file name endings its exports have, for the file picker (detection never looks at names). */
  readonly extensions: readonly string[];
}

/**
 * How one format is read. `detect` looks at the content only (never the file name) and answers
 * `false` (not this format), `true` (this format, readable as is) or `'encrypted'` (this format,
 * needs a password). `parse` never needs to catch: `importFile` wraps it.
 */
export interface FormatReader {
  detect(input: ImportInput): boolean | 'encrypted';
  parse(input: ImportInput, password?: string): Promise<ImportOutcome>;
}

/** A format with its reader: what `importFile` tries, in the registry's order. */
export interface Importer extends SupportedFormat, FormatReader {}

/** `importFile`'s answer: like `ImportOutcome`, with the format that was recognised. */
export type ImportFileOutcome =
  | { readonly ok: true; readonly value: ImportedAccounts & { readonly format: ImportFormat } }
  | { readonly ok: false; readonly problem: Problem; readonly format?: ImportFormat }
  | { readonly needsPassword: true; readonly format: ImportFormat };

export const needsPassword = (): NeedsPassword => ({ needsPassword: true });
