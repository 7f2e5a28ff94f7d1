/**
 * "Select an area": injected into the tab (scripting.executeScript, isolated world), it covers
 * the viewport with a crosshair overlay in a closed shadow root, lets the user drag a rectangle
 * (mouse, touch or pen) and resolves with it in CSS px, or null on Escape or a click without a
 * drag. The overlay is removed and two frames are painted before it resolves, so the capture that
 * follows shows the page without it. Self-contained (no imports or closures) for executeScript.
 */
export interface SelectedArea {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly innerWidth: number;
}

export function selectAreaInPage(hint: string): Promise<SelectedArea | null> {
  return new Promise((resolve) => {
    const host = document.createElement('div');
    host.style.cssText = 'all:initial;position:fixed;inset:0;z-index:2147483647;';
    const root = host.attachShadow({ mode: 'closed' });
    const layer = document.createElement('div');
    layer.style.cssText = 'position:fixed;inset:0;cursor:crosshair;background:rgba(0,0,0,.25);touch-action:none;';
    const box = document.createElement('div');
    box.style.cssText =
      'position:fixed;border:2px dashed #fff;outline:2px solid #0a58ca;background:rgba(255,255,255,.1);display:none;pointer-events:none;';
    const label = document.createElement('div');
    label.textContent = hint;
    label.setAttribute('role', 'status');
    label.style.cssText =
      'position:fixed;top:12px;left:50%;transform:translateX(-50%);font:14px/1.4 system-ui,sans-serif;background:#1b1f24;color:#fff;padding:8px 12px;border-radius:6px;pointer-events:none;';
    layer.append(box, label);
    root.append(layer);
    document.documentElement.append(host);

    let start: { x: number; y: number } | null = null;
    let rect = { x: 0, y: 0, width: 0, height: 0 };
    const finish = (area: SelectedArea | null) => {
      host.remove();
      window.removeEventListener('keydown', onKey, true);
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(area)));
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      finish(null);
    };
    window.addEventListener('keydown', onKey, true);
    layer.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      e.stopPropagation();
      layer.setPointerCapture(e.pointerId);
      start = { x: e.clientX, y: e.clientY };
    });
    layer.addEventListener('pointermove', (e) => {
      if (!start) return;
      e.stopPropagation();
      rect = {
        x: Math.min(start.x, e.clientX),
        y: Math.min(start.y, e.clientY),
        width: Math.abs(e.clientX - start.x),
        height: Math.abs(e.clientY - start.y),
      };
      box.style.display = 'block';
      box.style.left = `${rect.x}px`;
      box.style.top = `${rect.y}px`;
      box.style.width = `${rect.width}px`;
      box.style.height = `${rect.height}px`;
    });
    layer.addEventListener('pointerup', (e) => {
      if (!start) return;
      e.stopPropagation();
      const ok = rect.width >= 8 && rect.height >= 8;
      finish(ok ? { ...rect, innerWidth: window.innerWidth } : null);
    });
  });
}
