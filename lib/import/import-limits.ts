/**
 * Bounds on what an import accepts, so a hostile or broken file gives a clear problem instead of
 * freezing the popup. Real exports are far below each of them.
 */
export const IMPORT_LIMITS = {
  /** Whole file, in bytes (and in UTF-16 code units of its text). */
  maxFileBytes: 20 * 1024 * 1024,
  /** Nesting of JSON arrays/objects. The deepest real format (Aegis) nests 5 levels. */
  maxJsonDepth: 64,
  /** Issuer, account name, tag, recovery code, secret text. */
  maxNameChars: 512,
  /** A note. */
  maxNoteChars: 64 * 1024,
  /** One otpauth:// URI or one line of a text export. */
  maxUriChars: 64 * 1024,
  /** Tags, sites and recovery codes per account. */
  maxListItems: 100,
  /** Decoded secret bytes (a 512-bit HMAC key is 64 bytes; 1 KiB is generous). */
  maxSecretBytes: 1024,
} as const;
