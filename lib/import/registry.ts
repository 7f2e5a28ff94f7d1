import { aegisImporter } from './aegis-importer';
import { andOtpImporter } from './andotp-importer';
import { authenticatorExtensionImporter } from './authenticator-extension-importer';
import { bitwardenCsvImporter } from './bitwarden-csv-importer';
import { bitwardenJsonImporter } from './bitwarden-json-importer';
import { duoImporter } from './duo-importer';
import { enteAuthImporter } from './ente-auth-importer';
import { freeOtpPlusImporter } from './freeotp-plus-importer';
import { IMPORT_FORMATS, type ImportFormatId } from './import-formats';
import type { FormatReader, Importer } from './import-types';
import { otpauthListImporter } from './otpauth-list-importer';
import { protonAuthenticatorImporter } from './proton-authenticator-importer';
import { sesameBackupImporter } from './sesame-backup-importer';
import { steamImporter } from './steam-importer';
import { stratumImporter } from './stratum-importer';
import { twofasImporter } from './twofas-importer';

/** Each format's reader: a format of `IMPORT_FORMATS` without one, or one more, does not compile. */
const READERS: { readonly [Id in ImportFormatId]: FormatReader } = {
  'sesame-backup': sesameBackupImporter,
  aegis: aegisImporter,
  '2fas': twofasImporter,
  'bitwarden-json': bitwardenJsonImporter,
  'bitwarden-csv': bitwardenCsvImporter,
  'proton-authenticator': protonAuthenticatorImporter,
  stratum: stratumImporter,
  'freeotp-plus': freeOtpPlusImporter,
  andotp: andOtpImporter,
  duo: duoImporter,
  steam: steamImporter,
  'authenticator-extension': authenticatorExtensionImporter,
  'ente-auth': enteAuthImporter,
  'otpauth-list': otpauthListImporter,
};

/** Every format Sesame imports with its reader, in the order `importFile` tries them (`IMPORT_FORMATS`). */
export const IMPORTERS: readonly Importer[] = IMPORT_FORMATS.map((format) => ({ ...format, ...READERS[format.id] }));
