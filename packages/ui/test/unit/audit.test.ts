import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/api/audit';
import {
  apiFilters,
  entrySentence,
  fieldDiffs,
  fieldName,
  filtersFromParams,
  flagChanges,
  paramsWithFilters,
  rangeProblem,
  resourceHref,
  sentenceText,
  valueWords,
} from '../../src/audit/audit-model';

const entry = (fields: Partial<AuditEntry>): AuditEntry => ({
  id: 7,
  createdAt: '2026-11-20T10:00:00.000Z',
  actor: { type: 'member', id: 'm-1', name: 'Ada' },
  action: 'flag.state.updated',
  resource: { type: 'flag', key: 'new-checkout' },
  project: 'default',
  environment: 'production',
  before: null,
  after: null,
  ...fields,
});

describe('the audit log’s filters in the URL', () => {
  it('reads the filters, leaving out empty ones and days that are not dates', () => {
    const params = new URLSearchParams(
      'actor=Ada&action=flag.*&resourceType=&project=default&from=2026-11-20&to=2026-02-30&env=production',
    );
    expect(filtersFromParams(params)).toEqual({
      actor: 'Ada',
      action: 'flag.*',
      project: 'default',
      from: '2026-11-20',
    });
  });

  it('writes the filters, keeping the URL’s other parameters and dropping cleared ones', () => {
    const next = paramsWithFilters(new URLSearchParams('env=production&actor=Bob&resource=x'), {
      actor: 'Ada',
      resource: '',
      to: '2026-11-21',
    });
    expect(next.toString()).toBe('env=production&actor=Ada&to=2026-11-21');
  });

  it('asks the API for whole days: from midnight, to the midnight after the last day', () => {
    expect(apiFilters({ actor: 'Ada', from: '2026-11-20', to: '2026-11-30' })).toEqual({
      actor: 'Ada',
      from: '2026-11-20T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
    });
    expect(apiFilters({})).toEqual({});
  });

  it('refuses a range that ends before it starts', () => {
    expect(rangeProblem({ from: '2026-11-20', to: '2026-11-19' })).toBe('Must not be before the first day');
    expect(rangeProblem({ from: '2026-11-20', to: '2026-11-20' })).toBeUndefined();
  });
});

describe('an audit entry in words', () => {
  it('says what an entry did, naming the resource and where', () => {
    expect(sentenceText(entry({ before: { on: false }, after: { on: true } }))).toBe(
      'Ada changed the targeting of flag new-checkout in production',
    );
    expect(sentenceText(entry({ after: { on: false } }))).toBe('Ada set up flag new-checkout in production');
    expect(
      sentenceText(
        entry({ action: 'sdk-key.rotated', resource: { type: 'sdk-key', key: 'k-1' }, environment: 'staging' }),
      ),
    ).toBe('Ada rotated SDK key k-1 in staging');
    expect(
      sentenceText(
        entry({ action: 'environment.created', resource: { type: 'environment', key: 'qa' }, environment: 'qa' }),
      ),
    ).toBe('Ada created environment qa');
    expect(entrySentence(entry({ action: 'import.eppo', environment: 'production' }))).toEqual({
      verb: 'imported flags from Eppo',
      noun: '',
      where: 'into production',
    });
    expect(
      sentenceText(entry({ action: 'widget.frobbed', resource: { type: 'widget', key: 'w' }, environment: null })),
    ).toBe('Ada widget.frobbed widget w');
  });

  it('links to the page of what changed, when it has one and still exists', () => {
    expect(resourceHref(entry({}))).toBe('/projects/default/flags/new-checkout?env=production');
    expect(resourceHref(entry({ environment: null, action: 'flag.updated' }))).toBe(
      '/projects/default/flags/new-checkout',
    );
    expect(resourceHref(entry({ action: 'flag.deleted', environment: null }))).toBeUndefined();
    expect(resourceHref(entry({ action: 'sdk-key.revoked', resource: { type: 'sdk-key', key: 'k' } }))).toBe(
      '/projects/default/sdk-keys?env=production',
    );
    expect(
      resourceHref(entry({ action: 'api-token.created', resource: { type: 'api-token', key: 't' }, project: null })),
    ).toBeUndefined();
  });

  it('lists the fields that changed, before → after, bookkeeping aside', () => {
    const changes = fieldDiffs({
      before: { name: 'Beta', included: ['ada'], version: 1, rules: [{ id: 'r' }] },
      after: { name: 'Beta testers', included: ['ada', 'grace'], version: 2, rules: [] },
    });
    expect(changes).toEqual([
      { field: 'name', kind: 'changed', before: 'Beta', after: 'Beta testers' },
      { field: 'included › #2', kind: 'added', after: 'grace' },
      { field: 'rules › #1', kind: 'removed', before: '{"id":"r"}' },
    ]);
    expect(fieldDiffs({ before: null, after: { key: 'qa', name: 'QA' } })).toEqual([
      { field: 'key', kind: 'added', after: 'qa' },
      { field: 'name', kind: 'added', after: 'QA' },
    ]);
    expect(fieldDiffs({ before: { key: 'qa' }, after: null })).toEqual([
      { field: 'key', kind: 'removed', before: 'qa' },
    ]);
    expect(fieldName('/a~1b/0')).toBe('a/b › #1');
    expect(valueWords('x'.repeat(500))).toHaveLength(160);
  });

  it('words a flag’s changes as its History tab does', () => {
    const changes = flagChanges(
      entry({
        before: { on: false, offVariation: 'off', fallthrough: { variation: 'on' }, version: 1 },
        after: { on: true, offVariation: 'off', fallthrough: { variation: 'on' }, version: 2 },
      }),
      (key) => (key === 'production' ? 'Production' : key),
    );
    expect(changes?.map((change) => [change.environment, change.label, change.summary])).toEqual([
      ['production', 'Production · on/off', expect.stringMatching(/off.*on/i)],
    ]);
    expect(flagChanges(entry({ after: { on: true } }))).toBeUndefined();
    expect(
      flagChanges(entry({ resource: { type: 'segment', key: 's' }, before: {}, after: { a: 1 } })),
    ).toBeUndefined();
  });
});
