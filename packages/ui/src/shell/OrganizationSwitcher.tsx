import { NativeSelect, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { type Session, useSwitchOrganization } from '../api/session';

/**
 * The organisation the console works in. One organisation is a name, not a choice; with several, a
 * switch moves the session there and starts over at that organisation's home (projects, roles and
 * everything cached belong to the organisation left).
 */
export function OrganizationSwitcher({ session }: { session: Session }) {
  const switchTo = useSwitchOrganization();
  const navigate = useNavigate();
  if (session.organizations.length < 2)
    return (
      <div>
        <Text size="xs" c="dimmed">
          Organisation
        </Text>
        <Text size="sm" fw={600} truncate data-testid="organization">
          {session.organization.name}
        </Text>
      </div>
    );
  return (
    <NativeSelect
      label="Organisation"
      data={session.organizations.map((organization) => ({ value: organization.key, label: organization.name }))}
      value={session.organization.key}
      onChange={(event) => {
        const key = event.currentTarget.value;
        if (key !== session.organization.key)
          switchTo.mutate(key, { onSuccess: () => void navigate('/', { replace: true }) });
      }}
      disabled={switchTo.isPending}
      error={switchTo.isError ? `Could not switch: ${switchTo.error.message}` : undefined}
    />
  );
}
