/** Untrusted text quoted in a message, cut to `max` characters so a pasted blob stays readable. */
export function quoteInput(text: string, max = 24): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}
