import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { API_SCHEMA_FILE, renderApiSchema } from './api-schema.js';

// `npm run generate -w @vexil/ui`: rewrites src/api/schema.d.ts from the server's route schemas.
writeFileSync(API_SCHEMA_FILE, await renderApiSchema());
process.stdout.write(`wrote ${fileURLToPath(API_SCHEMA_FILE)}\n`);
