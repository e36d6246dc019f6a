import { Modal, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { CreateOrganizationForm } from './CreateOrganizationForm.tsx';

export function CreateOrganizationModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  return (
    <Modal opened={opened} onClose={onClose} title="Create organization" centered>
      <Text size="sm" c="dimmed" mb="md">
        Each organization has its own AI management system, members and audit log. You become its owner.
      </Text>
      {opened ? (
        <CreateOrganizationForm
          onCancel={onClose}
          onCreated={(org) => {
            onClose();
            void navigate(`/orgs/${org.slug}`);
          }}
        />
      ) : null}
    </Modal>
  );
}
