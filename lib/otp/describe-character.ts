/**
 * A character from untrusted input, made safe to quote in a message: printable characters as
 * themselves, invisible ones (control, format, separators other than the plain space) as `U+XXXX`.
 */
export function describeCharacter(char: string): string {
  const codePoint = char.codePointAt(0) ?? 0;
  if (/^[\p{C}\p{Z}]$/u.test(char) && char !== ' ') {
    return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return char;
}
