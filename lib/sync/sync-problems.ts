/**
 * Every problem code sync reports: each is a message key in public/_locales/en/messages.json
 * (tests/unit/sync/problem-messages.test.ts checks that they all are).
 */

/** The synced data belongs to another vault: join it or merge this browser's accounts into it. */
export const ERR_SYNC_OTHER_VAULT = 'err_sync_other_vault';
/** Joining, but nothing is synced yet. */
export const ERR_SYNC_NOTHING_TO_JOIN = 'err_sync_nothing_to_join';
export const ERR_SYNC_WRONG_PASSPHRASE = 'err_sync_wrong_passphrase';
/** The synced header does not match its MAC under the data key: ignored, this browser's kept. */
export const ERR_SYNC_HEADER_TAMPERED = 'err_sync_header_tampered';
/** `$1` synced items (or rows) did not authenticate (tampered, another vault, another key): ignored. */
export const ERR_SYNC_RECORDS_UNREADABLE = 'err_sync_records_unreadable';
export const ERR_SYNC_REMOTE_CORRUPT = 'err_sync_remote_corrupt';
export const ERR_SYNC_NEWER_FORMAT = 'err_sync_newer_format';
/** The vault does not fit the browser's sync storage: `$1` of `$2` accounts would. */
export const ERR_SYNC_TOO_LARGE = 'err_sync_too_large';
/** The browser's sync storage refused a write as full, though the vault fits Sesame's share of it: other items fill it. */
export const ERR_SYNC_STORAGE_FULL = 'err_sync_storage_full';
/** The WebDAV server is out of space (HTTP 507, RFC 4918 §11.5). */
export const ERR_SYNC_SERVER_FULL = 'err_sync_server_full';
/** The browser's sync storage refused the write for its write-rate limit. */
export const ERR_SYNC_RATE_LIMITED = 'err_sync_rate_limited';
/** The server did not answer, or answered with an error (`$1`), after the retries. */
export const ERR_SYNC_UNAVAILABLE = 'err_sync_unavailable';
export const ERR_SYNC_UNAUTHORIZED = 'err_sync_unauthorized';
export const ERR_SYNC_FORBIDDEN = 'err_sync_forbidden';
export const ERR_SYNC_NOT_FOUND = 'err_sync_not_found';
export const ERR_SYNC_BAD_RESPONSE = 'err_sync_bad_response';
/** Other browsers kept writing meanwhile (every retry met a newer version). */
export const ERR_SYNC_BUSY = 'err_sync_busy';
export const ERR_SYNC_SETTINGS_INVALID = 'err_sync_settings_invalid';
/** Sync is off: turn it on in settings first. */
export const ERR_SYNC_OFF = 'err_sync_off';
/** Sesame may not reach the WebDAV folder's server: the permission was not given, or was taken back. */
export const ERR_SYNC_PERMISSION = 'err_sync_permission';
