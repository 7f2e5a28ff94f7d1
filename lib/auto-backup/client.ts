import { sendToBackground } from '../messaging/client';
import type { AutoBackupReplyMap, AutoBackupRequest } from '@/lib/auto-backup/protocol';
import type { Result } from '@/lib/result';

/** Sends a scheduled-backup request to the background (`lib/auto-backup/register.ts`). */
export const sendAutoBackup = <T extends AutoBackupRequest>(request: T): Promise<Result<AutoBackupReplyMap[T['type']]>> =>
  sendToBackground<AutoBackupReplyMap[T['type']]>(request);
