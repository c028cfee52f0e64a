import { Alert, List } from '@mantine/core';
import { humanize, isProblem } from '../api/problem';

interface FormProblemProps {
  error: unknown;
  /** Fields the form shows errors at; the problem's other errors are listed here. */
  fields: readonly string[];
  /** A better message per status, in the words of this form (401 on sign-in means wrong credentials). */
  messages?: Partial<Record<number, string>>;
}

/** What went wrong with a submitted form, above it; errors about a field are shown at that field instead. */
export function FormProblem({ error, fields, messages = {} }: FormProblemProps) {
  if (!error) return null;
  if (!isProblem(error))
    return (
      <Alert color="red" role="alert">
        Something unexpected went wrong. Try again.
      </Alert>
    );
  const others = error.otherErrors(fields);
  const atFields = error.errors.length > 0 && others.length === 0;
  if (atFields) return null;
  const message = messages[error.status] ?? (others.length > 0 ? error.title : (error.detail ?? error.title));
  return (
    <Alert color="red" role="alert">
      {message}
      {others.length > 0 && (
        <List size="sm" mt="xs">
          {others.map((other) => (
            <List.Item key={`${other.path}:${other.message}`}>
              {other.path ? `${other.path}: ` : ''}
              {humanize(other.message)}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** The server's message for one field of a submitted form, if any. */
export function fieldError(error: unknown, path: string): string | undefined {
  return isProblem(error) ? error.fieldError(path) : undefined;
}
