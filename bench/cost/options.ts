/** The cost suite's options (shared with bench/all.ts, which hands them over). */
export const COST_OPTIONS = {
  quick: { type: 'boolean' },
  database: { type: 'string' },
} as const;

export const COST_USAGE =
  'cost suite: [--quick] (each case once or twice; exits 1 on a gross breach) [--database sqlite,postgres] (default: both, PostgreSQL when reachable)';
