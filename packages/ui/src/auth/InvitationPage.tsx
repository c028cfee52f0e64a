import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { isProblem } from '../api/problem';
import { useAcceptInvitation } from '../api/session';
import { FormProblem, fieldError } from '../components/FormProblem';
import { usePageTitle } from '../components/use-page-title';
import { AuthLayout } from './AuthLayout';

/**
 * `/invitations/accept#<token>`: the link of an invitation. The token is in the fragment, which
 * browsers never send to a server, so it stays out of logs and Referer headers.
 */
export function InvitationPage() {
  usePageTitle('Accept your invitation');
  const token = useLocation().hash.slice(1);
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');

  if (!token)
    return (
      <AuthLayout title="This invitation link is incomplete">
        <Text size="sm">
          Open the link from your invitation exactly as you received it, or ask whoever invited you for a new one.
        </Text>
      </AuthLayout>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate({ token, name, password }, { onSuccess: () => void navigate('/', { replace: true }) });
  };
  return (
    <AuthLayout
      title="Join Vexil"
      subtitle="Choose your name and a password to accept your invitation. Already have a Vexil account with this address? Give its password: you keep one account, in each organisation you join."
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormProblem
            error={accept.error}
            fields={['name', 'password']}
            messages={{
              404: 'This invitation has expired, was already used, or was revoked. Ask whoever invited you for a new one.',
            }}
          />
          {isProblem(accept.error, 409) && (
            <Anchor component={Link} to="/sign-in" size="sm">
              Sign in instead
            </Anchor>
          )}
          <TextInput
            label="Your name"
            autoComplete="name"
            required
            autoFocus
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={fieldError(accept.error, 'name')}
          />
          <PasswordInput
            label="Password"
            description="At least 12 characters; the one you have if this address already has an account"
            autoComplete="new-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={fieldError(accept.error, 'password')}
          />
          <Button type="submit" loading={accept.isPending} fullWidth>
            Accept and sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
