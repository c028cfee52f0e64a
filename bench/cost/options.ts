/** The cost suite's options (shared with bench/all.ts, which hands them over). */
export const COST_OPTIONS = {
  quick: { type: 'boolean' },
} as const;

export const COST_USAGE = 'cost suite: [--quick] (each case once instead of 5 times; exits 1 on a case over 250 ms)';
