/**
 * Browser SDK size: what `@vexil/web` adds to a page, bundled and minified by esbuild (ESM,
 * ES2020, tree-shaken from the package's entry) and compressed with gzip (level 9) and brotli, next
 * to the peers' browser SDKs that are installed in node_modules, measured the same way in the same run.
 *
 *   npm run bench -- --suite web
 *
 * Markdown report on stdout. Exits non-zero when @vexil/web's entry is over its budget (8 KB
 * minified and gzipped, issue 13) or a bundle cannot be built: sizes are deterministic, not timings.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUDGET_GZIP_BYTES = 8 * 1024;

interface Subject {
  name: string;
  /** What a page imports: the module is bundled as a page that re-exports it. */
  contents: string;
  /** Packages that must be installed for the subject to be measured (peers are optional). */
  needs: string[];
  budget?: number;
}

const SUBJECTS: Subject[] = [
  {
    name: '@vexil/web (createClient)',
    contents: `export { createClient } from './packages/sdk-web/src/index.ts';`,
    needs: [],
    budget: BUDGET_GZIP_BYTES,
  },
  {
    name: '@vexil/web/openfeature + @openfeature/web-sdk',
    contents: `export { VexilWebProvider } from './packages/sdk-web/src/openfeature.ts';
export { OpenFeature } from '@openfeature/web-sdk';`,
    needs: ['@openfeature/web-sdk'],
  },
  {
    name: '@openfeature/ofrep-web-provider + @openfeature/web-sdk (stock OFREP)',
    contents: `export { OFREPWebProvider } from '@openfeature/ofrep-web-provider';
export { OpenFeature } from '@openfeature/web-sdk';`,
    needs: ['@openfeature/ofrep-web-provider', '@openfeature/web-sdk'],
  },
  {
    name: '@growthbook/growthbook (GrowthBook)',
    contents: `export { GrowthBook } from '@growthbook/growthbook';`,
    needs: ['@growthbook/growthbook'],
  },
];

interface Measured {
  name: string;
  min: number;
  gzip: number;
  brotli: number;
  budget?: number;
}

async function measure(subject: Subject): Promise<Measured> {
  const result = await build({
    stdin: { contents: subject.contents, resolveDir: ROOT, loader: 'ts', sourcefile: 'page.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const code = Buffer.from(result.outputFiles[0]?.contents ?? new Uint8Array());
  return {
    name: subject.name,
    min: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length,
    ...(subject.budget === undefined ? {} : { budget: subject.budget }),
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<number> {
  const rows: Measured[] = [];
  const skipped: string[] = [];
  for (const subject of SUBJECTS) {
    const missing = subject.needs.filter((name) => !existsSync(`${ROOT}node_modules/${name}/package.json`));
    if (missing.length > 0) {
      skipped.push(`${subject.name} (not installed: ${missing.join(', ')})`);
      continue;
    }
    process.stderr.write(`bundling ${subject.name}\n`);
    rows.push(await measure(subject));
  }
  console.log('## Browser SDK size (esbuild --bundle --minify, ESM, ES2020; gzip -9, brotli 11)');
  console.log('');
  console.log('| Bundle | Minified | gzip | brotli | Budget (gzip) |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const row of rows) {
    const budget = row.budget === undefined ? '' : `${kb(row.budget)}: ${row.gzip <= row.budget ? 'within' : 'OVER'}`;
    console.log(`| ${row.name} | ${kb(row.min)} | ${kb(row.gzip)} | ${kb(row.brotli)} | ${budget} |`);
  }
  if (skipped.length > 0) console.log(`\nNot measured: ${skipped.join('; ')}.`);
  return rows.some((row) => row.budget !== undefined && row.gzip > row.budget) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
