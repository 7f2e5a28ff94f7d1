import { browser } from 'wxt/browser';
import { sendToBackground } from '../messaging/client';
import type { PendingReply, ScanReply, ScanRequest } from '@/lib/scan/protocol';

/** Asks the background to scan a tab (lib/scan/register.ts). */
export const sendScan = (request: Exclude<ScanRequest, { type: 'scan-take-pending' }>): Promise<ScanReply> => sendToBackground(request);

/** The result of a scan started by the keyboard command or the image menu, if one is waiting. */
export async function takePendingScan(): Promise<ScanReply | null> {
  try {
    const reply = await browser.runtime.sendMessage<ScanRequest, PendingReply | undefined>({ type: 'scan-take-pending' });
    return reply?.value ?? null;
  } catch {
    return null;
  }
}
