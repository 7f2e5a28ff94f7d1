/** Set on the popup's element while it shows a saved screen (paint-saved-screen.ts), until the popup's code takes it over. */
export const SAVED_SCREEN_ATTRIBUTE = 'data-saved-screen';

/**
 * What the user typed into field `id` of a saved screen (paint-saved-screen.ts) before the popup's
 * code took that screen over: the field's component starts with it, so not a key press is lost
 * (Preact keeps the element, and would otherwise set its value to the component's empty one).
 * '' for a field that was not on a saved screen.
 */
export function typedBeforeStart(id: string): string {
  const field = document.getElementById(id);
  return field instanceof HTMLInputElement && field.closest(`[${SAVED_SCREEN_ATTRIBUTE}]`) ? field.value : '';
}
