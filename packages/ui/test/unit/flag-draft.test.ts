import type { Allocation, FlagState } from '@vexil/engine';
import { describe, expect, it } from 'vitest';
import type { FlagVersions, LoadedFlag } from '../../src/api/flag';
import { ApiProblem } from '../../src/api/problem';
import {
  changedEnvironments,
  definitionPatch,
  describeFieldPath,
  rebaseDraft,
  standingErrors,
  valueAt,
} from '../../src/flags/draft/draft-model';
import { type SaveCalls, saveDraft } from '../../src/flags/draft/save';
import type { FlagWithStates } from '../../src/flags/logic/diff';

const allocation = (id: string, fields: Partial<Allocation> = {}): Allocation => ({
  id,
  conditions: [],
  serve: { variation: 'b' },
  ...fields,
});

function flag(
  environments: Record<string, Partial<FlagState>> = {},
  fields: Partial<FlagWithStates> = {},
): FlagWithStates {
  return {
    key: 'checkout',
    name: 'Checkout',
    type: 'string',
    tags: ['web'],
    variations: [
      { key: 'a', value: 'A' },
      { key: 'b', value: 'B' },
      { key: 'c', value: 'C' },
    ],
    temporary: true,
    ...fields,
    environments: {
      development: { on: false, offVariation: 'a', fallthrough: { variation: 'a' }, ...environments.development },
      production: { on: false, offVariation: 'a', fallthrough: { variation: 'a' }, ...environments.production },
    },
  };
}

const withState = (base: FlagWithStates, environment: string, change: Partial<FlagState>): FlagWithStates => ({
  ...base,
  environments: { ...base.environments, [environment]: { ...base.environments[environment], ...change } as FlagState },
});

describe('what a save sends', () => {
  it('patches only the definition fields that changed, and clears a removed description', () => {
    const saved = flag({}, { description: 'Old' });
    expect(definitionPatch(saved, saved)).toBeUndefined();
    const draft = { ...saved, name: 'New checkout', description: undefined, tags: ['web', 'beta'] };
    expect(definitionPatch(saved, draft)).toEqual({ name: 'New checkout', description: '', tags: ['web', 'beta'] });
  });

  it('puts only the environments whose state changed', () => {
    const saved = flag();
    expect(changedEnvironments(saved, withState(saved, 'production', { on: true }))).toEqual(['production']);
    expect(changedEnvironments(saved, saved)).toEqual([]);
  });
});

describe('rebaseDraft: reapplying a draft on someone else’s save', () => {
  it('keeps both sides when they changed different fields', () => {
    const base = flag({ production: { allocations: [allocation('x'), allocation('y')] } });
    const mine = withState(base, 'production', {
      allocations: [allocation('x', { exposure: 30 }), allocation('y')],
    });
    const theirs = withState({ ...base, name: 'Their name' }, 'production', {
      on: true,
      allocations: [allocation('x', { name: 'Beta' }), allocation('y')],
    });
    const { draft, overlaps } = rebaseDraft(base, mine, theirs);
    expect(overlaps).toEqual([]);
    expect(draft.name).toBe('Their name');
    expect(draft.environments.production?.on).toBe(true);
    expect(draft.environments.production?.allocations?.[0]).toEqual(allocation('x', { name: 'Beta', exposure: 30 }));
  });

  it('keeps the draft’s value where both changed the same field, and says so', () => {
    const base = flag();
    const mine = withState(base, 'production', { fallthrough: { variation: 'b' } });
    const theirs = withState(base, 'production', { fallthrough: { variation: 'c' } });
    const { draft, overlaps } = rebaseDraft(base, mine, theirs, (key) => (key === 'production' ? 'Production' : key));
    expect(draft.environments.production?.fallthrough).toEqual({ variation: 'b' });
    expect(overlaps).toEqual(['Production · fallthrough']);
  });

  it('merges individual targets and tags as sets, so two people adding keys both keep theirs', () => {
    const base = flag({ staging: {} }, { tags: ['web'] });
    const mine = withState({ ...base, tags: ['web', 'mine'] }, 'development', {
      targets: [{ variation: 'b', values: ['alice'] }],
    });
    const theirs = withState({ ...base, tags: ['web', 'theirs'] }, 'development', {
      targets: [{ variation: 'b', values: ['bob'] }],
    });
    const { draft, overlaps } = rebaseDraft(base, mine, theirs);
    expect(overlaps).toEqual([]);
    expect(draft.tags).toEqual(['web', 'theirs', 'mine']);
    expect(draft.environments.development?.targets).toEqual([{ variation: 'b', values: ['bob', 'alice'] }]);
  });

  it('keeps the order of whoever reordered, with allocations the other side added in their place', () => {
    const base = flag({ production: { allocations: [allocation('x'), allocation('y')] } });
    const mine = withState(base, 'production', { allocations: [allocation('y'), allocation('x')] });
    const theirs = withState(base, 'production', {
      allocations: [allocation('x'), allocation('new'), allocation('y')],
    });
    const { draft, overlaps } = rebaseDraft(base, mine, theirs);
    expect(overlaps).toEqual([]);
    expect(draft.environments.production?.allocations?.map((item) => item.id)).toEqual(['y', 'x', 'new']);
  });

  it('reports an allocation one side deleted and the other edited', () => {
    const base = flag({ production: { allocations: [allocation('x', { name: 'Beta' })] } });
    const mine = withState(base, 'production', { allocations: [] });
    const theirs = withState(base, 'production', { allocations: [allocation('x', { name: 'Beta', exposure: 5 })] });
    const { draft, overlaps } = rebaseDraft(base, mine, theirs);
    expect(draft.environments.production?.allocations).toEqual([]);
    expect(overlaps).toEqual(['production · allocation “Beta” (deleted in your draft)']);
  });
});

