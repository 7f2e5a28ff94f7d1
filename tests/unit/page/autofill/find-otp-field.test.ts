import { describe, expect, it } from 'vitest';
import { findOtpField, type OtpTarget } from '../../../../page/autofill/find-otp-field';
import { inputs, loadPage, page, pageNames } from './page';

/** The found inputs, in order (one for a single field). */
const found = (t: OtpTarget | null): HTMLInputElement[] => (t ? (t.kind === 'single' ? [t.input] : t.inputs) : []);

describe('fixture pages: each finds exactly the inputs marked data-expect', () => {
  it('reads every page of the folder (35 when this was written)', () => expect(pageNames().length).toBeGreaterThanOrEqual(35));
  for (const name of pageNames()) {
    it(name, () => {
      const doc = loadPage(name);
      const expected = inputs(doc, 'input[data-expect]');
      const target = findOtpField(doc, { focused: null });
      expect(found(target)).toEqual(expected);
      if (expected.length > 1) expect(target?.kind).toBe('split');
      if (expected.length === 1) expect(target?.kind).toBe('single');
    });
  }

  it('covers every required language', () => {
    const langs = pageNames()
      .filter((n) => n.startsWith('lang-'))
      .map((n) => n.slice(5, 7));
    for (const l of ['de', 'fr', 'es', 'pt', 'it', 'nl', 'pl', 'ru', 'zh', 'ja']) expect(langs).toContain(l);
  });
});

describe('heuristic order', () => {
  it('prefers autocomplete=one-time-code over a field named otp earlier on the page', () => {
    const doc = page('<input name="otp"><input name="x" autocomplete="one-time-code">');
    expect(findOtpField(doc)).toEqual({ kind: 'single', input: inputs(doc)[1] });
  });

  it('takes the focused input next, even without any hint', () => {
    const doc = page('<input name="otp"><input name="plain">');
    const [, plain] = inputs(doc);
    expect(findOtpField(doc, { focused: plain })).toEqual({ kind: 'single', input: plain });
  });

  it('skips a focused input that is excluded (phone) and falls through to words', () => {
    const doc = page('<input name="phone" type="tel"><input name="otp">');
    const [phone, otp] = inputs(doc);
    expect(findOtpField(doc, { focused: phone })).toEqual({ kind: 'single', input: otp });
  });

  it('skips a focused input with no room for a code (maxlength 2)', () => {
    const doc = page('<input name="a" maxlength="2"><input name="otp">');
    const [a, otp] = inputs(doc);
    expect(findOtpField(doc, { focused: a })).toEqual({ kind: 'single', input: otp });
  });

  it('expands a focused split box to its whole run', () => {
    const doc = page(`<div>${'<input maxlength="1">'.repeat(6)}</div>`);
    const boxes = inputs(doc);
    expect(findOtpField(doc, { focused: boxes[2] })).toEqual({ kind: 'split', inputs: boxes });
  });

  it('finds the focused element through document.activeElement when not told', () => {
    const doc = page('<input name="otp"><input name="plain">');
    const [, plain] = inputs(doc);
    Object.defineProperty(doc, 'activeElement', { value: plain });
    expect(findOtpField(doc)).toEqual({ kind: 'single', input: plain });
  });

  it('prefers words over split boxes, and split boxes over bare numeric fields', () => {
    const boxes = '<div>' + '<input maxlength="1">'.repeat(6) + '</div>';
    const numeric = '<input inputmode="numeric" maxlength="6" name="n">';
    let doc = page(boxes + '<input name="two_factor_code">');
    expect(findOtpField(doc)).toEqual({ kind: 'single', input: inputs(doc)[6] });
    doc = page(numeric + boxes);
    expect(findOtpField(doc)?.kind).toBe('split');
  });

  it('returns null on a page with no candidate', () => {
    expect(findOtpField(page('<input name="q" type="search"><textarea></textarea>'))).toBeNull();
  });
});

