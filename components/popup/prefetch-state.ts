import { readStores } from './read-stores';

// Imported first by the popup's entry, so the stores are read while the rest of the UI's modules
// are evaluated.
void readStores();
