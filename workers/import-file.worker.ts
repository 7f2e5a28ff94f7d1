/**
 * A Web Worker (started by components/import-export/import-in-worker.ts, one per file read) that reads an
 * import with `importFile`, password stretching included, off the options page's thread: the page
 * stays responsive, and Cancel ends the work at once by terminating the worker. Receives
 * `{ input, password? }`, answers with the `ImportFileOutcome` (which may hold secrets: it goes only
 * back to the page that started the worker, one of ours).
 */
import { importFile } from '../lib/import/import-file';
import type { ImportInput } from '../lib/import/import-types';

interface Job {
  readonly input: ImportInput;
  readonly password?: string;
}

const scope = self as unknown as { onmessage: ((e: MessageEvent<Job>) => void) | null; postMessage(message: unknown): void };

// importFile never rejects: every failure is an outcome.
scope.onmessage = (e) => {
  void importFile(e.data.input, e.data.password).then((outcome) => scope.postMessage(outcome));
};
