/** The engine suite's command-line options, shared by its runner and by `bench/all.ts`, which forwards them. */
export const ENGINE_OPTIONS = {
  engine: { type: 'string' },
  scenario: { type: 'string' },
  reps: { type: 'string' },
  processes: { type: 'string' },
  population: { type: 'string' },
  'budget-ms': { type: 'string' },
} as const;
