import { describe, expect, it } from 'vitest';
import { newProjectBody, projectChanges, projectLosses } from '../../src/projects/project-model';

describe('what deleting a project takes with it', () => {
  it('counts flags, segments, metrics, environments and active SDK keys', () => {
    expect(
      projectLosses({ flags: 12, segments: 1, metrics: 0, environments: 3, sdkKeys: 2, sdkKeysPartial: false }),
    ).toEqual([
      '12 flags, with their targeting and history',
      '1 segment and 0 metrics',
      '3 environments, with the users and events SDKs reported there',
      '2 active SDK keys: applications using them are refused at once',
    ]);
  });

  it('speaks of one of each in the singular, and of an empty project as empty', () => {
    const [flags, segments, environments, keys] = projectLosses({
      flags: 1,
      segments: 1,
      metrics: 1,
      environments: 1,
      sdkKeys: 1,
      sdkKeysPartial: false,
    });
    expect([flags, segments, environments, keys]).toEqual([
      '1 flag, with its targeting and history',
      '1 segment and 1 metric',
      '1 environment, with the users and events SDKs reported there',
      '1 active SDK key: applications using it are refused at once',
    ]);
    expect(
      projectLosses({ flags: 0, segments: 0, metrics: 0, environments: 3, sdkKeys: 0, sdkKeysPartial: false })[0],
    ).toBe('No flags (the project has none yet)');
  });

  it('does not claim a count of SDK keys the member could not list', () => {
    expect(
      projectLosses({
        flags: 2,
        segments: 0,
        metrics: 0,
        environments: 3,
        sdkKeys: undefined,
        sdkKeysPartial: true,
      })[3],
    ).toBe('Every SDK key of its environments: applications using them are refused at once');
    expect(
      projectLosses({ flags: 2, segments: 0, metrics: 0, environments: 3, sdkKeys: 1, sdkKeysPartial: true })[3],
    ).toBe(
      '1 active SDK key (in the environments you may see), and any others: applications using them are refused at once',
    );
  });

  it('names everything in general words while the counts load', () => {
    expect(projectLosses(undefined).join(' ')).toMatch(/flag.*segment.*SDK keys/);
  });
});

describe('a project form', () => {
  it('sends only what an edit changed, trimmed, and nothing when nothing changed', () => {
    const existing = { name: 'Mobile app', description: '' };
    expect(projectChanges(existing, { name: ' Mobile app ', description: '' })).toBeUndefined();
    expect(projectChanges(existing, { name: 'Mobile', description: ' iOS and Android ' })).toEqual({
      name: 'Mobile',
      description: 'iOS and Android',
    });
    expect(projectChanges({ name: 'A', description: 'old' }, { name: 'A', description: '' })).toEqual({
      description: '',
    });
  });

  it('leaves an empty name and description out of a new project, for the server’s defaults', () => {
    expect(newProjectBody(' web ', { name: '', description: ' ' })).toEqual({ key: 'web' });
    expect(newProjectBody('web', { name: 'Web', description: 'The site' })).toEqual({
      key: 'web',
      name: 'Web',
      description: 'The site',
    });
  });
});
