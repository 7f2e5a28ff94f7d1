import qrcode from 'qrcode-generator';
import './screens.css';

/**
 * A QR code as an SVG path: crisp at any zoom and with dark modules on a white quiet zone in both
 * themes (scanners expect dark-on-light). Error correction M, the usual choice for otpauth URIs.
 */
export function QrCode({ text, label, size = 200 }: { text: string; label: string; size?: number }) {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  const margin = 4; // the quiet zone the QR spec (ISO/IEC 18004 §6.3.8) asks for
  let path = '';
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) path += `M${c + margin} ${r + margin}h1v1h-1z`;
  const side = n + margin * 2;
  return (
    <svg class="qr" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${side} ${side}`} shape-rendering="crispEdges">
      <rect width={side} height={side} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