describe('where the words may be', () => {
  const cases: [string, string][] = [
    ['id', '<input id="otp-input">'],
    ['name', '<input name="totpCode">'],
    ['placeholder', '<input placeholder="6-digit verification code">'],
    ['aria-label', '<input aria-label="Security code">'],
    ['label for=', '<label for="x">Authenticator app code</label><input id="x">'],
    ['wrapping label', '<label>Two-factor authentication <input></label>'],
    ['aria-labelledby', '<p id="h1">Enter your</p><p id="h2">one-time code</p><input aria-labelledby="h1 h2">'],
    ['data-testid', '<input data-testid="mfa-input">'],
    ['data-test', '<input data-test="2fa-code">'],
    ['data-qa', '<input data-qa="auth-code-field">'],
    ['data-cy', '<input data-cy="OTPField">'],
  ];
  for (const [where, html] of cases) {
    it(`finds a field named in its ${where}`, () => {
      const doc = page(`<input name="first"> ${html} <input name="last">`);
      expect(findOtpField(doc)).toEqual({ kind: 'single', input: inputs(doc)[1] });
    });
  }

  it('does not take a label meant for another input', () => {
    const doc = page('<label for="other">Verification code</label><input id="mine"><input id="other">');
    expect(findOtpField(doc)).toEqual({ kind: 'single', input: inputs(doc)[1] });
  });
});

describe('exclusions (near-misses with numeric attributes that would otherwise match)', () => {
  const numeric = 'inputmode="numeric" maxlength="6"';
  const cases: [string, string][] = [
    ['username', `<input name="username" ${numeric}>`],
    ['email type', `<input type="email" name="otp">`],
    ['email words', `<input name="email" ${numeric}>`],
    ['password type', `<input type="password" name="otp" ${numeric}>`],
    ['password autocomplete', `<input autocomplete="current-password" ${numeric}>`],
    ['phone words', `<input name="phoneNumber" ${numeric}>`],
    ['tel autocomplete', `<input autocomplete="tel-national" ${numeric}>`],
    ['postal code', `<input name="postal_code" ${numeric}>`],
    ['zip', `<input placeholder="ZIP" ${numeric}>`],
    ['coupon', `<input name="coupon_code" ${numeric}>`],
    ['promo', `<input data-testid="promo-code" ${numeric}>`],
    ['voucher', `<input aria-label="Voucher code" ${numeric}>`],
    ['gift card', `<input name="giftcard" ${numeric}>`],
    ['card number', `<input autocomplete="cc-number" ${numeric}>`],
    ['cc- name', `<input name="cc-csc" ${numeric}>`],
    ['cvc', `<input name="cvc" ${numeric}>`],
    ['search type', `<input type="search" name="otp">`],
    ['search words', `<input name="search" ${numeric}>`],
    ['backup code', `<input name="backup_code" ${numeric}>`],
    ['recovery code with an OTP word', `<input aria-label="Recovery code for two-factor authentication" ${numeric}>`],
    ['recovery code declaring one-time-code', `<input name="recovery_code" autocomplete="one-time-code">`],
    ['PIN', `<input name="pin" ${numeric}>`],
    ['CAPTCHA', `<input name="captcha" ${numeric}>`],
    ['date of birth', `<input name="birthdate" ${numeric}>`],
  ];
  for (const [what, html] of cases) {
    it(`never picks a ${what} field`, () => expect(findOtpField(page(html))).toBeNull());
  }

  it('still finds the code field beside each of those', () => {
    for (const [, html] of cases) {
      const doc = page(`${html}<input name="otp">`);
      expect(findOtpField(doc)).toEqual({ kind: 'single', input: inputs(doc).at(-1) });
    }
  });

  it('does not let a phone or email word exclude a field that also names the code', () => {
    for (const label of ['Email verification code', 'Code sent to your phone', 'SMS code to your mobile']) {
      const doc = page(`<label>${label}<input ${numeric}></label>`);
      expect(findOtpField(doc)).not.toBeNull();
    }
  });
});

