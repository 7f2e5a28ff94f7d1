import type { Problem } from '../result';
import type { MessageKey } from '../i18n/message-key';

/**
 * What a scanned QR code holds, decided from its text alone, before any parsing: a two-factor
 * secret (`otpauth://`, Google Authenticator's `otpauth-migration://` export, Bitwarden's
 * `steam://SECRET`), or something else, named so the user learns why nothing was added ("This QR
 * code holds a Wi-Fi network, not a two-factor secret").
 *
 * The other kinds follow the de-facto QR payload conventions (ZXing's "Barcode Contents" wiki):
 * `WIFI:`, `mailto:` / `MATMSG:`, `tel:` / `sms:` / `smsto:`, `BEGIN:VCARD` / `MECARD:`, `geo:`, URLs.
 */
export type QrContent =
  | { readonly kind: 'otpauth'; readonly uri: string }
  | { readonly kind: 'migration'; readonly uri: string }
  | { readonly kind: 'steam'; readonly uri: string }
  | { readonly kind: 'not-otp'; readonly what: NotOtpKind; readonly problem: Problem };

type NotOtpKind = 'url' | 'wifi' | 'email' | 'phone' | 'vcard' | 'geo' | 'text';

const NOT_OTP_MESSAGES: Record<NotOtpKind, MessageKey> = {
  url: 'err_qr_not_otp_url',
  wifi: 'err_qr_not_otp_wifi',
  email: 'err_qr_not_otp_email',
  phone: 'err_qr_not_otp_phone',
  vcard: 'err_qr_not_otp_vcard',
  geo: 'err_qr_not_otp_geo',
  text: 'err_qr_not_otp_text',
};

const NOT_OTP: readonly (readonly [NotOtpKind, RegExp])[] = [
  ['wifi', /^WIFI:/i],
  ['email', /^(mailto:|MATMSG:)|^[^\s@:/]+@[^\s@:/]+\.[a-z]{2,}$/i],
  ['phone', /^(tel:|sms:|smsto:|mms:|mmsto:)/i],
  ['vcard', /^(BEGIN:VCARD|MECARD:|BIZCARD:)/i],
  ['geo', /^geo:/i],
  ['url', /^([a-z][a-z0-9+.-]*:\/\/|www\.)/i],
];

/** Classifies the text of one QR code; the URI is returned trimmed. */
export function classifyQrText(text: string): QrContent {
  const uri = text.trim();
  if (/^otpauth-migration:\/\//i.test(uri)) return { kind: 'migration', uri };
  if (/^otpauth:\/\//i.test(uri)) return { kind: 'otpauth', uri };
  if (/^steam:\/\//i.test(uri)) return { kind: 'steam', uri };
  // A two-factor link behind other text ("QR-Code:otpauth-migration://...", as zbarimg prints it).
  const inner = /otpauth(-migration)?:\/\/\S/i.exec(uri);
  if (inner)
    return {
      kind: 'not-otp',
      what: 'text',
      problem: { code: 'err_qr_text_before_link', params: [uri.slice(0, inner.index).slice(0, 40)] },
    };
  const what = NOT_OTP.find(([, pattern]) => pattern.test(uri))?.[0] ?? 'text';
  return { kind: 'not-otp', what, problem: { code: NOT_OTP_MESSAGES[what] } };
}
