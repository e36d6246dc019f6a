import { Select } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useLocation, useNavigate } from 'react-router';
import type { OrganizationMembership } from '../features/auth/api.ts';
import { CreateOrganizationModal } from '../features/organizations/CreateOrganizationModal.tsx';

const CREATE = '__create__';

export interface OrgSwitcherProps {
  organizations: OrganizationMembership[];
  current: string | null;
}

/** Picks the organization to work in; its last option creates a new one. */
export function OrgSwitcher({ organizations, current }: OrgSwitcherProps) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [creating, { open, close }] = useDisclosure(false);

  const onChange = (value: string | null) => {
    if (!value) return;
    if (value === CREATE) {
      open();
      return;
    }
    // Stay in the same area when switching: /orgs/a/members → /orgs/b/members.
    const section = /^\/orgs\/[^/]+(\/[^/]+)?/.exec(pathname)?.[1] ?? '';
    void navigate(`/orgs/${value}${section}`);
  };

  return (
    <>
      <Select
        aria-label="Organization"
        value={current}
        onChange={onChange}
        placeholder="Choose an organization"
        data={[
          { group: 'Your organizations', items: organizations.map((o) => ({ value: o.slug, label: o.name })) },
          { group: 'New', items: [{ value: CREATE, label: '+ Create organization…' }] },
        ]}
        allowDeselect={false}
        w={{ base: 180, sm: 260 }}
        comboboxProps={{ width: 280, position: 'bottom-start' }}
        checkIconPosition="right"
      />
      <CreateOrganizationModal opened={creating} onClose={close} />
    </>
  );
}
