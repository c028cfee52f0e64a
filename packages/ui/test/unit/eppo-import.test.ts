import { describe, expect, it } from 'vitest';
import {
  checkDocument,
  formatBytes,
  groupProblems,
  MAX_DOCUMENT_BYTES,
  summaryText,
} from '../../src/imports/import-model';

describe('checking a document before importing it', () => {
  it('reads the flags and Eppo’s environment of a SERVER document', () => {
    const text = JSON.stringify({
      format: 'SERVER',
      environment: { name: 'Staging' },
      flags: { 'kill-switch': {}, banner: {} },
    });
    expect(checkDocument(text)).toEqual({
      ok: true,
      flags: ['kill-switch', 'banner'],
      environment: 'Staging',
      format: 'SERVER',
    });
  });

  it('says why a document cannot be imported: empty, not JSON, not a UFC object, obfuscated', () => {
    expect(checkDocument('  ')).toMatchObject({ ok: false, message: 'Choose a file or paste a document.' });
    expect(checkDocument('{"flags": ')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^This is not JSON: /),
    });
    expect(checkDocument('[1]')).toMatchObject({ ok: false, message: expect.stringMatching(/JSON object/) });
    expect(checkDocument('{"format": "SERVER"}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no "flags"/),
    });
    expect(checkDocument('{"format": "CLIENT", "flags": {}}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/CLIENT format.*SERVER format/),
    });
  });

  it('refuses a document over 10 MiB before reading it', () => {
    expect(checkDocument('{}', MAX_DOCUMENT_BYTES + 1)).toMatchObject({
      ok: false,
      message: 'The document is 10.0 MB; the import takes up to 10 MiB.',
    });
    expect(checkDocument('{"flags": {}}', MAX_DOCUMENT_BYTES)).toMatchObject({ ok: true, flags: [] });
  });
});

describe('the server’s refusals, per flag', () => {
  it('groups the paths under their flag, in order, the document’s own fields apart', () => {
    const errors = [
      { path: 'flags.banner.variations[1].value', message: 'must be a string' },
      { path: 'format', message: 'must be SERVER' },
      { path: 'flags.empty_flag.variations', message: 'must have at least 2 items' },
      { path: 'flags.banner.allocations[0].serve.variation', message: 'unknown variation "x"' },
    ];
    expect(groupProblems(errors)).toEqual([
      {
        flag: 'banner',
        problems: [
          { path: 'variations[1].value', message: 'must be a string' },
          { path: 'allocations[0].serve.variation', message: 'unknown variation "x"' },
        ],
      },
      { flag: undefined, problems: [{ path: 'format', message: 'must be SERVER' }] },
      { flag: 'empty_flag', problems: [{ path: 'variations', message: 'must have at least 2 items' }] },
    ]);
  });

  it('finds flag keys holding dots among the document’s keys, the longest first', () => {
    const errors = [
      { path: 'flags.checkout.v2.variations', message: 'must have at least 2 items' },
      { path: 'flags.checkout', message: 'is wrong' },
    ];
    expect(groupProblems(errors, ['checkout', 'checkout.v2'])).toEqual([
      { flag: 'checkout.v2', problems: [{ path: 'variations', message: 'must have at least 2 items' }] },
      { flag: 'checkout', problems: [{ path: '', message: 'is wrong' }] },
    ]);
    // Without the document's keys, the key runs to the first dot.
    expect(groupProblems(errors.slice(0, 1))[0]?.flag).toBe('checkout');
  });
});

describe('the summary', () => {
  it('counts what the import did', () => {
    expect(summaryText({ created: ['a', 'b'], updated: ['c'], unchanged: [] })).toBe(
      '2 flags created, 1 updated, 0 unchanged.',
    );
    expect(summaryText({ created: ['a'], updated: [], unchanged: [] })).toBe('1 flag created, 0 updated, 0 unchanged.');
    expect(summaryText({ created: [], updated: [], unchanged: [] })).toMatch(/no flags/);
  });

  it('writes sizes in binary units, as the limit', () => {
    expect([900, 2048, 2_400_000].map(formatBytes)).toEqual(['900 bytes', '2.0 KB', '2.3 MB']);
  });
});
