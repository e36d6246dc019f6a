import { Stack, Text } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { ApiError, isApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../lib/components/ErrorAlert.tsx';

/** The API's message for a field, also for an item of a list field (`jurisdictions.2`). */
export function fieldErrorOf(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.issues.find((i) => i.path === field || i.path.startsWith(`${field}.`))?.message;
}

/**
 * The alert above a form: the error in the API's words unless every problem it named is already
 * shown under a field of the form. A stale version (409) gets its own clear explanation.
 */
export function FormError({
  error,
  fields,
  title = 'Could not save',
  conflict,
}: {
  error: unknown;
  fields: readonly string[];
  title?: string;
  /** What to say (and offer) when someone else changed the record meanwhile. */
  conflict?: ReactNode;
}) {
  // A long form is usually scrolled to its buttons when the answer comes: bring the message into view.
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [error]);
  if (!error) return null;
  return (
    <div ref={ref} style={{ scrollMarginTop: 72 }}>
      <FormErrorMessage error={error} fields={fields} title={title} conflict={conflict} />
    </div>
  );
}

function FormErrorMessage({
  error,
  fields,
  title,
  conflict,
}: {
  error: unknown;
  fields: readonly string[];
  title: string;
  conflict?: ReactNode;
}) {
  if (isApiError(error, 'version_conflict') && conflict) return <>{conflict}</>;
  if (error instanceof ApiError && error.code === 'validation_failed') {
    const unshown = error.issues.filter((i) => !fields.some((f) => i.path === f || i.path.startsWith(`${f}.`)));
    if (error.issues.length > 0 && unshown.length === 0) {
      return <ErrorAlert error={new Error('Check the fields marked in red.')} title={title} />;
    }
    if (unshown.length > 0) {
      return (
        <ErrorAlert
          error={
            new Error(
              unshown
                .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
                .join('; ')
                .replace(/\.$/, ''),
            )
          }
          title={title}
        />
      );
    }
  }
  return <ErrorAlert error={error} title={title} />;
}

/** A form section heading with one line saying what belongs there. */
export function FormSection({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Stack gap="sm" component="fieldset" m={0} p={0} style={{ border: 0, minWidth: 0 }}>
      <Stack gap={0} component="legend" p={0} mb={4}>
        <Text fw={600} size="sm">
          {title}
        </Text>
        {description ? (
          <Text size="xs" c="dimmed">
            {description}
          </Text>
        ) : null}
      </Stack>
      {children}
    </Stack>
  );
}

/** '' for "no date", so a date input can be cleared. */
export function dayOrNull(value: string): string | null {
  return value.trim() === '' ? null : value.trim();
}

/** The fields whose value differs, for a PATCH that sends only what changed. */
export function changedOnly<T extends Record<string, unknown>>(next: T, previous: Record<string, unknown>): Partial<T> {
  const patch: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T & string)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(previous[key])) patch[key] = next[key];
  }
  return patch;
}

/** Moves focus to the first field marked invalid, once the errors have rendered (a long form may hide them). */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  window.requestAnimationFrame(() => {
    const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.focus();
    field?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  });
}
