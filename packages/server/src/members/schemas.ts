import { Type, type Static } from 'typebox';
import { RoleBindingSchema } from '../api-tokens/schemas.js';
import type { SessionView } from '../auth/sign-in.js';
import { Key, Name, Strict } from '../http/schemas.js';
import type { InvitationView } from './invitations.js';
import type { MemberView } from './service.js';

const Instant = Type.String({ format: 'date-time' });
const Roles = Type.Array(RoleBindingSchema, { minItems: 1, maxItems: 100 });
export const Email = Type.String({ format: 'email', maxLength: 320 });
/** Long enough to resist guessing; no composition rules (NIST SP 800-63B). */
export const Password = Type.String({ minLength: 12, maxLength: 1024, description: 'At least 12 characters' });

const memberFields = {
  id: Type.String({ description: 'The membership: the same person has another id in each organisation' }),
  email: Type.String(),
  name: Type.String({ description: 'How this organisation names the member' }),
  roles: Type.Array(RoleBindingSchema),
  createdAt: Instant,
};
export const MemberViewSchema = Type.Unsafe<MemberView>(Type.Object(memberFields));

export const NewMemberSchema = Strict(
  { email: Email, name: Name, password: Password, roles: Roles },
  {
    examples: [
      {
        email: 'grace@example.com',
        name: 'Grace Hopper',
        password: 'correct horse battery staple',
        roles: [{ role: 'editor', project: 'default' }],
      },
    ],
  },
);
export type NewMember = Static<typeof NewMemberSchema>;

export const MemberChangeSchema = Strict(
  { name: Type.Optional(Name), roles: Type.Optional(Roles) },
  {
    minProperties: 1,
    examples: [
      {
        roles: [
          { role: 'editor', project: 'default' },
          { role: 'viewer', project: 'default', environment: 'production' },
        ],
      },
    ],
  },
);
export type MemberChange = Static<typeof MemberChangeSchema>;

export const NewInvitationSchema = Strict(
  {
    email: Email,
    roles: Roles,
    expiresInHours: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 24 * 30, description: 'How long the link works; default 168 (7 days)' }),
    ),
  },
  { examples: [{ email: 'linus@example.com', roles: [{ role: 'editor', project: 'default' }], expiresInHours: 72 }] },
);
export type NewInvitation = Static<typeof NewInvitationSchema>;

const invitationFields = {
  id: Type.String(),
  email: Type.String(),
  roles: Type.Array(RoleBindingSchema),
  invitedBy: Type.String(),
  createdAt: Instant,
  expiresAt: Instant,
};
export const InvitationViewSchema = Type.Unsafe<InvitationView>(Type.Object(invitationFields));
export const NewInvitationViewSchema = Type.Unsafe<InvitationView & { token: string; url: string }>(
  Type.Object({
    ...invitationFields,
    token: Type.String({ description: 'The single-use secret, shown this once' }),
    url: Type.String({ description: 'The link to send to the invited person' }),
  }),
);

export const InvitationAcceptanceSchema = Strict(
  {
    token: Type.String({ minLength: 1, maxLength: 200 }),
    name: Name,
    password: Password,
  },
  {
    examples: [
      {
        token: 'vx_inv_7Jw2kQ9cXb4mRtY8nLp3sVd6Hq1zFe5o',
        name: 'Linus',
        password: 'a long passphrase of my own',
      },
    ],
  },
);
export type InvitationAcceptance = Static<typeof InvitationAcceptanceSchema>;

export const CredentialsSchema = Strict(
  {
    email: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { examples: [{ email: 'grace@example.com', password: 'correct horse battery staple' }] },
);
export type Credentials = Static<typeof CredentialsSchema>;

export const PasswordChangeSchema = Strict(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Password,
  },
  { examples: [{ currentPassword: 'correct horse battery staple', newPassword: 'a longer passphrase, still mine' }] },
);
export type PasswordChange = Static<typeof PasswordChangeSchema>;

const Organization = (description?: string) =>
  Type.Object({ key: Type.String(), name: Type.String() }, description === undefined ? {} : { description });

export const SessionViewSchema = Type.Unsafe<SessionView>(
  Type.Object({
    member: Type.Object({
      ...memberFields,
      hasPassword: Type.Boolean({
        description: 'Whether the account can sign in with a password (single sign-on-only accounts cannot)',
      }),
    }),
    organization: Organization('The organisation the session is in'),
    organizations: Type.Array(Organization(), {
      description: 'Every organisation the account belongs to; switch with POST /api/v1/auth/organization',
    }),
    csrfToken: Type.String({
      description: 'Send it back in the X-CSRF-Token header with every change made with the session cookie',
    }),
    expiresAt: Instant,
  }),
);

/** The key of an organisation the signed-in account belongs to. */
export const OrganizationSwitchSchema = Strict({ organization: Key }, { examples: [{ organization: 'acme' }] });
