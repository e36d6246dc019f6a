import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { AuthCard } from '../../lib/components/AuthCard.tsx';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { LoadingState } from '../../lib/components/LoadingState.tsx';
import { safeNextPath } from '../../lib/navigation.ts';
import { useLogin, useSession } from './api.ts';

export function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const navigate = useNavigate();
  const location = useLocation();
  const signingOut = (location.state as { signedOut?: boolean } | null)?.signedOut === true;
  const session = useSession();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  if (session.isPending) return <LoadingState label="Checking your session…" minHeight={400} />;
  if (session.data && !login.isPending && !signingOut) return <Navigate to={next} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password }, { onSuccess: () => void navigate(next, { replace: true }) });
  };

  const error = login.error;
  const rateLimited = isApiError(error, 'rate_limited');
  return (
    <AuthCard title="Sign in" subtitle="Use the email and password of your Trellis account.">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {error ? (
            <ErrorAlert
              error={error}
              title={rateLimited ? 'Too many attempts' : isApiError(error, 'unauthenticated') ? 'Sign-in failed' : 'Could not sign in'}
            />
          ) : null}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={isApiError(error) ? error.fieldError('email') : undefined}
            data-autofocus
            autoFocus
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={isApiError(error) ? error.fieldError('password') : undefined}
          />
          <Button type="submit" loading={login.isPending} disabled={!email || !password} fullWidth mt="xs">
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