describe('split boxes', () => {
  const run = (n: number, attrs = 'maxlength="1"') => `<div class="boxes">${`<input ${attrs}>`.repeat(n)}</div>`;

  for (const n of [4, 5, 6, 7, 8]) {
    it(`takes a run of ${n}`, () => {
      const doc = page(run(n));
      expect(findOtpField(doc)).toEqual({ kind: 'split', inputs: inputs(doc) });
    });
  }
  for (const n of [2, 3, 9, 10]) {
    it(`rejects a run of ${n}`, () => expect(findOtpField(page(run(n)))).toBeNull());
  }

  it('rejects a date of birth typed into 2-2-4 boxes', () => {
    const doc = page('<div><input maxlength="2"><input maxlength="2"><input maxlength="4"></div>');
    expect(findOtpField(doc)).toBeNull();
  });

  it('rejects a date of birth typed into 8 one-digit boxes that say so', () => {
    const boxes = ['D', 'D', 'M', 'M', 'Y', 'Y', 'Y', 'Y'].map((c) => `<input maxlength="1" placeholder="${c}${c}">`);
    expect(findOtpField(page(`<div>${boxes.join('')}</div>`))).toBeNull();
  });

  it('a run is broken by another input between the boxes', () => {
    const doc = page(
      `<div><input maxlength="1"><input maxlength="1"><input maxlength="1"><input name="x"><input maxlength="1"><input maxlength="1"><input maxlength="1"></div>`,
    );
    expect(findOtpField(doc)).toBeNull();
  });

  it('skips hidden boxes when counting (a hidden 7th box does not break a run of 6)', () => {
    const doc = page(`<div>${'<input maxlength="1">'.repeat(6)}<input maxlength="1" hidden></div>`);
    expect(found(findOtpField(doc))).toHaveLength(6);
  });

  it('picks the run over an unrelated text field', () => {
    const doc = page(`<input name="name">${run(6)}`);
    expect(found(findOtpField(doc))).toEqual(inputs(doc).slice(1));
  });

  describe('widgets that leave maxlength off: alike boxes side by side', () => {
    const boxes = (n: number, box: (i: number) => string) => Array.from({ length: n }, (_, i) => box(i)).join('');
    it.each([
      [
        'numbered names and a digits cue (Logto)',
        boxes(6, (i) => `<input name="totpCode_${i}" type="number" inputmode="numeric" pattern="[0-9]*" autocomplete="off">`),
      ],
      [
        'one wrapper each, one-time-code on every box (react18-input-otp, Authelia)',
        boxes(
          8,
          (i) => `<div style="display:flex"><input aria-label="Digit ${i + 1}" autocomplete="one-time-code" type="tel" class="d"></div>`,
        ),
      ],
      ['a decimal input mode (react-digit-input)', boxes(6, (i) => `<input class="h-14 w-14" name="code${i + 1}" inputmode="decimal">`)],
    ])('%s', (_name, html) => {
      const doc = page(`<form><input name="user" type="hidden"><div class="passcode">${html}</div><button>Continue</button></form>`);
      expect(findOtpField(doc, { focused: null })).toEqual({ kind: 'split', inputs: inputs(doc).slice(1) });
    });

    it.each([
      [
        'quantities in a cart, words between the rows',
        `<table>${boxes(5, (i) => `<tr><td>Item ${i}</td><td><input type="number" name="cart[${i}][qty]" inputmode="numeric" value="1"></td></tr>`)}</table>`,
      ],
      ['an address in four lines (nothing says digits)', boxes(4, (i) => `<input name="line${i + 1}">`)],
      ['a card number in four groups of four', `<div>${boxes(4, (i) => `<input name="n${i}" inputmode="numeric" maxlength="4">`)}</div>`],
      [
        'boxes that are not alike',
        `<div><input name="a" inputmode="numeric"><input name="b" type="number"><input name="c" inputmode="numeric"><input name="d" type="number"></div>`,
      ],
      ['three alike boxes', `<div>${boxes(3, (i) => `<input name="pin${i}" inputmode="numeric">`)}</div>`],
      ['nine alike boxes', `<div>${boxes(9, (i) => `<input name="d${i}" inputmode="numeric">`)}</div>`],
    ])('not %s', (_name, html) => {
      expect(findOtpField(page(html), { focused: null })).toBeNull();
    });
  });
});

