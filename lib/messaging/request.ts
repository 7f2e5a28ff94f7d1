/**
 * Every request a Sesame page may send to the background, one union across features, and what
 * each answers. The router (router.ts) is typed by these, so a request type without field checks
 * or without a handler does not compile. Each feature keeps its own requests in its protocol file.
 */
import type { ReplyMap as VaultReplyMap, VaultRequest } from '../vault-service/protocol';
import type { AutofillReplyMap, AutofillRequest } from '../autofill/protocol';
import type { AutoBackupReplyMap, AutoBackupRequest } from '../auto-backup/protocol';
import type { ExportReplyMap, ExportRequest } from '../export/protocol';
import type { ClipboardReplyMap, ClipboardRequest } from '../clipboard/protocol';
import type { ScanReplyMap, ScanRequest } from '../scan/protocol';
import type { SyncReplyMap, SyncRequest } from '../sync/protocol';
import type { Router } from './router';

export type SesameRequest =
  VaultRequest | AutofillRequest | ScanRequest | AutoBackupRequest | ExportRequest | ClipboardRequest | SyncRequest;

export interface SesameReplyMap
  extends VaultReplyMap, AutofillReplyMap, ScanReplyMap, AutoBackupReplyMap, ExportReplyMap, ClipboardReplyMap, SyncReplyMap {}

/** The background's one router, as the features see it when they register. */
export type SesameRouter = Router<SesameRequest, SesameReplyMap>;