describe('field errors after edits', () => {
  const sent = withState(flag(), 'production', {
    allocations: [
      allocation('x', {
        serve: {
          split: [
            { variation: 'a', weight: 60 },
            { variation: 'b', weight: 30 },
          ],
        },
      }),
    ],
  });
  const error = {
    path: 'environments.production.allocations[0].serve.split',
    message: 'weights must sum to 100, not 90',
  };

  it('reads a value at a field path', () => {
    expect(valueAt(sent, 'environments.production.allocations[0].serve.split[1].weight')).toBe(30);
    expect(valueAt(sent, 'environments.nowhere.on')).toBeUndefined();
  });

  it('keeps an error while its field holds what was sent, and drops it once the field is edited', () => {
    expect(standingErrors([error], sent, sent)).toEqual([error]);
    const fixed = withState(sent, 'production', {
      allocations: [
        allocation('x', {
          serve: {
            split: [
              { variation: 'a', weight: 70 },
              { variation: 'b', weight: 30 },
            ],
          },
        }),
      ],
    });
    expect(standingErrors([error], sent, fixed)).toEqual([]);
  });

  it('names a field path in words', () => {
    const named = withState(sent, 'production', { allocations: [allocation('x', { name: 'Beta' })] });
    expect(describeFieldPath(error.path, named, (key) => (key === 'production' ? 'Production' : undefined))).toBe(
      'Production · allocation “Beta” · serves · split',
    );
    expect(describeFieldPath('variations[1].value', sent)).toBe('variation “b” · value');
  });
});

