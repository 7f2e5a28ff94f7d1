import type { AccountDraft } from '../otp/account';
import { fail, ok, type Result } from '../result';
import { collectDrafts } from './collect-drafts';
import { importFormat, type ImportFormatId } from './import-formats';
import { needsPassword, type FormatReader } from './import-types';
import { readJson } from './read-json';

/** A file's entries, and how to read each one and name one that cannot be read. */
export interface JsonEntries<E> {
  readonly list: readonly E[];
  /** One entry as an account, or why it cannot be one: that entry is skipped, not the file. */
  readonly read: (entry: E, index: number) => Result<AccountDraft>;
  /** A short name for a skipped entry, usually `entryName(issuer, label, index)`. */
  readonly name: (entry: E, index: number) => string;
}

/**
 * What is particular to one JSON backup format. `F` is the file as the format has it (what
 * `recognise` found), `E` one of its entries.
 */
export interface JsonFormat<F, E> {
  /** The file, or undefined if the JSON is not in this format. Looks at the content only. */
  readonly recognise: (json: unknown) => F | undefined;
  /**
   * A file of this format that Sesame does not read (an encrypted export it cannot decrypt): it is
   * claimed, so no other importer misreads it, and answered `err_import_encrypted_unsupported`.
   */
  readonly unsupported?: (json: unknown) => boolean;
  /** A password-protected file: whether this one is, and the file it holds, opened with the password. */
  readonly encrypted?: {
    readonly is: (file: F) => boolean;
    readonly open: (file: F, password: string) => Promise<Result<F>>;
  };
  /** The entries of a readable (or opened) file; undefined if they are not where they must be. */
  readonly entries: (file: F) => JsonEntries<E> | undefined;
}

/**
 * The reader of a JSON backup format: the steps every such importer takes, once. The JSON is
 * parsed once per file and shared by every importer's `detect` (`readJson`); a file the format
 * does not recognise, or whose entries are missing, is `err_import_corrupt` naming the app; an
 * encrypted one asks for the password first; every entry is read on its own (`collectDrafts`).
 */
export function jsonImporter<F, E>(id: ImportFormatId, format: JsonFormat<F, E>): FormatReader {
  const { name } = importFormat(id);
  return {
    detect(input) {
      const json = readJson(input);
      if (format.unsupported?.(json)) return true;
      const file = format.recognise(json);
      if (file === undefined) return false;
      return format.encrypted?.is(file) ? 'encrypted' : true;
    },
    async parse(input, password) {
      const json = readJson(input);
      if (format.unsupported?.(json)) return fail('err_import_encrypted_unsupported', name);
      let file = format.recognise(json);
      if (file === undefined) return fail('err_import_corrupt', name);
      if (format.encrypted?.is(file)) {
        if (password === undefined) return needsPassword();
        const opened = await format.encrypted.open(file, password);
        if (!opened.ok) return opened;
        file = opened.value;
      }
      const entries = format.entries(file);
      return entries ? ok(collectDrafts(entries.list, entries.read, entries.name)) : fail('err_import_corrupt', name);
    },
  };
}
