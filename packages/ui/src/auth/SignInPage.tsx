import { Button, Divider, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isProblem } from '../api/problem';
import { useAuthProviders, useSession, useSignIn } from '../api/session';
import { FormProblem, fieldError } from '../components/FormProblem';
import { PageLoading } from '../components/PageLoading';
import { usePageTitle } from '../components/use-page-title';
import { AuthLayout } from './AuthLayout';
import { returnPath } from './return-path';

/** `/sign-in?returnTo=/projects/…`: email and password, or single sign-on; then back where the member was going. */
export function SignInPage() {
  usePageTitle('Sign in');
  const [params] = useSearchParams();
  const destination = returnPath(params.get('returnTo'));
  const session = useSession();
  const providers = useAuthProviders();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  if (session.isPending) return <PageLoading label="Checking your session…" />;
  if (session.data) return <Navigate to={destination} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password }, { onSuccess: () => void navigate(destination, { replace: true }) });
  };
  const oidc = providers.data?.oidc;
  return (
    <AuthLayout title="Sign in" subtitle="to manage your feature flags">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormProblem error={signIn.error} fields={['email', 'password']} messages={signInMessages(signIn.error)} />
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldError(signIn.error, 'email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={fieldError(signIn.error, 'password')}
          />
          <Button type="submit" loading={signIn.isPending} fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
      {oidc && (
        <>
          <Divider label="or" labelPosition="center" />
          <Button
            component="a"
            href={`/api/v1/auth/oidc?returnTo=${encodeURIComponent(destination)}`}
            variant="default"
            fullWidth
          >
            Sign in with {oidc.name}
          </Button>
        </>
      )}
    </AuthLayout>
  );
}

function signInMessages(error: unknown): Partial<Record<number, string>> {
  const wait = isProblem(error, 429) ? error.retryAfterSeconds : undefined;
  return {
    401: 'The email or the password is wrong.',
    429: `Too many attempts, try again in ${wait ?? 60} s.`,
  };
}
