import { Type, type Static } from 'typebox';
import { RoleBindingSchema } from '../api-tokens/schemas.js';
import { Name, Strict } from '../http/schemas.js';
import type { InvitationView } from './invitations.js';
import type { MemberView } from './service.js';

const Instant = Type.String({ format: 'date-time' });
const Roles = Type.Array(RoleBindingSchema, { minItems: 1, maxItems: 100 });
export const Email = Type.String({ format: 'email', maxLength: 320 });
/** Long enough to resist guessing; no composition rules (NIST SP 800-63B). */
export const Password = Type.String({ minLength: 12, maxLength: 1024, description: 'At least 12 characters' });

export const MemberViewSchema = Type.Unsafe<MemberView>(
  Type.Object({
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    roles: Type.Array(RoleBindingSchema),
    hasPassword: Type.Boolean(),
    createdAt: Instant,
  }),
);

export const NewMemberSchema = Strict({ email: Email, name: Name, password: Password, roles: Roles });
export type NewMember = Static<typeof NewMemberSchema>;

export const MemberChangeSchema = Strict(
  { name: Type.Optional(Name), roles: Type.Optional(Roles) },
  { minProperties: 1 },
);
export type MemberChange = Static<typeof MemberChangeSchema>;

export const NewInvitationSchema = Strict({
  email: Email,
  roles: Roles,
  expiresInHours: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 24 * 30, description: 'How long the link works; default 168 (7 days)' }),
  ),
});
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

export const InvitationAcceptanceSchema = Strict({
  token: Type.String({ minLength: 1, maxLength: 200 }),
  name: Name,
  password: Password,
});
export type InvitationAcceptance = Static<typeof InvitationAcceptanceSchema>;

export const CredentialsSchema = Strict({
  email: Type.String({ minLength: 1, maxLength: 320 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
});
export type Credentials = Static<typeof CredentialsSchema>;

export const PasswordChangeSchema = Strict({
  currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
  newPassword: Password,
});
export type PasswordChange = Static<typeof PasswordChangeSchema>;

export const SessionViewSchema = Type.Object({
  member: MemberViewSchema,
  organization: Type.Object({ key: Type.String(), name: Type.String() }),
  csrfToken: Type.String({
    description: 'Send it back in the X-CSRF-Token header with every change made with the session cookie',
  }),
  expiresAt: Instant,
});