describe('shadow roots and frames', () => {
  it('finds an input inside an open shadow root', () => {
    const doc = page('<input name="first"><otp-widget></otp-widget>');
    const host = doc.querySelector('otp-widget')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<label for="c">Verification code</label><input id="c">';
    expect(findOtpField(doc)).toEqual({ kind: 'single', input: shadow.querySelector('input') });
  });

  it('finds split boxes inside a shadow root, and nested shadow roots', () => {
    const doc = page('<outer-el></outer-el>');
    const outer = doc.querySelector('outer-el')!.attachShadow({ mode: 'open' });
    outer.innerHTML = '<inner-el></inner-el>';
    const inner = outer.querySelector('inner-el')!.attachShadow({ mode: 'open' });
    inner.innerHTML = `<div>${'<input maxlength="1">'.repeat(6)}</div>`;
    expect(findOtpField(doc)).toEqual({ kind: 'split', inputs: inputs(inner) });
  });

  it('follows the focus into a shadow root', () => {
    const doc = page('<input name="otp"><x-el></x-el>');
    const host = doc.querySelector('x-el')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<input name="plain">';
    const plain = shadow.querySelector('input')!;
    Object.defineProperty(doc, 'activeElement', { value: host });
    Object.defineProperty(shadow, 'activeElement', { value: plain });
    expect(findOtpField(doc)).toEqual({ kind: 'single', input: plain });
  });

  it('finds an input inside a same-origin iframe', () => {
    const doc = page('<iframe src="/2fa"></iframe>');
    const inner = page('<input autocomplete="one-time-code">');
    Object.defineProperty(doc.querySelector('iframe')!, 'contentDocument', { get: () => inner });
    expect(findOtpField(doc)).toEqual({ kind: 'single', input: inputs(inner)[0] });
  });

  it('skips a cross-origin iframe (contentDocument throws or is null) without failing', () => {
    const doc = page('<iframe id="a"></iframe><iframe id="b"></iframe><input name="otp">');
    Object.defineProperty(doc.getElementById('a')!, 'contentDocument', {
      get: () => {
        throw new Error('SecurityError: Blocked a frame with origin');
      },
    });
    Object.defineProperty(doc.getElementById('b')!, 'contentDocument', { get: () => null });
    expect(findOtpField(doc)).toEqual({ kind: 'single', input: inputs(doc)[0] });
  });
});

describe('visibility in a browser-like document', () => {
  it('uses getComputedStyle when the window has it', () => {
    const doc = page('<input name="otp" class="gone"><input name="otp2">');
    const view = doc.defaultView as unknown as Record<string, unknown>;
    view.getComputedStyle = (el: Element) => ({ display: el.classList.contains('gone') ? 'none' : 'inline', visibility: 'visible' });
    try {
      expect(findOtpField(doc)).toEqual({ kind: 'single', input: inputs(doc)[1] });
    } finally {
      delete view.getComputedStyle;
    }
  });

  it('uses checkVisibility when elements have it', () => {
    const doc = page('<input name="otp"><input name="otp2">');
    const [a, b] = inputs(doc);
    Object.assign(a!, { checkVisibility: () => false });
    Object.assign(b!, { checkVisibility: () => true });
    expect(findOtpField(doc)).toEqual({ kind: 'single', input: b });
  });
});

