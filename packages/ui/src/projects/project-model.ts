/**
 * The projects page's decisions, apart from rendering: what a project's deletion takes with it, in
 * words, and which of a form's fields changed.
 */

export interface ProjectFootprint {
  /** Flags, live and archived. */
  flags: number;
  segments: number;
  metrics: number;
  environments: number;
  /** Active SDK keys in the environments whose keys the member may list; undefined when in none. */
  sdkKeys: number | undefined;
  /** Whether some environments' keys could not be counted (the member may not list them). */
  sdkKeysPartial: boolean;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** What is lost with a project, most consequential first; generic words until the counts are in. */
export function projectLosses(footprint: ProjectFootprint | undefined): string[] {
  if (footprint === undefined)
    return [
      'Every flag of the project, with its targeting in every environment',
      'Every segment and metric of the project',
      'Every environment, with its SDK keys: applications using them are refused at once',
    ];
  const keys =
    footprint.sdkKeys === undefined
      ? 'Every SDK key of its environments: applications using them are refused at once'
      : footprint.sdkKeys === 0
        ? footprint.sdkKeysPartial
          ? 'Every SDK key of its environments (none active where you may see them)'
          : 'Its SDK keys (none is active)'
        : `${plural(footprint.sdkKeys, 'active SDK key', 'active SDK keys')}${footprint.sdkKeysPartial ? ' (in the environments you may see), and any others' : ''}: applications using ${footprint.sdkKeys === 1 && !footprint.sdkKeysPartial ? 'it are' : 'them are'} refused at once`;
  return [
    footprint.flags === 0
      ? 'No flags (the project has none yet)'
      : `${plural(footprint.flags, 'flag', 'flags')}, with ${footprint.flags === 1 ? 'its' : 'their'} targeting and history`,
    `${plural(footprint.segments, 'segment', 'segments')} and ${plural(footprint.metrics, 'metric', 'metrics')}`,
    `${plural(footprint.environments, 'environment', 'environments')}, with the users and events SDKs reported there`,
    keys,
  ];
}

export interface ProjectFields {
  name: string;
  description: string;
}

/** The fields an edit changes (trimmed), or undefined when it changes nothing. */
export function projectChanges(existing: ProjectFields, edited: ProjectFields): Partial<ProjectFields> | undefined {
  const name = edited.name.trim();
  const description = edited.description.trim();
  const changes = {
    ...(name !== existing.name ? { name } : {}),
    ...(description !== existing.description ? { description } : {}),
  };
  return Object.keys(changes).length === 0 ? undefined : changes;
}

/** A new project's body: the key, and the name and description when given. */
export function newProjectBody(
  key: string,
  fields: ProjectFields,
): { key: string; name?: string; description?: string } {
  return {
    key: key.trim(),
    ...(fields.name.trim() ? { name: fields.name.trim() } : {}),
    ...(fields.description.trim() ? { description: fields.description.trim() } : {}),
  };
}
