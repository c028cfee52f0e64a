import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { type Invitation, type NewInvitation, type OrgMember, useInvitations, useMembers } from '../api/members';
import { can } from '../auth/permissions';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { RelativeTime } from '../components/RelativeTime';
import { usePageTitle } from '../components/use-page-title';
import { useSignedIn } from '../shell/session-context';
import { EditMemberDialog } from './EditMemberDialog';
import { InvitationLinkDialog } from './InvitationLinkDialog';
import { InviteDialog } from './InviteDialog';
import { filterMembers, isLastOwner, type MemberTab, parseMemberTab } from './member-model';
import { RemoveMemberDialog } from './RemoveMemberDialog';
import { RevokeInvitationDialog } from './RevokeInvitationDialog';
import { GrantList } from './GrantList';
import { RoleMatrix } from './RoleMatrix';

/**
 * `/settings/members`: the organisation's members with their grants, searchable (`?q=`); for
 * owners, invitations (`?tab=invitations`: sent with a link shown once, revoked), grants changed at
 * the organisation, a project or an environment, members removed — never the last owner.
 */
export function MembersPage() {
  usePageTitle('Members');
  const { member: me } = useSignedIn();
  const mayRead = can(me, 'member:read', {});
  const mayManage = can(me, 'member:manage', {});
  const members = useMembers(mayRead);
  const invitations = useInvitations(mayManage);
  const [params, setParams] = useSearchParams();
  const tab: MemberTab = mayManage ? parseMemberTab(params.get('tab')) : 'members';
  const search = params.get('q') ?? '';
  const [inviting, setInviting] = useState(false);
  const [sent, setSent] = useState<NewInvitation | undefined>(undefined);
  const [editing, setEditing] = useState<OrgMember | undefined>(undefined);
  const [removing, setRemoving] = useState<OrgMember | undefined>(undefined);
  const [revoking, setRevoking] = useState<Invitation | undefined>(undefined);

  const setParam = (name: string, value: string | null, replace = false) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null || value === '') next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace, preventScrollReset: true },
    );

  const header = (
    <Group justify="space-between" align="flex-end" wrap="nowrap">
      <Stack gap={2}>
        <Title order={1}>Members</Title>
        <Text size="sm" c="dimmed">
          People of this organisation and what each may do: a role on the whole organisation, a project, or one
          environment.
        </Text>
      </Stack>
      {mayManage && (
        <Button onClick={() => setInviting(true)} style={{ flexShrink: 0 }}>
          Invite member
        </Button>
      )}
    </Group>
  );

  if (!mayRead)
    return (
      <Stack gap="lg" maw={1100}>
        {header}
        <Alert color="gray" title="You may not see the members" role="alert" maw={720}>
          Your grants are on projects or environments only; the organisation’s members are for those with a role on the
          whole organisation. Ask an owner if you need to see them.
        </Alert>
      </Stack>
    );
  if (members.isPending) return <PageLoading label="Loading the members…" />;
  if (members.isError)
    return (
      <PageError error={members.error} title="Could not load the members" onRetry={() => void members.refetch()} />
    );

  const list = members.data;
  const shown = filterMembers(list, search);
  const memberList = (
    <Stack gap="sm">
      <TextInput
        label="Search members"
        placeholder="Name or email"
        value={search}
        onChange={(event) => setParam('q', event.currentTarget.value, true)}
        maw={360}
      />
      {shown.length === 0 ? (
        <Paper withBorder p="md">
          <Text size="sm">No member’s name or email contains “{search}”.</Text>
        </Paper>
      ) : (
        <MemberTable
          members={shown}
          all={list}
          me={me.id}
          mayManage={mayManage}
          onEdit={setEditing}
          onRemove={setRemoving}
        />
      )}
    </Stack>
  );

  return (
    <Stack gap="lg" maw={1100}>
      {header}
      {mayManage ? (
        <Tabs value={tab} onChange={(value) => setParam('tab', value === 'members' ? null : value)} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="members">Members ({list.length})</Tabs.Tab>
            <Tabs.Tab value="invitations">
              Invitations{invitations.data ? ` (${invitations.data.length})` : ''}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="members" pt="md">
            {memberList}
          </Tabs.Panel>
          <Tabs.Panel value="invitations" pt="md">
            <InvitationsPanel invitations={invitations} onRevoke={setRevoking} onInvite={() => setInviting(true)} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <>
          {memberList}
          <Text size="sm" c="dimmed">
            Owners invite members and change what they may do.
          </Text>
        </>
      )}
      <RoleMatrix />
      {mayManage && (
        <>
          <InviteDialog
            opened={inviting}
            onClose={() => setInviting(false)}
            onSent={(invitation) => {
              setInviting(false);
              setSent(invitation);
              setParam('tab', 'invitations');
            }}
          />
          <InvitationLinkDialog invitation={sent} onClose={() => setSent(undefined)} />
          <EditMemberDialog
            member={editing}
            lastOwner={editing !== undefined && isLastOwner(editing, list)}
            onClose={() => setEditing(undefined)}
          />
          <RemoveMemberDialog member={removing} me={me.id} onClose={() => setRemoving(undefined)} />
          <RevokeInvitationDialog invitation={revoking} onClose={() => setRevoking(undefined)} />
        </>
      )}
    </Stack>
  );
}

