import { describe, expect, it } from 'vitest';
import type { FlagListPage, FlagSummary } from '../../src/api/flags-list';
import { updateSummary } from '../../src/api/flags-list';
import { exactTime, relativeTime } from '../../src/components/relative-time';
import {
  filtersFromParams,
  isFiltered,
  showsArchived,
  withFilters,
  withoutFilters,
} from '../../src/flags/list/filters';
import { nodeSnippet, ofrepSnippet } from '../../src/flags/list/sdk-snippets';
import { toggleConsequence } from '../../src/flags/list/toggle-consequence';

describe('the flag list’s filters in the URL', () => {
  it('reads search and filters, leaving out what is not set', () => {
    const params = new URLSearchParams('env=production&q=%20checkout%20&tag=growth&type=json&lifetime=permanent');
    expect(filtersFromParams(params)).toEqual({ q: 'checkout', tag: 'growth', type: 'json', lifetime: 'permanent' });
    expect(filtersFromParams(new URLSearchParams('env=production'))).toEqual({});
  });

  it('ignores values the API would refuse, so a hand-edited link still opens a list', () => {
    const params = new URLSearchParams('type=maybe&lifetime=forever&status=asleep&q=%20%20&tag=');
    expect(filtersFromParams(params)).toEqual({});
    expect(filtersFromParams(new URLSearchParams(`q=${'x'.repeat(300)}`)).q).toHaveLength(200);
    expect(filtersFromParams(new URLSearchParams(`tag=${'t'.repeat(65)}`))).toEqual({});
  });

  it('takes archived flags as status=archived, or as the API spells it, archived=true', () => {
    expect(filtersFromParams(new URLSearchParams('status=archived'))).toEqual({ status: 'archived' });
    expect(showsArchived(filtersFromParams(new URLSearchParams('status=archived')))).toBe(true);
    expect(showsArchived(filtersFromParams(new URLSearchParams('archived=true')))).toBe(true);
    expect(showsArchived(filtersFromParams(new URLSearchParams('status=inactive')))).toBe(false);
  });

  it('sets and removes filters, keeping the environment and every other parameter', () => {
    const params = new URLSearchParams('env=staging&q=checkout&type=boolean');
    expect(withFilters(params, { type: 'json', tag: 'growth' }).toString()).toBe(
      'env=staging&q=checkout&type=json&tag=growth',
    );
    expect(withFilters(params, { q: null, type: undefined, archived: false }).toString()).toBe(
      'env=staging&type=boolean',
    );
    expect(withFilters(params, { q: '' }).toString()).toBe('env=staging&type=boolean');
    expect(withoutFilters(new URLSearchParams('env=staging&q=a&tag=b&status=new&other=1')).toString()).toBe(
      'env=staging&other=1',
    );
    // The input is left as it was.
    expect(params.toString()).toBe('env=staging&q=checkout&type=boolean');
  });

  it('tells a narrowed list from the whole project', () => {
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ q: 'a' })).toBe(true);
  });
});

describe('what turning a flag on or off changes, in words', () => {
  const flag = {
    key: 'new-checkout',
    variations: [
      { key: 'on', value: true },
      { key: 'off', value: false },
    ],
  };

  it('names the values served when there is no targeting', () => {
    const state = { offVariation: 'off', fallthrough: { variation: 'on' } };
    expect(toggleConsequence(flag, state, 'Production', true)).toEqual({
      title: 'Turn new-checkout ON in Production',
      consequence: 'Everyone will get on (true) instead of off (false).',
    });
    expect(toggleConsequence(flag, state, 'Production', false).consequence).toBe(
      'Everyone will get off (false) instead of on (true).',
    );
  });

  it('speaks of the targeting rules when prerequisites, targets or enabled allocations decide', () => {
    const rules = 'Everyone will get the targeting rules instead of off (false).';
    const allocation = { id: 'staff', serve: { variation: 'on' } };
    expect(
      toggleConsequence(flag, { offVariation: 'off', allocations: [allocation] }, 'Production', true).consequence,
    ).toBe(rules);
    expect(
      toggleConsequence(
        flag,
        { offVariation: 'off', targets: [{ variation: 'on', values: ['ada'] }] },
        'Production',
        true,
      ).consequence,
    ).toBe(rules);
    expect(
      toggleConsequence(flag, { offVariation: 'off', prerequisites: [{ flag: 'a', variations: ['on'] }] }, 'P', true)
        .consequence,
    ).toBe(rules);
    // Disabled allocations and empty target lists decide nothing.
    expect(
      toggleConsequence(
        flag,
        {
          offVariation: 'off',
          allocations: [{ ...allocation, enabled: false }],
          targets: [{ variation: 'on', values: [] }],
          fallthrough: { variation: 'on' },
        },
        'Production',
        false,
      ).consequence,
    ).toBe('Everyone will get off (false) instead of on (true).');
  });

  it('names variations by their name, shows plain values, and says the code’s default when nothing is served', () => {
    const colours = {
      key: 'button',
      variations: [
        { key: 'blue', value: 'blue' },
        { key: 'g', value: '#0f0', name: 'Green' },
        { key: 'config', value: { size: 2 } },
      ],
    };
    expect(
      toggleConsequence(colours, { offVariation: 'blue', fallthrough: { variation: 'g' } }, 'Staging', true)
        .consequence,
    ).toBe('Everyone will get Green ("#0f0") instead of blue.');
    expect(toggleConsequence(colours, { fallthrough: { variation: 'config' } }, 'Staging', true).consequence).toBe(
      'Everyone will get config instead of the code’s default.',
    );
    expect(toggleConsequence(colours, { offVariation: 'blue' }, 'Staging', true).consequence).toBe(
      'Everyone will get the code’s default instead of blue.',
    );
    expect(
      toggleConsequence(
        colours,
        {
          offVariation: 'blue',
          fallthrough: {
            split: [
              { variation: 'blue', weight: 50 },
              { variation: 'g', weight: 50 },
            ],
          },
        },
        'Staging',
        true,
      ).consequence,
    ).toBe('Everyone will get a split 50 % blue / 50 % Green instead of blue.');
  });
});

