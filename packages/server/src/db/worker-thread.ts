import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread running `module` (a path beside `from`, without its extension: the built `.js`, or
 * the `.ts` source when the server runs from source, as its tests do, through tsx).
 */
export function startWorker(from: string, module: string, workerData: unknown): Worker {
  const entry = new URL(`${module}${extname(fileURLToPath(from))}`, from);
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  return new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`,
    { eval: true, workerData },
  );
}
