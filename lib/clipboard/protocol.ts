/**
 * The clipboard feature's requests (lib/clipboard/register.ts). A page tells the background it
 * copied a one-time code or a recovery code, so the background can take it off the clipboard
 * later if it is still there. The page copies (it has the focus and the user's gesture); the
 * background only clears.
 */
import type { ClipboardSettings } from './clipboard-settings';
import { isFiniteNumber, isString, type RequestFields } from '../messaging/field-checks';

export type ClipboardRequest =
  | { readonly type: 'clipboard-copied'; readonly text: string }
  | { readonly type: 'clipboard-settings' }
  | { readonly type: 'clipboard-set-settings'; readonly clearAfterSeconds: number };

export interface ClipboardReplyMap {
  'clipboard-copied': null;
  'clipboard-settings': ClipboardSettings;
  'clipboard-set-settings': ClipboardSettings;
}

export const CLIPBOARD_REQUEST_FIELDS: RequestFields<ClipboardRequest> = {
  'clipboard-copied': { text: isString },
  'clipboard-settings': {},
  'clipboard-set-settings': { clearAfterSeconds: isFiniteNumber },
};
