import type { Kysely } from 'kysely';
import { acceptedSegment, acceptedState } from './legacy-forms.js';

/**
 * Bodies of migrations that read and rewrite rows (migrations.ts names them). Like every migration
 * they are frozen once shipped: they use no code of the running server that could change later.
 */

/** Migrations run against past schemas, which no current type describes: Kysely's documented pattern. */
// biome-ignore lint/suspicious/noExplicitAny: see above
type PastSchema = Kysely<any>;

/** Flags a page: a page's states (a few per flag) stay well under both databases' parameter limits. */
const FLAGS_PER_PAGE = 500;

/** Every flag state, a page of flags at a time, so a large database is never read into memory at once. */
async function eachStatePage(
  db: PastSchema,
  visit: (states: { flagId: string; environmentId: string; state: string }[]) => Promise<void>,
): Promise<void> {
  let after = '';
  for (;;) {
    const flags: { id: string }[] = await db
      .selectFrom('flags')
      .select('id')
      .where('id', '>', after)
      .orderBy('id')
      .limit(FLAGS_PER_PAGE)
      .execute();
    if (flags.length === 0) return;
    after = (flags[flags.length - 1] as { id: string }).id;
    // The CamelCasePlugin hands rows back with camelCase names.
    const states = (await db
      .selectFrom('flag_states')
      .select(['flag_id', 'environment_id', 'state'])
      .where(
        'flag_id',
        'in',
        flags.map((flag) => flag.id),
      )
      .execute()) as unknown as { flagId: string; environmentId: string; state: string }[];
    await visit(states);
  }
}

/**
 * 0006: the prerequisite graph as rows — one per flag, environment and flag its state there
 * requires — so a save finds the flags it touches by index; filled from the stored states.
 */
export async function createPrerequisiteGraph(db: PastSchema): Promise<void> {
  // SQLite runs migrations outside transactions: an attempt cut short is started over.
  await db.schema
    .createTable('flag_prerequisites')
    .ifNotExists()
    .addColumn('flag_id', 'text', (c) => c.notNull())
    .addColumn('environment_id', 'text', (c) => c.notNull())
    .addColumn('prerequisite_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('flag_prerequisites_pk', ['flag_id', 'environment_id', 'prerequisite_key'])
    // Rows go with their state: a deleted flag, environment or project takes them along.
    .addForeignKeyConstraint(
      'flag_prerequisites_state',
      ['flag_id', 'environment_id'],
      'flag_states',
      ['flag_id', 'environment_id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  // The flags requiring a given flag in an environment: archive, delete, a changed definition.
  await db.schema
    .createIndex('flag_prerequisites_required')
    .ifNotExists()
    .on('flag_prerequisites')
    .columns(['environment_id', 'prerequisite_key'])
    .execute();
  await db.deleteFrom('flag_prerequisites').execute();
  await eachStatePage(db, async (states) => {
    const rows = states.flatMap(({ flagId, environmentId, state }) => {
      const prerequisites = (JSON.parse(state) as { prerequisites?: { flag?: unknown }[] }).prerequisites;
      const keys = new Set(
        (Array.isArray(prerequisites) ? prerequisites : []).flatMap((prerequisite) =>
          typeof prerequisite?.flag === 'string' ? [prerequisite.flag] : [],
        ),
      );
      return [...keys].map((prerequisiteKey) => ({
        flag_id: flagId,
        environment_id: environmentId,
        prerequisite_key: prerequisiteKey,
      }));
    });
    for (let start = 0; start < rows.length; start += 1000)
      await db
        .insertInto('flag_prerequisites')
        .values(rows.slice(start, start + 1000))
        .execute();
  });
}

/**
 * 0007: flag states and segments stored before the engine refused some forms are rewritten to the
 * accepted form with the same meaning (legacy-forms.ts). Versions stay: nothing a reader could
 * tell apart changed, and an edit made against the old version still applies.
 */
export async function rewriteLegacyForms(db: PastSchema): Promise<void> {
  await eachStatePage(db, async (states) => {
    for (const { flagId, environmentId, state } of states) {
      const parsed: unknown = JSON.parse(state);
      const accepted = acceptedState(parsed);
      if (accepted === parsed) continue;
      await db
        .updateTable('flag_states')
        .set({ state: JSON.stringify(accepted) })
        .where('flag_id', '=', flagId)
        .where('environment_id', '=', environmentId)
        .execute();
    }
  });
  let after = '';
  for (;;) {
    const segments: { id: string; definition: string }[] = await db
      .selectFrom('segments')
      .select(['id', 'definition'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(FLAGS_PER_PAGE)
      .execute();
    if (segments.length === 0) return;
    after = (segments[segments.length - 1] as { id: string }).id;
    for (const { id, definition } of segments) {
      const parsed: unknown = JSON.parse(definition);
      const accepted = acceptedSegment(parsed);
      if (accepted !== parsed)
        await db
          .updateTable('segments')
          .set({ definition: JSON.stringify(accepted) })
          .where('id', '=', id)
          .execute();
    }
  }
}