interface MemberTableProps {
  members: readonly OrgMember[];
  all: readonly OrgMember[];
  me: string;
  mayManage: boolean;
  onEdit(member: OrgMember): void;
  onRemove(member: OrgMember): void;
}

function MemberTable({ members, all, me, mayManage, onEdit, onRemove }: MemberTableProps) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" aria-label="Members" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Grants</Table.Th>
            <Table.Th>Joined</Table.Th>
            {mayManage && (
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((member) => {
            const last = isLastOwner(member, all);
            return (
              <Table.Tr key={member.id} data-testid="member" data-email={member.email}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                      {member.name}
                    </Text>
                    {member.id === me && (
                      <Badge variant="outline" color="gray.7" tt="none" size="sm" style={{ flexShrink: 0 }}>
                        You
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{member.email}</Text>
                </Table.Td>
                <Table.Td>
                  <GrantList roles={member.roles} />
                  {last && (
                    <Text size="xs" c="dimmed" data-testid="last-owner">
                      The only owner: make someone else owner before removing or demoting them.
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <RelativeTime at={member.createdAt} size="sm" />
                </Table.Td>
                {mayManage && (
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => onEdit(member)}
                        aria-label={`Change grants of ${member.name}`}
                      >
                        Change grants
                      </Button>
                      {!last && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => onRemove(member)}
                          aria-label={`Remove ${member.name}`}
                        >
                          Remove
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface InvitationsPanelProps {
  invitations: ReturnType<typeof useInvitations>;
  onRevoke(invitation: Invitation): void;
  onInvite(): void;
}

function InvitationsPanel({ invitations, onRevoke, onInvite }: InvitationsPanelProps) {
  if (invitations.isPending) return <PageLoading label="Loading the invitations…" />;
  if (invitations.isError)
    return (
      <PageError
        error={invitations.error}
        title="Could not load the invitations"
        onRetry={() => void invitations.refetch()}
      />
    );
  if (invitations.data.length === 0)
    return (
      <Paper withBorder p="md">
        <Group justify="space-between">
          <Text size="sm">
            No invitation is waiting. Invite someone: they get a link to choose their name and password, and join with
            the grants you choose.
          </Text>
          <Button variant="default" size="xs" onClick={onInvite}>
            Invite member
          </Button>
        </Group>
      </Paper>
    );
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" aria-label="Open invitations" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Email</Table.Th>
            <Table.Th>Grants</Table.Th>
            <Table.Th>Invited</Table.Th>
            <Table.Th>Link works until</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invitations.data.map((invitation) => (
            <Table.Tr key={invitation.id} data-testid="invitation" data-email={invitation.email}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {invitation.email}
                </Text>
              </Table.Td>
              <Table.Td>
                <GrantList roles={invitation.roles} />
              </Table.Td>
              <Table.Td>
                <RelativeTime at={invitation.createdAt} size="sm" />
                <Text size="xs" c="dimmed">
                  by {invitation.invitedBy}
                </Text>
              </Table.Td>
              <Table.Td>
                <RelativeTime at={invitation.expiresAt} size="sm" />
              </Table.Td>
              <Table.Td>
                <Group justify="flex-end">
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => onRevoke(invitation)}
                    aria-label={`Revoke the invitation of ${invitation.email}`}
                  >
                    Revoke
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
