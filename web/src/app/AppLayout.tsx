import { AppShell, Burger, Group, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, ScrollRestoration, useMatch } from 'react-router';
import { useSession } from '../features/auth/api.ts';
import { TrellisMark } from '../lib/components/TrellisMark.tsx';
import { lastOrg } from './last-org.ts';
import { Navigation } from './Navigation.tsx';
import { OrgSwitcher } from './OrgSwitcher.tsx';
import { UserMenu } from './UserMenu.tsx';

/** The signed-in frame: header with organization switcher and user menu, navigation on the left. */
export function AppLayout() {
  const session = useSession();
  const [navOpen, { toggle, close }] = useDisclosure(false);
  const match = useMatch('/orgs/:org/*');
  const organizations = session.data?.organizations ?? [];
  const fromRoute = match?.params.org ?? null;
  const routeOrg = organizations.find((o) => o.slug === fromRoute || o.id === fromRoute) ?? null;
  // Outside an organization route (e.g. /account) keep showing the organization used last.
  const navOrg = routeOrg ?? (fromRoute ? null : (organizations.find((o) => o.slug === lastOrg()) ?? organizations[0] ?? null));
  const user = session.data?.user;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 272, breakpoint: 'sm', collapsed: { mobile: !navOpen, desktop: !navOrg } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            {navOrg ? <Burger opened={navOpen} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" /> : null}
            <UnstyledButton component={Link} to="/" aria-label="Trellis home">
              <Group gap={8} wrap="nowrap">
                <TrellisMark size={26} />
                <Text fw={700} size="lg" c="dark.7" visibleFrom="xs">
                  Trellis
                </Text>
              </Group>
            </UnstyledButton>
            {organizations.length > 0 || navOrg ? <OrgSwitcher organizations={organizations} current={navOrg?.slug ?? null} /> : null}
          </Group>
          {user ? <UserMenu user={user} /> : null}
        </Group>
      </AppShell.Header>
      {navOrg ? (
        <AppShell.Navbar>
          <Navigation orgSlug={navOrg.slug} onNavigate={close} />
        </AppShell.Navbar>
      ) : null}
      <AppShell.Main bg="gray.0">
        <div style={{ maxWidth: 1200, margin: '0 auto' }}>
          <Outlet />
        </div>
        {/* A new page opens at its top; back and forward return to where the reader was. */}
        <ScrollRestoration />
      </AppShell.Main>
    </AppShell>
  );
}
