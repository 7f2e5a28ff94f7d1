/**
 * The background's notice (notice.ts) to every open Sesame page that the vault has locked (Lock
 * button, auto-lock alarm, computer lock). A page that hears it drops its accounts and shows the
 * unlock form (components/shared/use-lock-notice.ts). A missed notice costs nothing secret: the
 * next request a page makes answers `err_locked`.
 */
import type { Notice } from './notice';

export const LOCK_NOTICE: Notice<'vault-locked'> = { type: 'vault-locked' };
