import { aegisImporter } from './aegis-importer';
import { andOtpImporter } from './andotp-importer';
import { authenticatorExtensionImporter } from './authenticator-extension-importer';
import { bitwardenCsvImporter } from './bitwarden-csv-importer';
import { bitwardenJsonImporter } from './bitwarden-json-importer';
import { duoImporter } from './duo-importer';
import { enteAuthImporter } from './ente-auth-importer';
import { freeOtpPlusImporter } from './freeotp-plus-importer';
import type { Importer } from './import-types';
import { otpauthListImporter } from './otpauth-list-importer';
import { protonAuthenticatorImporter } from './proton-authenticator-importer';
import { sesameBackupImporter } from './sesame-backup-importer';
import { steamImporter } from './steam-importer';
import { stratumImporter } from './stratum-importer';
import { twofasImporter } from './twofas-importer';

/**
 * Every format Sesame imports, in the order `importFile` tries them: the first whose `detect`
 * says yes reads the file. Formats with a distinctive marker come first; the generic ones
 * (otpauth:// lines after Ente's, which are otpauth:// lines plus `codeDisplay`; the extension's
 * loose object of entries after the maFile) come after the more specific ones they overlap with.
 */
export const IMPORTERS: readonly Importer[] = [
  sesameBackupImporter,
  aegisImporter,
  twofasImporter,
  bitwardenJsonImporter,
  bitwardenCsvImporter,
  protonAuthenticatorImporter,
  stratumImporter,
  freeOtpPlusImporter,
  andOtpImporter,
  duoImporter,
  steamImporter,
  authenticatorExtensionImporter,
  enteAuthImporter,
  otpauthListImporter,
];