describe('saveDraft', () => {
  const versions: FlagVersions = { definition: 1, environments: { development: 1, production: 1 } };
  const loaded = (flagValue: FlagWithStates, at: FlagVersions): LoadedFlag => ({
    flag: flagValue,
    versions: at,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  });

  function fakeServer(current: LoadedFlag, refuse?: (environment: string) => ApiProblem | undefined) {
    const log: string[] = [];
    let state = current;
    const calls: SaveCalls = {
      fetchFlag: async () => state,
      patchDefinition: async (patch, version) => {
        const variations = patch.variations ? ` (${patch.variations.map((variation) => variation.key).join(',')})` : '';
        log.push(`PATCH ${Object.keys(patch).join(',')}${variations} If-Match ${version}`);
        if (state.versions.definition !== version) throw new ApiProblem(412, 'Precondition failed', '');
        state = loaded({ ...state.flag, ...patch } as FlagWithStates, {
          ...state.versions,
          definition: state.versions.definition + 1,
        });
        return state;
      },
      putState: async (environment, body, version) => {
        log.push(`PUT ${environment} If-Match ${version}`);
        const problem = refuse?.(environment);
        if (problem) throw problem;
        if (state.versions.environments[environment] !== version) throw new ApiProblem(412, 'Precondition failed', '');
        const next = (state.versions.environments[environment] ?? 0) + 1;
        state = loaded(
          { ...state.flag, environments: { ...state.flag.environments, [environment]: body } },
          { ...state.versions, environments: { ...state.versions.environments, [environment]: next } },
        );
        return next;
      },
    };
    return {
      calls,
      log,
      get state() {
        return state;
      },
    };
  }

  it('sends the definition, then each changed state with its version, and answers what is now saved', async () => {
    const saved = flag();
    const draft = withState({ ...saved, name: 'New' }, 'production', { on: true });
    const server = fakeServer(loaded(saved, versions));
    const outcome = await saveDraft(saved, versions, draft, server.calls);
    expect(server.log).toEqual(['PATCH name If-Match 1', 'PUT production If-Match 1']);
    expect(outcome.kind).toBe('saved');
    expect(outcome.written).toEqual(draft);
    expect(outcome.versions).toEqual({ definition: 2, environments: { development: 1, production: 2 } });
  });

  it('removes a variation only after the states that used it are saved', async () => {
    const saved = withState(flag(), 'production', { fallthrough: { variation: 'c' } });
    const renamed = { ...saved, variations: [...saved.variations.slice(0, 2), { key: 'd', value: 'D' }] };
    const draft = withState(renamed, 'production', { fallthrough: { variation: 'd' } });
    const server = fakeServer(loaded(saved, versions));
    const outcome = await saveDraft(saved, versions, draft, server.calls);
    expect(server.log).toEqual([
      'PATCH variations (a,b,d,c) If-Match 1',
      'PUT production If-Match 1',
      'PATCH variations (a,b,d) If-Match 2',
    ]);
    expect(outcome.kind).toBe('saved');
    expect(outcome.written).toEqual(draft);
    expect(outcome.versions.definition).toBe(3);
  });

  it('writes nothing when someone saved a changed environment since, and hands back their flag', async () => {
    const saved = flag();
    const theirs = withState(saved, 'production', { offVariation: 'c' });
    const server = fakeServer(
      loaded(theirs, { ...versions, environments: { ...versions.environments, production: 2 } }),
    );
    const outcome = await saveDraft(saved, versions, withState(saved, 'production', { on: true }), server.calls);
    expect(server.log).toEqual([]);
    expect(outcome.kind).toBe('conflict');
    expect(outcome.kind === 'conflict' && outcome.current.flag).toEqual(theirs);
  });

  it('turns a definition saved by someone between the check and the PATCH into a conflict, writing nothing', async () => {
    const saved = flag();
    const theirs = { ...saved, description: 'Theirs' };
    const server = fakeServer(loaded(theirs, { ...versions, definition: 2 }));
    // The version check reads the flag before their save lands; the PATCH comes after it.
    const fetchFlag = server.calls.fetchFlag;
    let reads = 0;
    const calls = { ...server.calls, fetchFlag: async () => (reads++ === 0 ? loaded(saved, versions) : fetchFlag()) };
    const draft = withState({ ...saved, name: 'Mine' }, 'production', { on: true });
    const outcome = await saveDraft(saved, versions, draft, calls);
    expect(server.log).toEqual(['PATCH name If-Match 1']);
    expect(outcome.kind).toBe('conflict');
    expect(outcome.kind === 'conflict' && outcome.current.flag).toEqual(theirs);
    expect(outcome.written).toEqual(saved);
  });

  it('roots a refused state’s field errors at the whole flag’s paths and keeps what was written', async () => {
    const saved = flag();
    const draft = withState({ ...saved, name: 'New' }, 'production', { on: true });
    const refusal = new ApiProblem(400, 'Validation failed', undefined, [
      { path: 'allocations[0].serve.split', message: 'weights must sum to 100, not 90' },
    ]);
    const server = fakeServer(loaded(saved, versions), (environment) =>
      environment === 'production' ? refusal : undefined,
    );
    const outcome = await saveDraft(saved, versions, draft, server.calls);
    expect(outcome.kind).toBe('refused');
    if (outcome.kind !== 'refused') return;
    expect(outcome.problem.errors).toEqual([
      { path: 'environments.production.allocations[0].serve.split', message: 'weights must sum to 100, not 90' },
    ]);
    expect(outcome.written.name).toBe('New');
    expect(outcome.written.environments.production?.on).toBe(false);
    expect(outcome.versions.definition).toBe(2);
  });
});
