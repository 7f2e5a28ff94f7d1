/**
 * Splits a code into groups that are easy to read aloud and type: `123 456`, `1234 567`,
 * `1234 5678`. Steam's 5 letters stay whole.
 */
export function groupCode(code: string): string {
  if (!/^\d{6,8}$/.test(code)) return code;
  const head = code.length === 6 ? 3 : 4;
  return `${code.slice(0, head)} ${code.slice(head)}`;
}
