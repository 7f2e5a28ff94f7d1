// The demo's "server side": a fixed secret, checked in the page with WebCrypto (RFC 6238, SHA-1, 30 s).
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const uri = `otpauth://totp/Example%20Corp:demo@example.com?secret=${SECRET}&issuer=Example%20Corp`;
document.getElementById('uri').textContent = uri;
document.getElementById('qr').src = `/qr.svg?text=${encodeURIComponent(uri)}`;

function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...text].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  return Uint8Array.from(bits.match(/.{8}/g), (b) => parseInt(b, 2));
}
async function totp(step) {
  const key = await crypto.subtle.importKey('raw', base32(SECRET), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const msg = new DataView(new ArrayBuffer(8));
  msg.setUint32(4, step);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, msg.buffer));
  const o = mac[19] & 15;
  const n = ((mac[o] & 127) << 24) | (mac[o + 1] << 16) | (mac[o + 2] << 8) | mac[o + 3];
  return String(n % 1e6).padStart(6, '0');
}
document.getElementById('signin').addEventListener('submit', async (e) => {
  e.preventDefault();
  const step = Math.floor(Date.now() / 30000);
  const typed = document.getElementById('otp').value.replace(/\s/g, '');
  const ok = (await Promise.all([step - 1, step, step + 1].map(totp))).includes(typed);
  document.getElementById('result').textContent = ok ? 'Signed in. Sesame works.' : 'That code is not right. Try again.';
});
