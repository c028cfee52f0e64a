import { expect } from 'vitest';

/** A permitted request succeeds (2xx); a refused one is a 403 `forbidden` problem. */
export function expectPermitted(response: { status: number; body: any }, allowed: boolean): void {
  const shown = JSON.stringify(response.body);
  if (allowed) {
    expect(response.status, shown).toBeGreaterThanOrEqual(200);
    expect(response.status, shown).toBeLessThan(300);
  } else {
    expect(response.status, shown).toBe(403);
    expect(response.body.type).toBe('https://vexil.dev/problems/forbidden');
  }
}
