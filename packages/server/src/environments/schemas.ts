import { Type } from 'typebox';

export const EnvironmentViewSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  position: Type.Integer(),
  revision: Type.Integer({ description: 'Bumped by every change SDKs see; the ETag of its ruleset' }),
  critical: Type.Boolean({
    description: 'Changes here deserve a confirmation in the console (production is critical by default)',
  }),
  createdAt: Type.String({ format: 'date-time' }),
});

/** Marks an environment critical on creation or update. */
export const Critical = Type.Boolean({
  description: 'Ask for confirmation before changes here (default: true for "production", else false)',
});
