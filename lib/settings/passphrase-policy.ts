/** The shortest passphrase Sesame accepts. Length matters most against guessing (NIST SP 800-63B §3.1.1.2). */
export const MIN_PASSPHRASE_LENGTH = 8;
