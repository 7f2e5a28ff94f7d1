/**
 * What the page scan needs to know about a tab, gathered by one function injected with
 * `scripting.executeScript({ func: probePage })`. It runs in the extension's isolated world (the
 * page's scripts cannot replace the DOM methods it calls) and returns data only:
 * - the viewport (CSS px) and `devicePixelRatio`, to map CSS rectangles onto the tab capture;
 * - the rectangles of elements that may show a QR code (img, canvas, svg, video, iframe, and
 *   elements with a CSS background image) that are at least partly on screen, to crop them from
 *   the capture and decode each on its own (several, small or inverted codes);
 * - images and canvases that are not wholly on screen (below the fold), as PNG data URLs, when the
 *   page may read their pixels: `data:` and same-origin images, and untainted canvases. Reading a
 *   cross-origin image taints the canvas; that throws, is caught, and the image is only counted.
 *
 * Must stay self-contained (executeScript serialises the function's source: no imports, no
 * closures over module variables).
 */
interface ProbeRect {
  /** CSS pixels relative to the viewport, as `getBoundingClientRect()`. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly kind: ProbeKind;
}

export type ProbeKind = 'img' | 'canvas' | 'svg' | 'video' | 'iframe' | 'background';

interface ProbeImage {
  readonly kind: 'img' | 'canvas';
  /** `data:image/png;base64,...` */
  readonly dataUrl: string;
}

export interface PageProbe {
  readonly innerWidth: number;
  readonly innerHeight: number;
  readonly devicePixelRatio: number;
  readonly candidates: ProbeRect[];
  /** Off-screen (or partly off-screen) images read from the DOM. */
  readonly images: ProbeImage[];
  /** Off-screen images the page does not let us read (cross-origin), or over the limits. */
  readonly unreadable: number;
}

export interface ProbeLimits {
  /** Elements looked at, at most (a huge page is not walked to the end). */
  readonly maxElements: number;
  readonly maxCandidates: number;
  readonly maxImages: number;
  /** Off-screen images larger than this (longer side, px) are drawn scaled down to it. */
  readonly maxImageSide: number;
  /** Elements smaller than this (CSS px, either side) are ignored: no QR code fits. */
  readonly minSide: number;
}

export const PROBE_LIMITS: ProbeLimits = { maxElements: 6000, maxCandidates: 40, maxImages: 8, maxImageSide: 1600, minSide: 20 };

export function probePage(limits: ProbeLimits): PageProbe {
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const candidates: ProbeRect[] = [];
  const images: ProbeImage[] = [];
  let unreadable = 0;

  const toPng = (source: CanvasImageSource, w: number, h: number): string | null => {
    const shrink = Math.min(1, limits.maxImageSide / Math.max(w, h));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(w * shrink));
    canvas.height = Math.max(1, Math.round(h * shrink));
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
    try {
      return canvas.toDataURL('image/png'); // throws SecurityError for a tainted (cross-origin) canvas
    } catch {
      return null;
    }
  };
  const readable = (img: HTMLImageElement): boolean => {
    try {
      const url = new URL(img.currentSrc || img.src, document.baseURI);
      return url.protocol === 'data:' || url.protocol === 'blob:' || url.origin === location.origin;
    } catch {
      return false;
    }
  };

  const elements = document.body ? document.body.getElementsByTagName('*') : [];
  const count = Math.min(elements.length, limits.maxElements);
  for (let i = 0; i < count; i++) {
    const el = elements[i] as Element;
    const tag = el.localName;
    let kind: ProbeKind | null = null;
    if (tag === 'img' || tag === 'canvas' || tag === 'video' || tag === 'iframe') kind = tag;
    else if (tag === 'svg') kind = el.parentElement?.closest('svg') ? null : 'svg';
    else if (getComputedStyle(el).backgroundImage.includes('url(')) kind = 'background';
    if (!kind) continue;
    const r = el.getBoundingClientRect();
    if (r.width < limits.minSide || r.height < limits.minSide) continue;
    const onScreen = r.right > 0 && r.bottom > 0 && r.left < vw && r.top < vh;
    const wholly = r.left >= 0 && r.top >= 0 && r.right <= vw && r.bottom <= vh;
    if (onScreen && candidates.length < limits.maxCandidates) {
      candidates.push({ x: r.left, y: r.top, width: r.width, height: r.height, kind });
    }
    if (wholly || (kind !== 'img' && kind !== 'canvas')) continue;
    if (images.length >= limits.maxImages) {
      unreadable++;
      continue;
    }
    let url: string | null = null;
    if (kind === 'img') {
      const img = el as HTMLImageElement;
      if (img.complete && img.naturalWidth > 0 && readable(img)) url = toPng(img, img.naturalWidth, img.naturalHeight);
    } else {
      const canvas = el as HTMLCanvasElement;
      if (canvas.width > 0 && canvas.height > 0) url = toPng(canvas, canvas.width, canvas.height);
    }
    if (url) images.push({ kind, dataUrl: url });
    else unreadable++;
  }
  return { innerWidth: vw, innerHeight: vh, devicePixelRatio: window.devicePixelRatio || 1, candidates, images, unreadable };
}
