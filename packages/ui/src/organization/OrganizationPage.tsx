import { Alert, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { type Organization, useOrganization, useRenameOrganization } from '../api/organization';
import { useAuthProviders } from '../api/session';
import { can } from '../auth/permissions';
import { FormProblem, fieldError } from '../components/FormProblem';
import { KeyText } from '../components/KeyText';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { RelativeTime } from '../components/RelativeTime';
import { usePageTitle } from '../components/use-page-title';
import { useSignedIn } from '../shell/session-context';

/**
 * `/settings/organization`: the organisation's name (owners rename it), its key, and how members
 * sign in — whether single sign-on is configured on this server, and with which provider.
 */
export function OrganizationPage() {
  usePageTitle('Organisation');
  const session = useSignedIn();
  const mayRead = can(session.member, 'organization:read', {});
  const organization = useOrganization(mayRead);
  const header = (
    <Stack gap={2}>
      <Title order={1}>Organisation</Title>
      <Text size="sm" c="dimmed">
        Every project, member and token belongs to one organisation.
      </Text>
    </Stack>
  );
  if (!mayRead)
    return (
      <Stack gap="lg" maw={800}>
        {header}
        <Alert color="gray" title="You may not see the organisation’s settings" role="alert">
          Your grants are on projects or environments only; these settings are for those with a role on the whole
          organisation ({session.organization.name}). Ask an owner if you need them.
        </Alert>
      </Stack>
    );
  if (organization.isPending) return <PageLoading />;
  if (organization.isError)
    return (
      <PageError
        error={organization.error}
        title="Could not load the organisation"
        onRetry={() => void organization.refetch()}
      />
    );
  return (
    <Stack gap="lg" maw={800}>
      {header}
      <NameSection organization={organization.data} mayRename={can(session.member, 'organization:update', {})} />
      <SingleSignOn />
    </Stack>
  );
}

function NameSection({ organization, mayRename }: { organization: Organization; mayRename: boolean }) {
  const rename = useRenameOrganization();
  const [name, setName] = useState(organization.name);
  const [saved, setSaved] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    rename.mutate(name.trim(), { onSuccess: () => setSaved(true) });
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="organization-name">
      <Stack gap="sm">
        <Title order={2} size="h4" id="organization-name">
          Name
        </Title>
        {mayRename ? (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <FormProblem error={rename.error} fields={['name']} />
              <Group align="flex-start" gap="sm">
                <TextInput
                  label="Organisation name"
                  description="Shown in the organisation switcher and to everyone invited"
                  required
                  value={name}
                  onChange={(event) => {
                    setName(event.currentTarget.value);
                    setSaved(false);
                  }}
                  error={fieldError(rename.error, 'name')}
                  style={{ flex: 1 }}
                />
                <Button type="submit" mt={46} loading={rename.isPending} disabled={name.trim() === organization.name}>
                  Rename
                </Button>
              </Group>
              {saved && (
                <Text size="sm" c="teal.9" role="status">
                  Renamed to {organization.name}.
                </Text>
              )}
            </Stack>
          </form>
        ) : (
          <Text fw={600} data-testid="organization-name">
            {organization.name}
          </Text>
        )}
        <Group gap="lg">
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              Key
            </Text>
            <KeyText text={organization.key} label={`the key ${organization.key}`} />
          </Group>
          <RelativeTime at={organization.createdAt} prefix="created " size="sm" c="dimmed" />
        </Group>
      </Stack>
    </Paper>
  );
}

/** Whether this server offers single sign-on, as the sign-in page does (GET /api/v1/auth/providers). */
function SingleSignOn() {
  const providers = useAuthProviders();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="organization-sso">
      <Stack gap="sm">
        <Title order={2} size="h4" id="organization-sso">
          Single sign-on
        </Title>
        {providers.isPending ? (
          <PageLoading label="Checking how members sign in…" />
        ) : providers.isError ? (
          <PageError
            error={providers.error}
            title="Could not check single sign-on"
            onRetry={() => void providers.refetch()}
          />
        ) : providers.data.oidc ? (
          <Stack gap="xs" data-testid="sso-status" data-configured="true">
            <Group gap="xs">
              <Badge color="teal.9" variant="outline" tt="none">
                Configured
              </Badge>
              <Text size="sm" fw={600}>
                {providers.data.oidc.name}
              </Text>
            </Group>
            <Text size="sm">
              The sign-in page offers “Sign in with {providers.data.oidc.name}” (OpenID Connect)
              {providers.data.password ? ', beside email and password' : ''}. Members sign in with it (found by the
              provider account linked to them, else by email), and people with an open invitation join with it.
            </Text>
          </Stack>
        ) : (
          <Stack gap="xs" data-testid="sso-status" data-configured="false">
            <Group gap="xs">
              <Badge color="gray.7" variant="outline" tt="none">
                Not configured
              </Badge>
            </Group>
            <Text size="sm">
              Members sign in with their email and password. A server administrator turns on single sign-on with{' '}
              <code>VEXIL_OIDC_ISSUER</code>, <code>VEXIL_OIDC_CLIENT_ID</code> and{' '}
              <code>VEXIL_OIDC_CLIENT_SECRET</code>, as the single sign-on section of docs/configuration.md describes.
            </Text>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
