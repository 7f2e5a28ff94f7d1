/**
 * Words that mark a field as something other than a one-time code. Same matching rules as
 * `otp-words.ts` (start of a word; Chinese and Japanese anywhere; a trailing `$` ends a word).
 */

/**
 * Fields that are never a one-time code, even when the same text also says "security code" or
 * "authentication code": backup and recovery codes (filling a TOTP code there wastes nothing but
 * confuses the user, and a recovery form often mentions the authenticator), card data (a card's
 * "security code" is its CVC), coupons, postal codes, dates, PINs, CAPTCHAs and search boxes.
 */
export const EXCLUDED_WORDS: readonly string[] = [
  // backup / recovery codes
  'backup', 'recovery', 'recover', 'rescue', 'scratch', 'emergency', 'Wiederherstellung',
  'Notfall', 'secours', 'sauvegarde', 'récupération', 'recuperación', 'recuperação', 'recupero', 'ripristino',
  'herstel', 'zapasow', 'odzyskiw', 'резервн', 'восстановлен', '备用', '備用', '恢复', '恢復',
  'バックアップ', 'リカバリ', '復旧',
  // coupons and gifts
  'coupon', 'promo', 'voucher', 'gift', 'discount', 'referral', 'redeem', 'Gutschein', 'Rabatt',
  'réduction', 'cupón', 'cupom', 'descuento', 'desconto', 'buono', 'sconto', 'kortingscode',
  'cadeau', 'kupon', 'rabat', 'промокод', 'купон', '优惠', '優惠', '兑换', '兌換', 'クーポン',
  // card data (cc-number, cc-csc, ...)
  'card', 'cc', 'cvc', 'cvv', 'csc', 'cid$', 'kart', 'carte', 'tarjeta', 'cartão', 'carta',
  'kaart', 'карт', '卡', 'カード', 'iban', 'sort code', 'routing',
  // postal codes
  'postal', 'postcode', 'zip', 'plz$', 'Postleitzahl', 'code postal', 'código postal', 'cep$',
  'codice postale', 'kod pocztowy', 'почтов', 'индекс', '邮编', '郵遞區號', '郵便番号',
  // dates (a date of birth typed as DDMMYYYY looks like an 8-digit code)
  'birth', 'dob$', 'bday', 'date', 'day$', 'month', 'year', 'dd$', 'mm$', 'yy$', 'yyyy$',
  'Geburt', 'Datum', 'naissance', 'nacimiento', 'nascimento', 'nascita', 'geboorte',
  'urodzenia', 'рождени', '生日', '出生', '生年月日',
  // amounts
  'amount', 'quantity', 'qty', 'price',
  // static PINs and CAPTCHAs
  'pin', 'captcha', 'Geheimzahl', '图形验证码', '图片验证码', '圖形驗證碼', '圖片驗證碼',
  // search
  'search', 'query', 'Suche', 'recherche', 'buscar', 'búsqueda', 'pesquisa', 'cerca', 'zoeken',
  'szukaj', 'поиск', '搜索', '搜尋', '検索',
];

/**
 * Fields that are not a one-time code unless the same text also names a code ("the code we sent
 * to your phone", "email verification code"): usernames, email addresses, passwords and phone
 * numbers.
 */
export const WEAK_EXCLUDED_WORDS: readonly string[] = [
  'user', 'login$', 'email', 'e-mail', 'mail$', 'password', 'passwd', 'pwd$', 'phone', 'tel$',
  'telephone', 'mobile', 'msisdn',
  'Benutzer', 'Passwort', 'Kennwort', 'Telefon', 'Handy', 'utilisateur', 'identifiant',
  'courriel', 'mot de passe', 'téléphone', 'portable', 'usuario', 'correo', 'contraseña',
  'teléfono', 'celular', 'móvil', 'utilizador', 'senha', 'telefone', 'utente', 'telefono',
  'cellulare', 'gebruiker', 'wachtwoord', 'telefoon', 'użytkownik', 'hasło',
  'логин', 'почта', 'пароль', 'телефон', '用户', '用戶', '邮箱', '郵箱', '密码', '密碼',
  '电话', '電話', '手机', '手機', 'ユーザー', 'メール', 'パスワード', '携帯',
];

/**
 * `autocomplete` field names (HTML Living Standard §4.10.18.7.1) that name something else. A
 * field that declares one of these is never filled (unless it also says `one-time-code`).
 */
export const EXCLUDED_AUTOCOMPLETE: readonly string[] = [
  'username', 'email', 'current-password', 'new-password', 'tel', 'tel-national',
  'tel-local', 'tel-country-code', 'tel-area-code', 'tel-local-prefix', 'tel-local-suffix',
  'postal-code', 'bday', 'bday-day', 'bday-month', 'bday-year', 'cc-number', 'cc-csc',
  'cc-exp', 'cc-exp-month', 'cc-exp-year', 'cc-name', 'transaction-amount', 'name',
  'given-name', 'family-name', 'street-address', 'address-line1', 'address-line2', 'country',
  'organization',
];
