import type { SupportedFormat } from './import-types';

/**
 * Every format Sesame imports, in the order `importFile` tries them: the first whose `detect`
 * says yes reads the file. Formats with a distinctive marker come first; the generic ones
 * (otpauth:// lines after Ente's, which are otpauth:// lines plus `codeDisplay`; the extension's
 * loose object of entries after the maFile) come after the more specific ones they overlap with.
 *
 * Data only, so a page can show the list (the options page does, and the README repeats it)
 * without loading a single importer; `registry.ts` gives each format its reader.
 */
export const IMPORT_FORMATS = [
  { id: 'sesame-backup', name: 'Sesame', label: 'importFormat_sesame_backup', extensions: ['.json'] },
  { id: 'aegis', name: 'Aegis', label: 'importFormat_aegis', extensions: ['.json', '.aegis'] },
  { id: '2fas', name: '2FAS', label: 'importFormat_2fas', extensions: ['.2fas', '.json'] },
  { id: 'bitwarden-json', name: 'Bitwarden', label: 'importFormat_bitwarden_json', extensions: ['.json'] },
  { id: 'bitwarden-csv', name: 'Bitwarden CSV', label: 'importFormat_bitwarden_csv', extensions: ['.csv'] },
  { id: 'proton-authenticator', name: 'Proton Authenticator', label: 'importFormat_proton_authenticator', extensions: ['.json'] },
  { id: 'stratum', name: 'Stratum', label: 'importFormat_stratum', extensions: ['.json'] },
  { id: 'freeotp-plus', name: 'FreeOTP+', label: 'importFormat_freeotp_plus', extensions: ['.json'] },
  { id: 'andotp', name: 'andOTP', label: 'importFormat_andotp', extensions: ['.json'] },
  { id: 'duo', name: 'Duo Mobile', label: 'importFormat_duo', extensions: ['.json'] },
  { id: 'steam', name: 'Steam', label: 'importFormat_steam', extensions: ['.maFile', '.json'] },
  { id: 'authenticator-extension', name: 'Authenticator', label: 'importFormat_authenticator_extension', extensions: ['.json', '.txt'] },
  { id: 'ente-auth', name: 'Ente Auth', label: 'importFormat_ente_auth', extensions: ['.txt'] },
  { id: 'otpauth-list', name: 'otpauth:// list', label: 'importFormat_otpauth_list', extensions: ['.txt'] },
] as const satisfies readonly SupportedFormat[];

export type ImportFormatId = (typeof IMPORT_FORMATS)[number]['id'];

/** The registry's entry for a format. */
export const importFormat = (id: ImportFormatId): SupportedFormat => IMPORT_FORMATS.find((f) => f.id === id)!;
