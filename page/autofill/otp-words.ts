/**
 * Words and phrases that name a one-time-code field, in the languages Sesame is most used in.
 *
 * Entries are written naturally; `text-match.ts` normalises them the same way as page text
 * (lower case, accents dropped, punctuation and camelCase turned into spaces). Entries in
 * alphabetic and Cyrillic scripts match at the start of a word ("otp" matches "otpCode" and
 * "otp_input", not "hotplate"); Chinese and Japanese entries match anywhere, as those scripts put
 * no spaces between words. An entry ending in `$` must also end a word.
 */
export const OTP_WORDS: readonly string[] = [
  // English
  'otp', 'totp', 'hotp', '2fa', 'mfa', 'tfa', '2sv', 'one-time', 'one time', 'onetime',
  'verification code', 'verify code', 'security code', 'authenticator', 'auth code', 'authcode',
  'authentication code', 'two-factor', 'two factor', '2-factor', 'two-step', 'two step',
  '2-step', 'login code', 'sign-in code', 'signin code',
  // German
  'Einmalcode', 'Einmalpasswort', 'Einmal-Passwort', 'Bestätigungscode', 'Verifizierungscode',
  'Sicherheitscode', 'Authentifizierungscode', 'Zwei-Faktor', '2-Faktor', 'Anmeldecode',
  // French
  'code de vérification', 'code de sécurité', 'code à usage unique',
  'mot de passe à usage unique', "code d'authentification", 'code de confirmation',
  'double authentification', 'code de connexion', 'deux facteurs', 'deux étapes',
  // Spanish
  'código de verificación', 'código de seguridad', 'código de un solo uso',
  'contraseña de un solo uso', 'código de autenticación', 'código de confirmación',
  'doble factor', 'código de acceso único',
  // Portuguese
  'código de verificação', 'código de segurança', 'código de autenticação',
  'código de uso único', 'senha de uso único', 'código de confirmação', 'dois fatores',
  // Italian
  'codice di verifica', 'codice di sicurezza', 'codice monouso', 'password monouso',
  'codice di autenticazione', 'codice di conferma', 'due fattori',
  // Dutch
  'verificatiecode', 'beveiligingscode', 'eenmalige code', 'authenticatiecode',
  'bevestigingscode', 'tweestaps', 'twee-factor', 'inlogcode',
  // Polish
  'kod weryfikacyjny', 'kod bezpieczeństwa', 'kod jednorazowy', 'jednorazowy kod',
  'hasło jednorazowe', 'kod uwierzytelniający', 'kod potwierdzający', 'kod autoryzacyjny',
  'dwuskładnikow',
  // Russian
  'код подтверждения', 'одноразовый код', 'одноразовый пароль', 'проверочный код',
  'код проверки', 'код безопасности', 'код аутентификации', 'код из приложения',
  'двухфакторн', 'двухэтапн',
  // Chinese (simplified and traditional)
  '验证码', '驗證碼', '动态码', '動態碼', '动态密码', '動態密碼', '一次性密码', '一次性密碼',
  '校验码', '校驗碼', '安全码', '安全碼', '两步验证', '兩步驗證',
  // Japanese
  '確認コード', '認証コード', 'ワンタイムパスワード', 'ワンタイムコード', 'セキュリティコード',
  '検証コード', '二段階認証', '段階認証', '認証番号', '確認番号',
];

/**
 * Generic words for "code". Alone they do not make a field an OTP field ("postal code", "coupon
 * code"), but they cancel the weak exclusions (`WEAK_EXCLUDED_WORDS`) in the same text, so
 * "Enter the code we sent to your phone" is not mistaken for a phone field.
 */
export const CODE_WORDS: readonly string[] = [
  'code', 'passcode', 'digits', 'código', 'codigo', 'codice', 'kod', 'код', 'cijfers',
  'ziffern', 'chiffres', 'dígitos', 'cifre', 'цифр', 'コード',
  // Not the Chinese 码 or the Japanese 番号: they also end 号码 "phone number", 密码 "password"
  // and 電話番号 "phone number".
];
