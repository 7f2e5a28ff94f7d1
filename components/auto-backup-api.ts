import { browser } from 'wxt/browser';
import type { AutoBackupReplyMap, AutoBackupRequest } from '@/lib/messages/auto-backup-protocol';
import type { Result } from '@/lib/result';

/** Sends a scheduled-backup request to the background (`lib/background/auto-backup.ts`). */
export async function sendAutoBackup<T extends AutoBackupRequest>(request: T): Promise<Result<AutoBackupReplyMap[T['type']]>> {
  try {
    const reply = await browser.runtime.sendMessage(request);
    return (reply ?? { ok: false, problem: { code: 'err_internal' } }) as Result<AutoBackupReplyMap[T['type']]>;
  } catch {
    return { ok: false, problem: { code: 'err_internal' } };
  }
}
