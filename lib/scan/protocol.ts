/**
 * Messages between extension pages and the background for scanning a tab (lib/scan/register.ts).
 * The background does the capture and the decoding: it holds the activeTab grant of a command or
 * menu click, and decoding there keeps the popup's thread free.
 */
import type { Problem } from '../result';
import type { ScanTried } from './decode-page-capture';
import { isInteger, type RequestFields } from '../messaging/field-checks';

export type ScanRequest =
  /** Capture the tab (it must be the active tab of its window) and decode every QR code on it. */
  | { readonly type: 'scan-page'; readonly tabId: number }
  /** Let the user drag a rectangle over the tab, then decode that area. */
  | { readonly type: 'scan-select-area'; readonly tabId: number }
  /** The result of a scan started by the keyboard command or the context menu, once. */
  | { readonly type: 'scan-take-pending' };

/** What a scan found: QR texts (may hold secrets: only ever sent to our own pages). */
export interface ScanOutcome {
  readonly texts: string[];
  readonly tried: ScanTried & { readonly unreadable: number; readonly area?: boolean };
  /**
   * The site of the page scanned (`https://github.com`, lib/autofill/site.ts), when the tab showed
   * the same site before and after the capture; saved with the accounts found.
   */
  readonly site?: string;
  /** Time the background spent: in all, and decoding alone (ms). */
  readonly ms: number;
  readonly decodeMs?: number;
}

export type ScanReply = { readonly ok: true; readonly value: ScanOutcome } | { readonly ok: false; readonly problem: Problem };
/** A scan started by the command or the menu: its reply, kept until a popup takes it. */
export type PendingReply = { readonly ok: true; readonly value: ScanReply | null };

export interface ScanReplyMap {
  'scan-page': ScanOutcome;
  'scan-select-area': ScanOutcome;
  'scan-take-pending': ScanReply | null;
}

/** What the router checks in each scan request. */
export const SCAN_REQUEST_FIELDS: RequestFields<ScanRequest> = {
  'scan-page': { tabId: isInteger },
  'scan-select-area': { tabId: isInteger },
  'scan-take-pending': {},
};
