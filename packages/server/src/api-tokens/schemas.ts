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

const TokenKind = Type.Union([Type.Literal('service'), Type.Literal('personal')], {
  description:
    '`service` (automation; owners only; `vx_svc_…`) or `personal` (acts for the member creating it, within their roles; `vx_pat_…`)',
});
const Instant = Type.String({ format: 'date-time' });

export const NewApiTokenSchema = Strict(
  {
    name: Name,
    kind: Type.Optional(TokenKind),
    roles: Type.Array(RoleBindingSchema, { minItems: 1, maxItems: 100 }),
    expiresAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'When the token stops working; default never' }),
    ),
  },
  {
    examples: [
      {
        name: 'CI deploys',
        kind: 'service',
        roles: [{ role: 'editor', project: 'default' }],
        expiresAt: '2030-01-01T00:00:00.000Z',
      },
    ],
  },
);

export type NewApiToken = Static<typeof NewApiTokenSchema>;

const tokenFields = {
  id: Type.String(),
  kind: TokenKind,
  name: Type.String(),
  hint: Type.String({ description: 'The token’s prefix and last characters, to recognise it' }),
  roles: Type.Array(RoleBindingSchema),
  memberId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
  createdBy: Type.String(),
  expiresAt: Type.Union([Instant, Type.Null()]),
  lastUsedAt: Type.Union([Instant, Type.Null()]),
  revokedAt: Type.Union([Instant, Type.Null()]),
};
export const ApiTokenViewSchema = Type.Unsafe<ApiTokenView>(Type.Object(tokenFields));
export const NewApiTokenViewSchema = Type.Unsafe<ApiTokenView & { token: string }>(
  Type.Object({ ...tokenFields, token: Type.String({ description: 'The token, shown this once' }) }),
);
