/** A colour of the component library's palette. */
export type EnvironmentColor = 'red' | 'orange' | 'teal' | 'blue' | 'grape' | 'cyan' | 'lime' | 'pink' | 'violet';

const BY_NAME: [RegExp, EnvironmentColor][] = [
  [/^prod|production|^live$/, 'red'],
  [/^stag|^preprod|^uat$/, 'orange'],
  [/^dev|^local/, 'teal'],
  [/^test|^qa/, 'blue'],
];
const OTHERS: EnvironmentColor[] = ['grape', 'cyan', 'lime', 'pink', 'violet'];

/**
 * An environment's colour, the same wherever it appears: production red (it must stand out), staging
 * orange, development teal, test blue; any other environment a stable colour of its own, from its key.
 */
export function environmentColor(key: string): EnvironmentColor {
  const lower = key.toLowerCase();
  for (const [pattern, color] of BY_NAME) if (pattern.test(lower)) return color;
  let hash = 0;
  for (const char of lower) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return OTHERS[hash % OTHERS.length] as EnvironmentColor;
}

/** Critical environments ask for confirmation before changes; production counts as critical until the server says. */
export function isCritical(environment: { key: string; critical?: boolean }): boolean {
  return environment.critical ?? environment.key === 'production';
}
