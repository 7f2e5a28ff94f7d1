/**
 * The real-world page corpus of issue 15 (tests/fixtures/otp-pages/): loading the pages as a
 * browser would have them (declarative shadow roots attached, same-origin frames wired) and
 * scoring a field finder against expected.json. Used by the unit test and by
 * `npm run score:autofill` (scripts/score-autofill.mjs).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import type { OtpTarget } from '../../../../page/autofill/find-otp-field';

export const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/otp-pages');

export interface PageMeta {
  readonly lang: string;
  /** `single`, `split`, `frame`, `shadow`, or `must-not: <what>`. */
  readonly kind: string;
  /** Selector of the expected field (split boxes: all of them, in order); null: nothing may be filled. */
  readonly expect: string | null;
  /** Only an explicit fill must find it; a passive probe may answer "no field". */
  readonly explicitOnly?: boolean;
}

export type Mode = 'passive' | 'explicit';
export const MODES: readonly Mode[] = ['passive', 'explicit'];

export function corpusPages(): [string, PageMeta][] {
  const raw = JSON.parse(readFileSync(path.join(CORPUS, 'expected.json'), 'utf8')) as Record<string, PageMeta | string>;
  return Object.entries(raw)
    .filter((e): e is [string, PageMeta] => !e[0].startsWith('$'))
    .sort(([a], [b]) => a.localeCompare(b));
}

/** Parses `file` (relative to the corpus) into a document the way a browser would present it. */
function loadCorpusPage(file: string): Document {
  const full = path.join(CORPUS, file);
  const { document } = parseHTML(readFileSync(full, 'utf8'));
  const doc = document;
  attachDeclarativeShadowRoots(doc);
  for (const frame of Array.from(doc.querySelectorAll('iframe[src], frame[src]'))) {
    const src = frame.getAttribute('src') ?? '';
    const local = path.join(path.dirname(full), src);
    // Same-origin frames saved beside the page are loaded; anything else stays cross-origin (null).
    const inner = !/^[a-z]+:/i.test(src) && existsSync(local) ? loadCorpusPage(path.relative(CORPUS, local)) : null;
    Object.defineProperty(frame, 'contentDocument', { get: () => inner });
  }
  return doc;
}

/** `<template shadowrootmode="open">` becomes the parent's open shadow root (as the HTML parser does). */
function attachDeclarativeShadowRoots(root: Document | ShadowRoot): void {
  for (const template of Array.from(root.querySelectorAll('template[shadowrootmode]'))) {
    const host = template.parentElement;
    if (!host || host.shadowRoot) continue;
    const html = template.innerHTML;
    template.remove();
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = html;
    attachDeclarativeShadowRoots(shadow);
  }
}

/** Every element matching `selector` in the page, its open shadow roots and its same-origin frames. */
function deepQueryAll(root: Document | ShadowRoot, selector: string): Element[] {
  const found: Element[] = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (el.matches(selector)) found.push(el);
    if (el.shadowRoot) found.push(...deepQueryAll(el.shadowRoot, selector));
    const tag = el.tagName.toUpperCase();
    if (tag === 'IFRAME' || tag === 'FRAME') {
      const inner = (el as HTMLIFrameElement).contentDocument;
      if (inner) found.push(...deepQueryAll(inner, selector));
    }
  }
  return found;
}

type Outcome = 'found' | 'wrong' | 'missed' | 'false-fill' | 'kept-empty' | 'not-asked';

export interface PageScore {
  readonly file: string;
  readonly meta: PageMeta;
  readonly mode: Mode;
  readonly outcome: Outcome;
  /** What the finder returned, for the report. */
  readonly got: string;
}

export type Finder = (doc: Document, mode: Mode) => OtpTarget | null;

const describeTarget = (t: OtpTarget | null): string => {
  if (!t) return 'no field';
  const one = (i: HTMLInputElement) => `input${i.id ? `#${i.id}` : ''}${i.getAttribute('name') ? `[name=${i.getAttribute('name')}]` : ''}`;
  return t.kind === 'single' ? one(t.input) : `${t.inputs.length} boxes from ${one(t.inputs[0]!)}`;
};

/** Scores one page in one mode. */
export function scorePage(file: string, meta: PageMeta, mode: Mode, find: Finder): PageScore {
  const doc = loadCorpusPage(file);
  const target = find(doc, mode);
  const got = describeTarget(target);
  const found = target ? (target.kind === 'single' ? [target.input] : target.inputs) : [];
  let outcome: Outcome;
  if (meta.expect === null) {
    outcome = target ? 'false-fill' : 'kept-empty';
  } else {
    const expected = deepQueryAll(doc, meta.expect);
    if (expected.length === 0) throw new Error(`${file}: expected selector ${meta.expect} matches nothing`);
    const same = found.length === expected.length && found.every((el, i) => el === expected[i]);
    if (same) outcome = 'found';
    else if (!target) outcome = mode === 'passive' && meta.explicitOnly ? 'not-asked' : 'missed';
    else outcome = 'wrong';
  }
  return { file, meta, mode, outcome, got };
}

/** @public Also loaded by scripts/score-autofill.mjs (through Vite, which knip cannot follow). */
export function scoreCorpus(find: Finder): PageScore[] {
  return corpusPages().flatMap(([file, meta]) => MODES.map((mode) => scorePage(file, meta, mode, find)));
}

/**
 * A score passes when the right field was found, or nothing was filled where nothing may be.
 * @public Also loaded by scripts/score-autofill.mjs.
 */
export const passes = (s: PageScore): boolean => s.outcome === 'found' || s.outcome === 'kept-empty' || s.outcome === 'not-asked';
