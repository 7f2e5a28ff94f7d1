// Shows QR codes the way sites do, chosen by the query string:
//   t=TEXT (repeatable)  as=img|canvas|svg|bg  size=CSS px (default 200)  cell=px per module
//   invert=1  origin=http://host:port (images from another origin)  below=1 (after a tall spacer)
// window.showCodes(texts) replaces the codes (as a site's "next code" button would).
const q = new URLSearchParams(location.search);
const as = q.get('as') ?? 'img';
const size = Number(q.get('size') ?? 200);
const cell = q.get('cell') ?? '4';
const origin = q.get('origin') ?? '';
const src = (text) => `${origin}/qr.svg?text=${encodeURIComponent(text)}&cell=${cell}`;
const box = document.getElementById('codes');
if (q.get('below')) box.before(Object.assign(document.createElement('div'), { className: 'spacer' }));

async function make(text) {
  if (as === 'img') {
    const img = new Image(size, size);
    img.alt = 'QR code';
    img.src = src(text);
    await img.decode();
    return img;
  }
  if (as === 'bg') {
    const div = document.createElement('div');
    div.className = 'bg';
    div.style.cssText = `width:${size}px;height:${size}px;background-image:url("${src(text)}")`;
    const probe = new Image();
    probe.src = src(text);
    await probe.decode();
    return div;
  }
  if (as === 'svg') {
    const holder = document.createElement('div');
    holder.innerHTML = await (await fetch(src(text))).text();
    const svg = holder.querySelector('svg');
    svg.setAttribute('width', size);
    svg.setAttribute('height', size);
    return svg;
  }
  // canvas: the code drawn into a canvas of `size` CSS px at the device pixel ratio
  const img = new Image();
  img.src = src(text);
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = Math.round(size * devicePixelRatio);
  canvas.style.width = canvas.style.height = `${size}px`;
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return canvas;
}

window.showCodes = async (texts) => {
  const els = await Promise.all(texts.map(make));
  if (q.get('invert')) els.forEach((el) => el.classList.add('inverted'));
  box.replaceChildren(...els);
  document.body.dataset.ready = 'true';
};
void window.showCodes(q.getAll('t'));
