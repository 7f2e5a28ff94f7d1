import { ok } from '../result';
import type { FormatReader, ImportInput, ImportOutcome } from './import-types';
import { importUriLines, startsWithOtpUri } from './uri-lines';

/**
 * A text file of `otpauth://` URIs (Google's Key Uri Format) and `otpauth-migration://` URIs,
 * one a line: what many apps export as "plain text" (Aegis, WinAuth, the Authenticator
 * extension's `authenticator.txt`, Google Authenticator transfer QR codes read as text).
 */
export const otpauthListImporter: FormatReader = {
  detect: (input: ImportInput) => startsWithOtpUri(input.text),
  parse: async (input: ImportInput): Promise<ImportOutcome> => ok(importUriLines(input.text)),
};
