import { Alert } from '@mantine/core';
import { ApiError } from '../api.ts';

export interface ErrorAlertProps {
  error: unknown;
  title?: string;
  onClose?: () => void;
}

/** Explains why something failed, in the API's own words where it gave any. */
export function ErrorAlert({ error, title = 'Something went wrong', onClose }: ErrorAlertProps) {
  if (!error) return null;
  const message = messageOf(error);
  return (
    <Alert
      color="red"
      variant="light"
      title={title}
      role="alert"
      withCloseButton={onClose !== undefined}
      onClose={onClose}
      closeButtonLabel="Dismiss"
    >
      {message}
    </Alert>
  );
}

/** A sentence for any error: the API's message, capitalised, or a generic one. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'rate_limited') return capitalise(error.message) || 'Too many attempts. Wait a moment and try again.';
    return capitalise(error.message);
  }
  if (error instanceof Error) return capitalise(error.message);
  return 'An unexpected error occurred.';
}

function capitalise(text: string): string {
  if (!text) return text;
  // Leave a leading email address, path or identifier as it is.
  const firstWord = text.split(/\s/, 1)[0] ?? '';
  const first = /[@/._]/.test(firstWord) ? text : text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}
