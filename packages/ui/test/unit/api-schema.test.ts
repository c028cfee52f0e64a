import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_SCHEMA_FILE, renderApiSchema } from '../../scripts/api-schema.js';

describe('the console’s API types', () => {
  it('match the server’s OpenAPI document (run `npm run generate -w @vexil/ui` when this fails)', async () => {
    const committed = readFileSync(API_SCHEMA_FILE, 'utf8');
    const current = await renderApiSchema();
    // A plain equality: a diff of a 7,000-line file would drown the one line that says what to do.
    expect(committed === current, 'src/api/schema.d.ts is stale: run `npm run generate -w @vexil/ui`').toBe(true);
  });
});
