import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';
import { useCreateOrganization, type OrganizationView } from './api.ts';

const slugPattern = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

export interface CreateOrganizationFormProps {
  onCreated: (org: OrganizationView) => void;
  onCancel?: () => void;
}

/** Name and optional slug of a new organization; the creator becomes its owner. */
export function CreateOrganizationForm({ onCreated, onCancel }: CreateOrganizationFormProps) {
  const create = useCreateOrganization();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugError, setSlugError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const cleanSlug = slug.trim();
    if (cleanSlug && (cleanSlug.length < 2 || !slugPattern.test(cleanSlug))) {
      setSlugError('Use 2–64 lowercase letters, digits and inner hyphens');
      return;
    }
    setSlugError(null);
    create.mutate({ name: name.trim(), ...(cleanSlug ? { slug: cleanSlug } : {}) }, { onSuccess: onCreated });
  };

  const apiError = isApiError(create.error) ? create.error : null;
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <ErrorAlert error={create.error} title="Could not create the organization" />
        <TextInput
          label="Organization name"
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={apiError?.fieldError('name')}
          data-autofocus
        />
        <TextInput
          label="Slug (optional)"
          description="Used in addresses, e.g. /orgs/acme. Derived from the name when left empty."
          maxLength={64}
          value={slug}
          onChange={(e) => setSlug(e.currentTarget.value.toLowerCase())}
          error={slugError ?? apiError?.fieldError('slug')}
        />
        <Group justify="flex-end" gap="sm">
          {onCancel ? (
            <Button variant="default" onClick={onCancel} disabled={create.isPending}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
            Create organization
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
