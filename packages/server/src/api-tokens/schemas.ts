import { Type, type Static } from 'typebox';
import { ROLES } from '../auth/roles.js';
import { Key, Name, Strict } from '../http/schemas.js';
import type { ApiTokenView } from './service.js';

export const RoleBindingSchema = Strict(
  {
    role: Type.Union(ROLES.map((role) => Type.Literal(role))),
    project: Type.Optional(Key),
    // An environment of `project`: a binding naming an environment must name its project too.
    environment: Type.Optional(Key),
  },
  { description: 'A role on the organisation, one project, or one environment of a project' },
);

export const NewApiTokenSchema = Strict({
  name: Name,
  roles: Type.Array(RoleBindingSchema, { minItems: 1, maxItems: 100 }),
});

export type NewApiToken = Static<typeof NewApiTokenSchema>;

const tokenFields = {
  id: Type.String(),
  name: Type.String(),
  hint: Type.String({ description: 'The token’s prefix and last characters, to recognise it' }),
  roles: Type.Array(RoleBindingSchema),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.String(),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
};
export const ApiTokenViewSchema = Type.Unsafe<ApiTokenView>(Type.Object(tokenFields));
export const NewApiTokenViewSchema = Type.Unsafe<ApiTokenView & { token: string }>(
  Type.Object({ ...tokenFields, token: Type.String({ description: 'The token, shown this once' }) }),
);