describe('relative times', () => {
  const now = new Date('2026-03-12T14:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it('reads as a person would say it', () => {
    expect(relativeTime(ago(20_000), now)).toBe('just now');
    expect(relativeTime(ago(5 * 60_000), now)).toBe('5 min ago');
    expect(relativeTime(ago(3 * 3_600_000 + 5), now)).toBe('3 h ago');
    expect(relativeTime(ago(30 * 3_600_000), now)).toBe('yesterday');
    expect(relativeTime(ago(4 * 86_400_000), now)).toBe('4 days ago');
    expect(relativeTime(new Date(now.getTime() + 10 * 60_000), now)).toBe('in 10 min');
  });

  it('gives the date itself after a month', () => {
    expect(relativeTime(new Date(2025, 11, 3, 12), now)).toBe('3 Dec 2025');
  });

  it('shows the exact time with its zone', () => {
    expect(exactTime(new Date('2026-03-12T09:05:07Z'))).toMatch(/^12 Mar 2026, \d\d:05:07 \S+$/);
  });
});

describe('the empty list’s SDK snippets', () => {
  const input = { origin: 'https://flags.example.com', environment: 'staging', flag: 'new-checkout' };

  it('evaluate the flag with @vexil/node against this server, naming the key to use', () => {
    const code = nodeSnippet({ ...input, serverKeyHint: 'vx_server_ab…9f' });
    expect(code).toContain("baseUrl: 'https://flags.example.com'");
    expect(code).toContain("staging's server SDK key, vx_server_ab…9f");
    expect(code).toContain("vexil.boolean('new-checkout', context, false)");
  });

  it('evaluate it over OFREP with curl, even when the key is not known', () => {
    const code = ofrepSnippet(input);
    expect(code).toContain('curl -s https://flags.example.com/ofrep/v1/evaluate/flags/new-checkout');
    expect(code).toContain('# VEXIL_SERVER_KEY: a server SDK key of staging');
  });
});

describe('a toggled flag in the cached list pages', () => {
  const summary = (key: string): FlagSummary => ({
    key,
    name: key,
    description: '',
    type: 'boolean',
    tags: [],
    temporary: true,
    clientSideAvailable: false,
    archived: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    status: 'new',
    lastEvaluatedAt: null,
    lastChange: null,
    environments: { development: { on: false, version: 1, lastEvaluatedAt: null } },
  });
  const page = (keys: string[], nextCursor: string | null): FlagListPage => ({
    items: keys.map(summary),
    total: 3,
    nextCursor,
  });
  const data = { pages: [page(['a', 'b'], 'c1'), page(['c'], null)], pageParams: [undefined, 'c1'] };

  it('replaces that flag’s summary in whichever page holds it, and nothing else', () => {
    const updated = updateSummary(data, 'c', (flag) => ({ ...flag, name: 'C' }));
    expect(updated?.pages[1]?.items[0]?.name).toBe('C');
    expect(updated?.pages[0]).toBe(data.pages[0]);
    expect(data.pages[1]?.items[0]?.name).toBe('c');
  });

  it('leaves the cache as it is when the flag is not loaded, or the entry is not a list', () => {
    expect(updateSummary(data, 'z', (flag) => flag)).toBe(data);
    expect(updateSummary(undefined, 'a', (flag) => flag)).toBeUndefined();
  });
});
