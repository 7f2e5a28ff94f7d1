import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared fixtures folder (`../shared/fixtures` from the project root), read in place. */
export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures');
