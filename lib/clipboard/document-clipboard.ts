/**
 * The clipboard of an extension document that has no focus (the offscreen document, a Firefox
 * background page): the asynchronous Clipboard API refuses unfocused documents, so this uses
 * `execCommand`. Reading (`paste`) needs the `clipboardRead` permission; writing (`copy`) needs
 * `clipboardWrite`. See docs/design.md, "Permissions".
 */
import type { ClipboardAccess } from './clipboard-keeper';

export function documentClipboard(doc: Document): ClipboardAccess {
  return {
    read() {
      const area = doc.createElement('textarea');
      doc.body.append(area);
      area.focus();
      try {
        return doc.execCommand('paste') ? area.value : null;
      } finally {
        area.value = '';
        area.remove();
      }
    },
    write(text) {
      // A copy event whose data we set: works for the empty string, which a selection cannot be.
      const onCopy = (event: ClipboardEvent) => {
        event.clipboardData?.setData('text/plain', text);
        event.preventDefault();
      };
      doc.addEventListener('copy', onCopy);
      try {
        return doc.execCommand('copy');
      } finally {
        doc.removeEventListener('copy', onCopy);
      }
    },
  };
}
