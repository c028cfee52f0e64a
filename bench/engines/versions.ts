import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const NODE_MODULES = fileURLToPath(new URL('../../node_modules/', import.meta.url));

/**
 * The installed version of a package, read from its package.json (some packages' `exports` maps
 * don't expose `./package.json`, so it is read from disk rather than imported).
 */
export function installedVersion(packageName: string): string {
  try {
    const raw: unknown = JSON.parse(readFileSync(`${NODE_MODULES}${packageName}/package.json`, 'utf8'));
    if (raw && typeof raw === 'object' && 'version' in raw && typeof raw.version === 'string') return raw.version;
  } catch {
    // fall through
  }
  return 'unknown';
}

export function versionLabel(packageName: string): string {
  return `${packageName} ${installedVersion(packageName)}`;
}
