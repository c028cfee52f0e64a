import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../src/updates.js';

describe('reconnection backoff', () => {
  it('doubles its ceiling from the first delay up to the maximum, jittered over the upper half', () => {
    const ceilings = [100, 200, 400, 800, 1000, 1000];
    for (const [attempt, ceiling] of ceilings.entries()) {
      const delays = Array.from({ length: 200 }, () => backoffDelay(attempt, 100, 1000));
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(ceiling / 2);
      expect(Math.max(...delays)).toBeLessThanOrEqual(ceiling);
      // Jittered: pages that lost the server together do not come back in step.
      expect(new Set(delays).size).toBeGreaterThan(10);
    }
  });
});
