import type { ImportFileOutcome, ImportInput } from '@/lib/import/import-types';
// Vite bundles the worker into its own file (see decode-image-files.ts for why `?worker`).
import ImportWorker from '@/workers/import-file.worker.ts?worker';

export interface ImportJob {
  /** The outcome, or null when the job was cancelled. */
  readonly done: Promise<ImportFileOutcome | null>;
  /** Stops the work at once (the worker is terminated, key derivation included). */
  cancel(): void;
}

/** Reads a file (and derives its key, when a password is given) in a worker of its own. */
export function importInWorker(input: ImportInput, password?: string): ImportJob {
  const worker = new ImportWorker();
  let settle: (outcome: ImportFileOutcome | null) => void = () => {};
  const done = new Promise<ImportFileOutcome | null>((resolve) => (settle = resolve));
  const finish = (outcome: ImportFileOutcome | null) => {
    worker.terminate();
    settle(outcome);
  };
  worker.onmessage = (e: MessageEvent<ImportFileOutcome>) => finish(e.data);
  worker.onerror = () => finish({ ok: false, problem: { code: 'err_import_failed', params: ['?'] } });
  worker.postMessage(password === undefined ? { input } : { input, password });
  return { done, cancel: () => finish(null) };
}
