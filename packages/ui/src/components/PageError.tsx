import { Alert, Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { isProblem } from '../api/problem';

interface PageErrorProps {
  error: unknown;
  /** What the page was doing, for the title: "Could not load the projects". */
  title: string;
  /** Try the same again; offered when trying again can help. */
  onRetry?: () => void;
  /** Another way forward, such as a link elsewhere. */
  children?: ReactNode;
}

/** A page that could not load says what happened and what to do next. */
export function PageError({ error, title, onRetry, children }: PageErrorProps) {
  const { message, retryable } = explain(error);
  return (
    <Alert color="red" variant="light" title={title} role="alert" maw={720}>
      <Text size="sm">{message}</Text>
      {(children !== undefined || (onRetry && retryable)) && (
        <Group mt="md" gap="sm">
          {onRetry && retryable && (
            <Button size="xs" variant="default" onClick={onRetry}>
              Try again
            </Button>
          )}
          {children}
        </Group>
      )}
    </Alert>
  );
}

function explain(error: unknown): { message: string; retryable: boolean } {
  if (!isProblem(error)) return { message: 'Something unexpected went wrong. Reload the page.', retryable: true };
  if (error.status === 0) return { message: error.detail ?? error.title, retryable: true };
  if (error.status === 403)
    return {
      message: `${error.detail ?? 'You do not have access to this.'} Ask an owner or admin of your organisation for access.`,
      retryable: false,
    };
  if (error.status >= 500)
    return {
      message: 'The server failed to answer. Try again; if it keeps failing, the server log says why.',
      retryable: true,
    };
  return { message: error.detail ?? error.title, retryable: false };
}