describe('issue 15: fields named only by their surroundings', () => {
  it('reads aria-describedby', () => {
    const doc = page('<input name="q"><p id="h">Enter the code from your authenticator app</p><input name="k" aria-describedby="h">');
    expect(findOtpField(doc)).toEqual({ kind: 'single', input: inputs(doc)[1] });
  });

  it('takes a lone numeric box described only as "Enter 6 numbers"', () => {
    const doc = page('<input name="search_q" type="search"><input aria-label="Enter 6 numbers" inputmode="numeric">');
    expect(findOtpField(doc)).toEqual({ kind: 'single', input: inputs(doc)[1] });
  });

  it('takes a one-time-code widget known only by its data-* attribute', () => {
    const doc = page('<input name="name"><input data-input-otp="true" name="x">');
    expect(findOtpField(doc)).toEqual({ kind: 'single', input: inputs(doc)[1] });
  });

  it('reads the heading or paragraph before a generically named field, in other languages too', () => {
    for (const text of [
      'Run Google Authenticator and enter the verification code below',
      'Authentification à deux facteurs',
      '2 段階認証コードを入力してください',
      'Введите код двухэтапной аутентификации',
    ]) {
      const doc = page(`<h2>${text}</h2><form><input name="key" autocomplete="off"><button>OK</button></form>`);
      expect(findOtpField(doc), text).toEqual({ kind: 'single', input: inputs(doc)[0] });
    }
  });

  it('a context about backup codes, coupons or cards excludes a generic field, even when the page title says two-factor', () => {
    for (const text of [
      'Enter one of your backup codes.',
      'Saisissez l’un de vos codes de sauvegarde.',
      'Have a coupon code?',
      'Card details',
    ]) {
      const doc = page(
        `<html><head><title>Two-factor authentication</title></head><body><p>${text}</p><form><input name="code" inputmode="numeric" maxlength="6"></form></body></html>`,
      );
      expect(findOtpField(doc, { explicit: true }), text).toBeNull();
    }
  });

  it('a field that also asks for a recovery code in the same sentence is still the code field', () => {
    const doc = page(
      '<p>Enter the code from the two-factor app on your mobile device. If you\'ve lost your device, you may enter one of your recovery codes.</p><form><input name="token"></form>',
    );
    expect(findOtpField(doc)).toEqual({ kind: 'single', input: inputs(doc)[0] });
  });

  it('context alone does not pick one of several plain fields (a sign-up form under a two-factor heading)', () => {
    const doc = page('<h1>Set up two-factor authentication</h1><form><input name="full_name"><input name="company"></form>');
    expect(findOtpField(doc, { explicit: true })).toBeNull();
  });

  it('hidden paragraphs say nothing', () => {
    const doc = page('<p style="display: none">Enter your verification code</p><form><input name="key"></form>');
    expect(findOtpField(doc)).toBeNull();
  });
});

describe('issue 15: explicit fill of the single usable field', () => {
  const lone = '<form><input name="key" placeholder="Enter code" autocomplete="off"><button>Verify</button></form>';

  it('fills the only text box when the user asked, not on a passive probe', () => {
    const doc = page(lone);
    expect(findOtpField(doc, { explicit: true })).toEqual({ kind: 'single', input: inputs(doc)[0] });
    expect(findOtpField(doc)).toBeNull();
  });

  it('not when another field competes, or its form holds an excluded field', () => {
    expect(findOtpField(page(`${lone}<input name="other">`), { explicit: true })).toBeNull();
    expect(
      findOtpField(page('<form><input name="login_name"><input name="key"><input type="password" name="p"></form>'), { explicit: true }),
    ).toBeNull();
  });

  it('never the lone excluded field (search, coupon, phone)', () => {
    for (const html of ['<input name="q" id="searchbar">', '<input name="coupon_code">', '<input type="tel" name="phone">']) {
      expect(findOtpField(page(html), { explicit: true }), html).toBeNull();
    }
  });
});
