import type { RecoveryCode } from '../otp/account';

/**
 * Apps that have no place for recovery codes (Aegis, most others) get them as a block at the end
 * of the note, readable by a person and read back into a list by Sesame's importers:
 *
 *     <the note>
 *
 *     Recovery codes (as of 2024-05-01):
 *     7F2K-99QA
 *     3MZP-0L1C (used)
 */
const HEADER = /(?:^|\n\n)Recovery codes(?: \(as of \d{4}-\d{2}-\d{2}\))?:\n/g;
const USED = ' (used)';

/** One code as a single line (inner line breaks become spaces). */
const oneLine = (code: string): string => code.replace(/\s+/g, ' ').trim();

/** `note` with the codes appended; `date` is when the "used" marks were true. */
export function appendRecoveryCodes(note: string, codes: readonly RecoveryCode[], date: Date): string {
  const lines = codes.map((c) => oneLine(c.code)).filter(Boolean);
  if (!lines.length) return note;
  const day = Number.isNaN(date.getTime()) ? '' : ` (as of ${date.toISOString().slice(0, 10)})`;
  const block = `Recovery codes${day}:\n${codes
    .filter((c) => oneLine(c.code))
    .map((c) => oneLine(c.code) + (c.used ? USED : ''))
    .join('\n')}`;
  return note ? `${note}\n\n${block}` : block;
}

/**
 * The inverse of `appendRecoveryCodes`: the last recovery-code block of a note, if the note ends
 * with one, split off into a list. A note without such a block is returned unchanged.
 */
export function splitRecoveryCodes(note: string): { note: string; recoveryCodes: RecoveryCode[] } {
  let last: RegExpExecArray | undefined;
  for (const m of note.matchAll(HEADER)) last = m;
  if (!last) return { note, recoveryCodes: [] };
  const lines = note.slice(last.index + last[0].length).split('\n');
  if (!lines.length || lines.some((l) => !l.trim())) return { note, recoveryCodes: [] };
  const recoveryCodes = lines.map((l) => (l.endsWith(USED) ? { code: l.slice(0, -USED.length), used: true } : { code: l, used: false }));
  return { note: note.slice(0, last.index), recoveryCodes };
}
