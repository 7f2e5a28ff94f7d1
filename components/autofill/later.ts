/**
 * The popup's autofill parts that are never in its first paint, in one chunk loaded on first use
 * (and when the page is idle): "For this site", the fill and pick flows, the question before a
 * fill, and "Click the field".
 */
export { SiteAccounts } from './SiteAccounts';
export { runFill, runPick } from './fill-actions';
export { FillPromptView } from './FillPromptView';
export { PickOfferView } from './PickOfferView';
