/**
 * The background's notice (notice.ts) to every open Sesame page that the accounts changed without
 * the page asking (a sync took versions from another browser). A page that hears it asks for the
 * state again (components/shared/use-accounts-notice.ts).
 */
import type { Notice } from './notice';

export const ACCOUNTS_NOTICE: Notice<'vault-accounts-changed'> = { type: 'vault-accounts-changed' };
