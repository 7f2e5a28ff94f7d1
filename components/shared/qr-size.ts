import qrcode from 'qrcode-generator';

/**
 * The pixel size at which `text`'s QR code (error correction M, as QrCode.tsx draws it, with its
 * 4-module quiet zone) gets `pxPerModule` whole pixels per module, so a camera or `zbarimg` reads
 * even a dense migration code off the screen.
 */
export function qrPixelSize(text: string, pxPerModule = 4): number {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return (qr.getModuleCount() + 8) * pxPerModule;
}
