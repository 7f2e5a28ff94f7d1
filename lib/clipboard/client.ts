import { send } from '../messaging/client';

/**
 * Copies a one-time code or a recovery code (the page has the focus and the user's gesture the
 * clipboard needs) and tells the background, which takes it off the clipboard after the user's
 * delay if it is still there (lib/clipboard/register.ts). Rejects when the copy failed.
 */
export async function copySecret(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
  void send({ type: 'clipboard-copied', text });
}
