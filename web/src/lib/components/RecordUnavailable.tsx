import { Button, Paper } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../api.ts';
import { EmptyMessage } from './EmptyMessage.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { LoadingState } from './LoadingState.tsx';

export interface RecordUnavailableProps {
  /** The record (or anything the page needs first) is still loading. */
  pending: boolean;
  /** Why it could not be loaded, when it could not. */
  error: unknown;
  /** The record's kind as it reads mid-sentence ("AI objective", "monitoring plan"); the texts are made from it. */
  noun: string;
  /** Where the "not found" state leads back to, and its button's label ("Back to AI objectives"). */
  back: { to: string; label: string };
  /** Whether the error means the record is not there; by default, an API `not_found`. */
  notFound?: boolean;
  /** Overrides, for a page whose texts do not follow the noun. */
  loadingLabel?: string;
  notFoundTitle?: string;
  notFoundDescription?: ReactNode;
  errorTitle?: string;
}

/**
 * What a record page shows (under its breadcrumbs) until it has the record: a spinner while it loads,
 * "not found" with a way back when the API says so, or the error. Render it only while the query is pending or failed.
 */
export function RecordUnavailable({
  pending,
  error,
  noun,
  back,
  notFound = isApiError(error, 'not_found'),
  loadingLabel = `Loading the ${noun}…`,
  notFoundTitle = `${noun.charAt(0).toUpperCase()}${noun.slice(1)} not found`,
  notFoundDescription = 'It may have been deleted, or the address is wrong.',
  errorTitle = `Could not load the ${noun}`,
}: RecordUnavailableProps) {
  if (pending) {
    return (
      <Paper withBorder radius="md">
        <LoadingState label={loadingLabel} />
      </Paper>
    );
  }
  if (notFound) {
    return (
      <Paper withBorder radius="md">
        <EmptyMessage title={notFoundTitle} description={notFoundDescription}>
          <Button component={Link} to={back.to} variant="light">
            {back.label}
          </Button>
        </EmptyMessage>
      </Paper>
    );
  }
  return <ErrorAlert error={error} title={errorTitle} />;
}
