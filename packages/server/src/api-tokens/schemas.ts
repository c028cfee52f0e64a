import { Type, type Static } from 'typebox';
import { ROLES } from '../auth/roles.js';
import { Key, Name, Strict } from '../http/schemas.js';

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
