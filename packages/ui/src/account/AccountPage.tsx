import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { useChangePassword, useSignOut } from '../api/session';
import { describeRoles } from '../auth/roles';
import { FormProblem, fieldError } from '../components/FormProblem';
import { usePageTitle } from '../components/use-page-title';
import { useSignedIn } from '../shell/session-context';

/** `/account`: who is signed in, password change, sign out. */
export function AccountPage() {
  usePageTitle('Your account');
  const { member, organization } = useSignedIn();
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <Stack maw={560} gap="lg">
      <Title order={1}>Your account</Title>
      <Paper withBorder p="lg">
        <Stack gap={4}>
          <Text fw={600}>{member.name}</Text>
          <Text size="sm">{member.email}</Text>
          <Text size="sm" c="dimmed">
            {describeRoles(member.roles)} in {organization.name}
          </Text>
        </Stack>
      </Paper>
      <PasswordChange hasPassword={member.hasPassword} />
      <div>
        <Button
          variant="default"
          loading={signOut.isPending}
          onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) })}
        >
          Sign out
        </Button>
      </div>
    </Stack>
  );
}

function PasswordChange({ hasPassword }: { hasPassword: boolean }) {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Members who joined by single sign-on have no password yet; the server then ignores the current one.
    change.mutate(
      { currentPassword: hasPassword ? current : 'none', newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
        },
      },
    );
  };
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="password-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h4" id="password-heading">
            {hasPassword ? 'Change your password' : 'Set a password'}
          </Title>
          {change.isSuccess && (
            <Alert color="teal" role="status">
              Your password is changed. Your other sessions were signed out.
            </Alert>
          )}
          <FormProblem error={change.error} fields={['currentPassword', 'newPassword']} />
          {hasPassword && (
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              required
              value={current}
              onChange={(event) => setCurrent(event.currentTarget.value)}
              error={fieldError(change.error, 'currentPassword')}
            />
          )}
          <PasswordInput
            label="New password"
            description="At least 12 characters"
            autoComplete="new-password"
            required
            value={next}
            onChange={(event) => setNext(event.currentTarget.value)}
            error={fieldError(change.error, 'newPassword')}
          />
          <div>
            <Button type="submit" loading={change.isPending}>
              {hasPassword ? 'Change password' : 'Set password'}
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}
