import {
  Alert,
  Button,
  Checkbox,
  Group,
  Input,
  List,
  Modal,
  SegmentedControl,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { type Flag, useCreateFlag } from '../../api/flags-list';
import { humanize, isProblem } from '../../api/problem';
import { errorFor, type FieldError, type ProblemSource, unclaimedErrors } from '../logic/problems';
import {
  emptyForm,
  type FlagType,
  type NewFlagForm,
  newFlagRequest,
  withKey,
  withName,
  withType,
} from './new-flag-form';
import { VariationsEditor } from './VariationsEditor';

interface CreateFlagDialogProps {
  project: string;
  opened: boolean;
  onClose: () => void;
  onCreated: (flag: Flag) => void;
}

/** The fields the dialog has inputs for; the server's errors about anything else are listed at the top. */
const FIELDS = ['key', 'name', 'description', 'type', 'variations', 'temporary', 'clientSideAvailable', 'tags'];

const TYPES: { value: FlagType; label: string }[] = [
  { value: 'boolean', label: 'Boolean' },
  { value: 'string', label: 'String' },
  { value: 'number', label: 'Number' },
  { value: 'json', label: 'JSON' },
];

/**
 * Creating a flag of any type: name (the key follows it until edited), description, type and its
 * variations, temporary or permanent, client-side availability, tags. The form's own checks and
 * the server's field errors show at the inputs they name.
 */
export function CreateFlagDialog({ project, opened, onClose, onCreated }: CreateFlagDialogProps) {
  const create = useCreateFlag(project);
  const [form, setForm] = useState<NewFlagForm>(emptyForm);
  // What is wrong: the form's own findings, or the server's problem once sent.
  const [problem, setProblem] = useState<ProblemSource>(undefined);
  // After a refused submit, the first field at fault comes into view with the focus (the dialog scrolls).
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (problem === undefined) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus();
    first?.scrollIntoView({ block: 'center' });
  }, [problem]);
  // The JSON editor (CodeMirror) is not in the first load; fetching it as the dialog opens has it ready.
  useEffect(() => {
    if (opened) void import('./JsonValueEditor');
  }, [opened]);

  const close = () => {
    setForm(emptyForm());
    setProblem(undefined);
    create.reset();
    onClose();
  };
  const errorAt = (path: string) => {
    const message = errorFor(problem, path);
    if (message === undefined) return undefined;
    if (path === 'key' && isProblem(problem, 409))
      return `${form.key.trim()} is taken in ${project}: choose another key`;
    return humanize(message);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request = newFlagRequest(form);
    if (!request.ok) return setProblem(request.errors);
    setProblem(undefined);
    create.mutate(request.flag, {
      onSuccess: (flag) => {
        setForm(emptyForm());
        setProblem(undefined);
        onCreated(flag);
      },
      onError: setProblem,
    });
  };
  const others = unclaimedErrors(problem, FIELDS);

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Create a flag"
      size={720}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <ProblemSummary problem={problem} others={others} />
          <Group grow align="flex-start">
            <TextInput
              label="Name"
              placeholder="New checkout"
              value={form.name}
              onChange={(event) => setForm(withName(form, event.currentTarget.value))}
              error={errorAt('name')}
              data-autofocus
            />
            <TextInput
              label="Key"
              description="Used in code; derived from the name until you edit it"
              placeholder="new-checkout"
              required
              value={form.key}
              onChange={(event) => setForm(withKey(form, event.currentTarget.value))}
              error={errorAt('key')}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          </Group>
          <Textarea
            label="Description"
            placeholder="What it changes, and when it can be removed"
            autosize
            minRows={2}
            maxRows={5}
            value={form.description}
            onChange={(event) => setForm({ ...form, description: event.currentTarget.value })}
            error={errorAt('description')}
          />
          <Input.Wrapper label="Type" error={errorAt('type')}>
            <div>
              <SegmentedControl
                aria-label="Type"
                data={TYPES}
                value={form.type}
                onChange={(type) => {
                  setForm(withType(form, type as FlagType));
                  setProblem(undefined);
                }}
              />
            </div>
          </Input.Wrapper>
          <VariationsEditor form={form} onChange={setForm} errorAt={errorAt} />
          <Input.Wrapper
            label="Lifetime"
            description={
              form.temporary
                ? 'A release toggle: remove it from the code once the feature is out for everyone.'
                : 'Stays in the code: a kill switch, an entitlement or remote configuration.'
            }
            error={errorAt('temporary')}
          >
            <div>
              <SegmentedControl
                mt={4}
                aria-label="Lifetime"
                data={[
                  { value: 'temporary', label: 'Temporary' },
                  { value: 'permanent', label: 'Permanent' },
                ]}
                value={form.temporary ? 'temporary' : 'permanent'}
                onChange={(value) => setForm({ ...form, temporary: value === 'temporary' })}
              />
            </div>
          </Input.Wrapper>
          <Checkbox
            label="Available to client-side SDKs"
            description="Browsers and mobile apps (public client keys) may evaluate it"
            checked={form.clientSideAvailable}
            onChange={(event) => setForm({ ...form, clientSideAvailable: event.currentTarget.checked })}
            error={errorAt('clientSideAvailable')}
          />
          <TagsInput
            label="Tags"
            description="Press Enter after each tag"
            placeholder="checkout, team-payments"
            value={form.tags}
            onChange={(tags) => setForm({ ...form, tags })}
            error={errorAt('tags')}
            maxTags={50}
            splitChars={[',']}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create flag
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Above the form: what no input shows — a refused request without field errors, or errors about other fields. */
function ProblemSummary({ problem, others }: { problem: ProblemSource; others: FieldError[] }) {
  if (problem === undefined) return null;
  if (Array.isArray(problem)) {
    return (
      <Alert color="red" role="alert">
        Some fields need a fix before the flag can be created: see the messages below.
      </Alert>
    );
  }
  if (!isProblem(problem))
    return (
      <Alert color="red" role="alert">
        Something unexpected went wrong. Try again.
      </Alert>
    );
  if (problem.errors.length > 0 && others.length === 0)
    return (
      <Alert color="red" role="alert">
        {problem.status === 409 ? problem.detail : 'The server refused some fields: see the messages below.'}
      </Alert>
    );
  return (
    <Alert color="red" role="alert" title={problem.title}>
      <Text size="sm">{problem.detail}</Text>
      {others.length > 0 && (
        <List size="sm" mt="xs">
          {others.map((error) => (
            <List.Item key={`${error.path}:${error.message}`}>
              {error.path ? `${error.path}: ` : ''}
              {humanize(error.message)}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
