import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `../shared` beside the repository: external conformance material, read in place, never copied. */
export const SHARED_DIR = fileURLToPath(new URL('../../../../../shared/', import.meta.url));

export function readSharedJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(SHARED_DIR + relativePath, 'utf8')) as T;
}

/** The JSON files of a shared folder; throws when the folder is missing so a suite can never silently pass empty. */
export function sharedJsonFiles(relativeDir: string): string[] {
  const dir = SHARED_DIR + relativeDir;
  if (!existsSync(dir))
    throw new Error(`conformance material not found at ${dir}: clone ../shared beside the repository`);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => `${relativeDir}/${name}`);
}
