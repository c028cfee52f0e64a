import { type ColumnDefinitionBuilder, Migrator, sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from './database.js';
import { createPrerequisiteGraph, rewriteLegacyForms } from './upgrades.js';

/** Migrations run against past schemas, which no current type describes: Kysely's documented pattern. */
// biome-ignore lint/suspicious/noExplicitAny: see above
type PastSchema = Kysely<any>;

/**
 * Versioned migrations, applied in order on start. Never edit one that has shipped: add the next.
 * Written once for both databases; `serial` is the only word that differs.
 */
function migrations(dialect: Dialect): Record<string, Migration> {
  const serial = (db: PastSchema, table: string) =>
    db.schema
      .createTable(table)
      .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
        dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
      );
  return {
    '0001_initial': {
      async up(db: PastSchema) {
        await db.schema
          .createTable('organizations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('key', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('projects')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
          .addColumn('key', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('environments')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('environments_project_key', ['project_id', 'key'])
          .execute();
        await db.schema
          .createTable('flags')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('definition', 'text', (c) => c.notNull())
          .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('flags_project_key', ['project_id', 'key'])
          .execute();
        await db.schema
          .createTable('flag_states')
          .addColumn('flag_id', 'text', (c) => c.notNull().references('flags.id').onDelete('cascade'))
          .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('flag_states_pk', ['flag_id', 'environment_id'])
          .execute();
        await db.schema
          .createTable('segments')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('definition', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('segments_project_key', ['project_id', 'key'])
          .execute();
        await db.schema
          .createTable('sdk_keys')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('key_hash', 'text', (c) => c.notNull().unique())
          .addColumn('client_key', 'text')
          .addColumn('hint', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text')
          .addColumn('revoked_at', 'text')
          .execute();
        await db.schema
          .createTable('members')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('roles', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('api_tokens')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('hint', 'text', (c) => c.notNull())
          .addColumn('roles', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('last_used_at', 'text')
          .addColumn('revoked_at', 'text')
          .execute();
        await serial(db, 'audit_log')
          .addColumn('organization_id', 'text', (c) => c.notNull())
          .addColumn('project_key', 'text')
          .addColumn('environment_key', 'text')
          .addColumn('actor_type', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text', (c) => c.notNull())
          .addColumn('actor_name', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('resource_type', 'text', (c) => c.notNull())
          .addColumn('resource_key', 'text', (c) => c.notNull())
          .addColumn('before', 'text')
          .addColumn('after', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('audit_log_resource')
          .on('audit_log')
          .columns(['resource_type', 'resource_key'])
          .execute();
        await db.schema.createIndex('audit_log_created').on('audit_log').column('created_at').execute();
        await db.schema
          .createTable('changes')
          .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
          .addColumn('revision', 'integer', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('payload', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('changes_pk', ['environment_id', 'revision'])
          .execute();
        await db.schema
          .createTable('contexts')
          .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('attributes', 'text', (c) => c.notNull())
          .addColumn('first_seen', 'text', (c) => c.notNull())
          .addColumn('last_seen', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('contexts_pk', ['environment_id', 'kind', 'key'])
          .execute();
        await serial(db, 'events')
          .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('flag_key', 'text')
          .addColumn('variation_key', 'text')
          .addColumn('allocation_id', 'text')
          .addColumn('event_key', 'text')
          .addColumn('value', 'double precision')
          .addColumn('context_kind', 'text', (c) => c.notNull())
          .addColumn('context_key', 'text', (c) => c.notNull())
          .addColumn('occurred_at', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('events_environment_type')
          .on('events')
          .columns(['environment_id', 'type', 'occurred_at'])
          .execute();
        await db.schema
          .createTable('evaluation_counts')
          .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
          .addColumn('flag_key', 'text', (c) => c.notNull())
          .addColumn('variation_key', 'text', (c) => c.notNull())
          .addColumn('hour', 'text', (c) => c.notNull())
          .addColumn('count', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('evaluation_counts_pk', ['environment_id', 'flag_key', 'variation_key', 'hour'])
          .execute();
      },
    },
    '0002_accounts': {
      async up(db: PastSchema) {
        // Signed-in members; the cookie carries a secret, the row only its SHA-256.
        await db.schema
          .createTable('sessions')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
          .addColumn('csrf_token', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sessions_member').on('sessions').column('member_id').execute();
        await db.schema
          .createTable('invitations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('roles', 'text', (c) => c.notNull())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('invited_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('accepted_at', 'text')
          .addColumn('revoked_at', 'text')
          .execute();
        // Personal tokens act for a member and never beyond what that member may currently do.
        await db.schema
          .alterTable('api_tokens')
          .addColumn('kind', 'text', (c) => c.notNull().defaultTo('service'))
          .execute();
        await db.schema
          .alterTable('api_tokens')
          .addColumn('member_id', 'text', (c) => c.references('members.id').onDelete('cascade'))
          .execute();
        await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
        // Members signed in through OIDC are found by their issuer's subject.
        await db.schema.alterTable('members').addColumn('oidc_subject', 'text').execute();
        await db.schema.createIndex('members_oidc_subject').on('members').column('oidc_subject').unique().execute();
      },
    },
    '0003_project_keys_per_organization': {
      // A project key is unique within its organisation, not across the server: two organisations
      // may each have a "default" project, and neither learns that the other's exists.
      async up(db: PastSchema) {
        if (dialect === 'postgres') {
          await sql`ALTER TABLE projects DROP CONSTRAINT projects_key_key`.execute(db);
          await db.schema
            .alterTable('projects')
            .addUniqueConstraint('projects_organization_key', ['organization_id', 'key'])
            .execute();
          return;
        }
        // SQLite cannot drop a constraint: the table is rebuilt, foreign keys off meanwhile so that
        // dropping the old table cascades to nothing (SQLite runs migrations outside transactions).
        await sql`PRAGMA foreign_keys = OFF`.execute(db);
        try {
          await db.schema
            .createTable('projects_rebuilt')
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
            .addColumn('key', 'text', (c) => c.notNull())
            .addColumn('name', 'text', (c) => c.notNull())
            .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
            .addColumn('created_at', 'text', (c) => c.notNull())
            .addUniqueConstraint('projects_organization_key', ['organization_id', 'key'])
            .execute();
          await sql`INSERT INTO projects_rebuilt (id, organization_id, key, name, description, created_at) SELECT id, organization_id, key, name, description, created_at FROM projects`.execute(
            db,
          );
          await db.schema.dropTable('projects').execute();
          await db.schema.alterTable('projects_rebuilt').renameTo('projects').execute();
          const broken = await sql`PRAGMA foreign_key_check`.execute(db);
          if (broken.rows.length > 0) throw new Error(`rebuilding projects broke ${broken.rows.length} foreign keys`);
        } finally {
          await sql`PRAGMA foreign_keys = ON`.execute(db);
        }
      },
    },
    '0004_console': {
      // What the web console needs: critical environments, indexes for a paged flag list at 10,000
      // flags, and each member's remembered project and environment.
      async up(db: PastSchema) {
        // Critical environments ask for confirmation before a change; `production` is one by default.
        await db.schema
          .alterTable('environments')
          .addColumn('critical', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await sql`UPDATE environments SET critical = 1 WHERE key = 'production'`.execute(db);
        // A page of flags is a range of this index, in byte order of keys on both databases.
        if (dialect === 'postgres')
          await sql`CREATE INDEX flags_list ON flags (project_id, archived, key COLLATE "C")`.execute(db);
        else await db.schema.createIndex('flags_list').on('flags').columns(['project_id', 'archived', 'key']).execute();
        // A flag's last evaluation and last change, each one index lookup per flag of the page.
        await db.schema
          .createIndex('evaluation_counts_latest')
          .on('evaluation_counts')
          .columns(['environment_id', 'flag_key', 'hour'])
          .execute();
        await db.schema
          .createIndex('audit_log_latest')
          .on('audit_log')
          .columns(['organization_id', 'project_key', 'resource_type', 'resource_key', 'id'])
          .execute();
        await db.schema
          .createTable('member_preferences')
          .addColumn('member_id', 'text', (c) => c.primaryKey().references('members.id').onDelete('cascade'))
          .addColumn('project', 'text')
          .addColumn('environment', 'text')
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0005_accounts_and_memberships': {
      // A person has one account (email, password, single sign-on identity) and may be a member of
      // several organisations: `members` become memberships of an account. Each existing member
      // becomes an account with the same id plus its membership, which keeps its id, so sessions,
      // personal tokens, preferences and audit entries still name the member they named.
      async up(db: PastSchema) {
        await db.schema
          .createTable('accounts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('oidc_subject', 'text', (c) => c.unique())
          .addColumn('last_organization_id', 'text', (c) => c.references('organizations.id').onDelete('set null'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await sql`INSERT INTO accounts (id, email, password_hash, oidc_subject, last_organization_id, created_at) SELECT id, email, password_hash, oidc_subject, organization_id, created_at FROM members`.execute(
          db,
        );
        if (dialect === 'postgres') {
          await db.schema
            .alterTable('members')
            .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('cascade'))
            .execute();
          await sql`UPDATE members SET account_id = id`.execute(db);
          await sql`ALTER TABLE members ALTER COLUMN account_id SET NOT NULL`.execute(db);
          await db.schema.dropIndex('members_oidc_subject').execute();
          await sql`ALTER TABLE members DROP COLUMN email, DROP COLUMN password_hash, DROP COLUMN oidc_subject`.execute(
            db,
          );
          await db.schema
            .alterTable('members')
            .addUniqueConstraint('members_organization_account', ['organization_id', 'account_id'])
            .execute();
        } else {
          // SQLite cannot drop a column under a unique constraint: the table is rebuilt as in 0003,
          // foreign keys off meanwhile so that dropping the old table takes no session or token with it.
          await sql`PRAGMA foreign_keys = OFF`.execute(db);
          try {
            await db.schema
              .createTable('members_rebuilt')
              .addColumn('id', 'text', (c) => c.primaryKey())
              .addColumn('organization_id', 'text', (c) =>
                c.notNull().references('organizations.id').onDelete('cascade'),
              )
              .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
              .addColumn('name', 'text', (c) => c.notNull())
              .addColumn('roles', 'text', (c) => c.notNull())
              .addColumn('created_at', 'text', (c) => c.notNull())
              .addUniqueConstraint('members_organization_account', ['organization_id', 'account_id'])
              .execute();
            await sql`INSERT INTO members_rebuilt (id, organization_id, account_id, name, roles, created_at) SELECT id, organization_id, id, name, roles, created_at FROM members`.execute(
              db,
            );
            await db.schema.dropTable('members').execute();
            await db.schema.alterTable('members_rebuilt').renameTo('members').execute();
            const broken = await sql`PRAGMA foreign_key_check`.execute(db);
            if (broken.rows.length > 0) throw new Error(`rebuilding members broke ${broken.rows.length} foreign keys`);
          } finally {
            await sql`PRAGMA foreign_keys = ON`.execute(db);
          }
        }
        await db.schema.createIndex('members_account').on('members').column('account_id').execute();
      },
    },
    '0006_prerequisite_graph': {
      // A flag save reads only the flags it touches, found through this table (upgrades.ts).
      up: (db: PastSchema) => createPrerequisiteGraph(db),
    },
    '0007_accepted_forms': {
      // Stored states and segments the engine now refuses, in the accepted form of the same meaning.
      up: (db: PastSchema) => rewriteLegacyForms(db),
    },
    '0008_metrics': {
      // Experiment metrics, per project (issue 15).
      async up(db: PastSchema) {
        await db.schema
          .createTable('metrics')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('description', 'text')
          .addColumn('event_key', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('aggregation', 'text')
          .addColumn('direction', 'text', (c) => c.notNull())
          .addColumn('window_hours', 'integer')
          .addColumn('cap_percentile', 'real')
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('metrics_project_key', ['project_id', 'key'])
          .execute();
      },
    },
    '0009_contexts_last_seen': {
      // The users list's order (issue 14): its first page reads 50 rows, not a sort of every user.
      async up(db: PastSchema) {
        await db.schema
          .createIndex('contexts_last_seen')
          .on('contexts')
          .columns(['environment_id', 'last_seen desc', 'kind', 'key'])
          .execute();
      },
    },
    '0010_experiments': {
      // Experiments and the indexes their results read events through (issue 15, docs/experiments.md).
      async up(db: PastSchema) {
        await db.schema
          .createTable('experiments')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
          .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
          .addColumn('flag_id', 'text', (c) => c.notNull().references('flags.id').onDelete('cascade'))
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('hypothesis', 'text')
          .addColumn('allocation_ids', 'text', (c) => c.notNull())
          .addColumn('control_variation', 'text', (c) => c.notNull())
          .addColumn('minimum_detectable_effect', 'double precision')
          .addColumn('planned_subjects_per_variation', 'integer', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('started_at', 'text')
          .addColumn('stopped_at', 'text')
          .addColumn('shipped_variation', 'text')
          .addColumn('split_weights', 'text')
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('experiments_project_key', ['project_id', 'key'])
          .execute();
        await db.schema
          .createTable('experiment_metrics')
          .addColumn('experiment_id', 'text', (c) => c.notNull().references('experiments.id').onDelete('cascade'))
          // A metric an experiment reads is refused deletion (metrics/service.ts); the cascade is for
          // a project deleted whole, whose experiments go with it.
          .addColumn('metric_id', 'text', (c) => c.notNull().references('metrics.id').onDelete('cascade'))
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('position', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('experiment_metrics_pk', ['experiment_id', 'metric_id'])
          .execute();
        await db.schema.createIndex('experiment_metrics_metric').on('experiment_metrics').column('metric_id').execute();
        // A flag's exposures subject by subject, and an event key's events subject by subject.
        await db.schema
          .createIndex('events_exposures')
          .on('events')
          .columns(['environment_id', 'flag_key', 'context_kind', 'context_key', 'occurred_at'])
          .where(sql.ref('flag_key'), 'is not', null)
          .execute();
        await db.schema
          .createIndex('events_custom')
          .on('events')
          .columns(['environment_id', 'event_key', 'context_kind', 'context_key', 'occurred_at'])
          .where(sql.ref('event_key'), 'is not', null)
          .execute();
      },
    },
    '0011_context_private_attributes': {
      // The names of the attributes SDKs marked private, per context (issue 14): shown, never their values.
      async up(db: PastSchema) {
        await db.schema
          .alterTable('contexts')
          .addColumn('private_attributes', 'text', (c) => c.notNull().defaultTo('{}'))
          .execute();
      },
    },
    '0012_experiment_aggregates': {
      // Per-subject aggregates kept up to date at ingestion, so results read sums, not raw events
      // (issue 15, docs/experiments.md "Aggregates"). Experiments already started are rebuilt from
      // raw events at their next results request (aggregated = 0).
      async up(db: PastSchema) {
        await db.schema
          .alterTable('experiments')
          .addColumn('aggregated', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        const experiment = (c: ColumnDefinitionBuilder) => c.notNull().references('experiments.id').onDelete('cascade');
        await db.schema
          .createTable('experiment_subjects')
          .addColumn('experiment_id', 'text', experiment)
          .addColumn('context_kind', 'text', (c) => c.notNull())
          .addColumn('context_key', 'text', (c) => c.notNull())
          .addColumn('first_at', 'text', (c) => c.notNull())
          .addColumn('variation', 'text', (c) => c.notNull())
          .addColumn('other', 'text', (c) => c.notNull())
          .addColumn('allocation', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('experiment_subjects_pk', ['experiment_id', 'context_kind', 'context_key'])
          .execute();
        await db.schema
          .createTable('experiment_subject_values')
          .addColumn('experiment_id', 'text', experiment)
          .addColumn('metric_id', 'text', (c) => c.notNull())
          .addColumn('context_kind', 'text', (c) => c.notNull())
          .addColumn('context_key', 'text', (c) => c.notNull())
          .addColumn('variation', 'text', (c) => c.notNull())
          .addColumn('day', 'text', (c) => c.notNull())
          .addColumn('post_n', 'integer', (c) => c.notNull())
          .addColumn('post_sum', 'double precision', (c) => c.notNull())
          .addColumn('pre_n', 'integer', (c) => c.notNull())
          .addColumn('pre_sum', 'double precision', (c) => c.notNull())
          .addColumn('y', 'double precision', (c) => c.notNull())
          .addColumn('x', 'double precision', (c) => c.notNull())
          .addPrimaryKeyConstraint('experiment_subject_values_pk', [
            'experiment_id',
            'metric_id',
            'context_kind',
            'context_key',
          ])
          .execute();
        // A capped metric: the percentile, an order statistic of Y, and the subjects above the cap
        // (Y or X), each read off an index instead of a pass over every subject.
        await db.schema
          .createIndex('experiment_subject_values_y')
          .on('experiment_subject_values')
          .columns(['experiment_id', 'metric_id', 'y'])
          .execute();
        await db.schema
          .createIndex('experiment_subject_values_x')
          .on('experiment_subject_values')
          .columns(['experiment_id', 'metric_id', 'x'])
          .execute();
        await db.schema
          .createTable('experiment_exposures')
          .addColumn('experiment_id', 'text', experiment)
          .addColumn('variation', 'text', (c) => c.notNull())
          .addColumn('allocation', 'text', (c) => c.notNull())
          .addColumn('day', 'text', (c) => c.notNull())
          .addColumn('subjects', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('experiment_exposures_pk', ['experiment_id', 'variation', 'allocation', 'day'])
          .execute();
        await db.schema
          .createTable('experiment_sums')
          .addColumn('experiment_id', 'text', experiment)
          .addColumn('metric_id', 'text', (c) => c.notNull())
          .addColumn('variation', 'text', (c) => c.notNull())
          .addColumn('day', 'text', (c) => c.notNull())
          .addColumn('sy', 'double precision', (c) => c.notNull())
          .addColumn('syy', 'double precision', (c) => c.notNull())
          .addColumn('sx', 'double precision', (c) => c.notNull())
          .addColumn('sxx', 'double precision', (c) => c.notNull())
          .addColumn('sxy', 'double precision', (c) => c.notNull())
          .addColumn('pre', 'integer', (c) => c.notNull())
          .addColumn('post', 'integer', (c) => c.notNull())
          .addColumn('valued', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('experiment_sums_pk', ['experiment_id', 'metric_id', 'variation', 'day'])
          .execute();
        // Results no longer read exposures raw; a metric's events by subject are still read when a
        // subject is first exposed (index events_custom).
        await db.schema.dropIndex('events_exposures').execute();
      },
    },
    '0013_context_reports': {
      // The users list's reports, appended at ingestion and merged into `contexts` in the background
      // (users/context-reports.ts): an upsert per reported user dirtied a page of three indexes each,
      // and its commit cost more than storing the batch's events.
      async up(db: PastSchema) {
        await db.schema
          .createTable('context_reports')
          .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
            dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('attributes', 'text', (c) => c.notNull())
          .addColumn('private_attributes', 'text', (c) => c.notNull())
          .addColumn('first_seen', 'text', (c) => c.notNull())
          .addColumn('last_seen', 'text', (c) => c.notNull())
          .execute();
        // 2^31 events last a day at 30,000 a second; SQLite's integer ids are 64-bit already.
        if (dialect === 'postgres') {
          await sql`alter table events alter column id type bigint`.execute(db);
          await sql`alter sequence events_id_seq as bigint`.execute(db);
        }
      },
    },
    '0014_aggregates_by_subject': {
      // Per-subject aggregates keyed by subject first: ingestion looks a batch's subjects up in
      // every running experiment at once, one seek per subject instead of one per subject and
      // experiment (docs/benchmarks.md). What reads an experiment's rows whole (a rebuild, a
      // cascade) goes through `experiment_subjects_experiment` and the values' `_y` index.
      async up(db: PastSchema) {
        const subjectKey = ['context_kind', 'context_key', 'experiment_id'] as const;
        if (dialect === 'postgres') {
          await sql`alter table experiment_subjects drop constraint experiment_subjects_pk,
            add constraint experiment_subjects_pk primary key (context_kind, context_key, experiment_id)`.execute(db);
          await sql`alter table experiment_subject_values drop constraint experiment_subject_values_pk,
            add constraint experiment_subject_values_pk primary key (context_kind, context_key, experiment_id, metric_id)`.execute(
            db,
          );
        } else {
          // SQLite keeps a table's primary key for life: each table is copied into one keyed anew.
          const experiment = (c: ColumnDefinitionBuilder) =>
            c.notNull().references('experiments.id').onDelete('cascade');
          const required = (c: ColumnDefinitionBuilder) => c.notNull();
          await db.schema
            .createTable('experiment_subjects_next')
            .addColumn('experiment_id', 'text', experiment)
            .addColumn('context_kind', 'text', required)
            .addColumn('context_key', 'text', required)
            .addColumn('first_at', 'text', required)
            .addColumn('variation', 'text', required)
            .addColumn('other', 'text', required)
            .addColumn('allocation', 'text', required)
            .addPrimaryKeyConstraint('experiment_subjects_pk', [...subjectKey])
            .execute();
          await db.schema
            .createTable('experiment_subject_values_next')
            .addColumn('experiment_id', 'text', experiment)
            .addColumn('metric_id', 'text', required)
            .addColumn('context_kind', 'text', required)
            .addColumn('context_key', 'text', required)
            .addColumn('variation', 'text', required)
            .addColumn('day', 'text', required)
            .addColumn('post_n', 'integer', required)
            .addColumn('post_sum', 'double precision', required)
            .addColumn('pre_n', 'integer', required)
            .addColumn('pre_sum', 'double precision', required)
            .addColumn('y', 'double precision', required)
            .addColumn('x', 'double precision', required)
            .addPrimaryKeyConstraint('experiment_subject_values_pk', [...subjectKey, 'metric_id'])
            .execute();
          for (const table of ['experiment_subjects', 'experiment_subject_values']) {
            await sql`insert into ${sql.table(`${table}_next`)} select * from ${sql.table(table)}`.execute(db);
            await db.schema.dropTable(table).execute();
            await db.schema.alterTable(`${table}_next`).renameTo(table).execute();
          }
          // The capped metrics' indexes went with the old table (0012).
          for (const column of ['y', 'x'])
            await db.schema
              .createIndex(`experiment_subject_values_${column}`)
              .on('experiment_subject_values')
              .columns(['experiment_id', 'metric_id', column])
              .execute();
        }
        await db.schema
          .createIndex('experiment_subjects_experiment')
          .on('experiment_subjects')
          .column('experiment_id')
          .execute();
      },
    },
  };
}

/** Brings the schema up to date; several nodes starting at once take turns (Kysely's lock table). */
export async function migrate(db: PastSchema, dialect: Dialect, upTo?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(dialect) },
    migrationTableName: 'vexil_migrations',
    migrationLockTableName: 'vexil_migrations_lock',
  });
  // `upTo` (a migration's name) is for tests of an upgrade from an older schema.
  const { error } = upTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(upTo);
  if (error) throw error;
  // Keeps the planner's statistics fresh on SQLite, where nothing else would.
  if (dialect === 'sqlite') await sql`PRAGMA optimize`.execute(db);
}
