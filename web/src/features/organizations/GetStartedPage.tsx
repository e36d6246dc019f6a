import { Anchor, Text } from '@mantine/core';
import { Link, Navigate, useNavigate } from 'react-router';
import { AuthCard } from '../../lib/components/AuthCard.tsx';
import { useSession } from '../auth/api.ts';
import { CreateOrganizationForm } from './CreateOrganizationForm.tsx';

/** Shown to a signed-in user who belongs to no organization yet. */
export function GetStartedPage() {
  const navigate = useNavigate();
  const session = useSession();
  const first = session.data?.organizations[0];
  if (first) return <Navigate to={`/orgs/${first.slug}`} replace />;
  return (
    <AuthCard
      title="Create your first organization"
      subtitle="An organization holds one AI management system: its scope, AI systems, risks, controls, members and audit log. You become its owner."
    >
      <CreateOrganizationForm onCreated={(org) => void navigate(`/orgs/${org.slug}`, { replace: true })} />
      <Text size="xs" c="dimmed">
        Expecting to join an existing organization? Ask one of its owners for an invitation link. Signed in as {session.data?.user.email}.{' '}
        <Anchor component={Link} to="/account" size="xs">
          Account
        </Anchor>
      </Text>
    </AuthCard>
  );
}
