import { prefetchState } from './initial-state';

// Imported first by the popup's entry, so the request to the background leaves before the rest
// of the UI's modules are evaluated.
prefetchState();
