import {
  Badge,
  Code,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { useEnvironments } from '../../api/environments';
import { humanize } from '../../api/problem';
import { useFlagDraft } from '../draft/FlagDraftContext';
import { errorFor, errorsAt } from '../logic/problems';
import { ArchiveFlag } from './ArchiveFlag';
import { VariationsEditor } from './VariationsEditor';
import { variationValueText } from './variations';

/**
 * The flag's settings: name, description, tags, lifetime, client-side availability and variations.
 * Edits go into the page's draft, so they are reviewed and saved with the draft bar like any other
 * change; the server's refusals show at the fields they name. Archiving acts at once, confirmed.
 * Viewers see the same settings as text, with no controls.
 */
export function SettingsTab() {
  const { project, draft, canEdit } = useFlagDraft();
  const environments = useEnvironments(project);
  const environmentName = (key: string) =>
    environments.data?.find((environment) => environment.key === key)?.name ?? key;
  const editable = canEdit();
  return (
    <Stack gap="lg" maw={880}>
      <Section title="General" id="settings-general">
        {editable ? <GeneralFields /> : <GeneralReadOnly />}
      </Section>
      <Section
        title="Variations"
        id="settings-variations"
        description={`What the flag can serve: values of its type (${draft.type}), which never changes.`}
      >
        {editable ? <VariationsEditor environmentName={environmentName} /> : <VariationsReadOnly />}
      </Section>
      {editable && (
        <Section title={draft.archived ? 'Archived' : 'Archive'} id="settings-archive">
          <ArchiveFlag />
        </Section>
      )}
    </Stack>
  );
}

function Section({
  title,
  id,
  description,
  children,
}: {
  title: string;
  id: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id={id}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}

/** The server's message for a field of the definition, from the draft's last save. */
function useFieldError(): (path: string) => string | undefined {
  const { problem } = useFlagDraft();
  return (path) => {
    const messages = errorsAt(problem, path).map((error) => humanize(error.message));
    const exact = errorFor(problem, path);
    if (exact) return humanize(exact);
    return messages.length > 0 ? messages.join('; ') : undefined;
  };
}

function GeneralFields() {
  const { saved, draft, updateDefinition } = useFlagDraft();
  const fieldError = useFieldError();
  // A name can be changed but not taken away (an edit leaves out what it does not change).
  const nameMissing = draft.name === '' && saved.name ? 'Needs a name' : undefined;
  return (
    <Stack gap="md">
      <TextInput
        label="Name"
        description="How people see the flag; the key stays as it is."
        value={draft.name ?? ''}
        onChange={(event) => {
          const name = event.currentTarget.value;
          updateDefinition((flag) => ({ ...flag, name }));
        }}
        error={fieldError('name') ?? nameMissing}
        maw={480}
      />
      <Textarea
        label="Description"
        description="What it is for, and when it can be removed."
        autosize
        minRows={2}
        maxRows={8}
        value={draft.description ?? ''}
        onChange={(event) => {
          const description = event.currentTarget.value;
          updateDefinition((flag) => ({ ...flag, description }));
        }}
        error={fieldError('description')}
      />
      <TagsInput
        label="Tags"
        description="Press Enter after each tag."
        value={draft.tags ?? []}
        onChange={(tags) => updateDefinition((flag) => ({ ...flag, tags }))}
        error={fieldError('tags')}
        maw={480}
        clearable
      />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="settings-lifetime">
          Lifetime
        </Text>
        <SegmentedControl
          aria-labelledby="settings-lifetime"
          value={draft.temporary === false ? 'permanent' : 'temporary'}
          onChange={(value) => updateDefinition((flag) => ({ ...flag, temporary: value === 'temporary' }))}
          data={[
            { value: 'temporary', label: 'Temporary' },
            { value: 'permanent', label: 'Permanent' },
          ]}
          w={280}
        />
        <Text size="xs" c="dimmed">
          {draft.temporary === false
            ? 'Permanent: remote configuration or a kill switch, meant to stay.'
            : 'Temporary: a release toggle, expected to be removed once the feature is out.'}
        </Text>
        {fieldError('temporary') && (
          <Text size="xs" c="red.9">
            {fieldError('temporary')}
          </Text>
        )}
      </Stack>
      <Switch
        label="Available to client-side SDKs"
        description="Browsers and mobile apps (client keys) may evaluate it. Its rules never reach them, only values."
        checked={draft.clientSideAvailable === true}
        onChange={(event) => {
          const clientSideAvailable = event.currentTarget.checked;
          updateDefinition((flag) => ({ ...flag, clientSideAvailable }));
        }}
        error={fieldError('clientSideAvailable')}
      />
    </Stack>
  );
}

function GeneralReadOnly() {
  const { draft } = useFlagDraft();
  const tags = draft.tags ?? [];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
      <ReadOnlyField label="Name">{draft.name || <Text c="dimmed">No name</Text>}</ReadOnlyField>
      <ReadOnlyField label="Description">{draft.description || <Text c="dimmed">No description</Text>}</ReadOnlyField>
      <ReadOnlyField label="Tags">
        {tags.length === 0 ? (
          <Text c="dimmed">No tags</Text>
        ) : (
          <Group gap={4}>
            {tags.map((tag) => (
              <Badge key={tag} variant="light" tt="none">
                {tag}
              </Badge>
            ))}
          </Group>
        )}
      </ReadOnlyField>
      <ReadOnlyField label="Lifetime">
        {draft.temporary === false ? 'Permanent' : 'Temporary (a release toggle)'}
      </ReadOnlyField>
      <ReadOnlyField label="Client-side SDKs">
        {draft.clientSideAvailable ? 'Available' : 'Not available'}
      </ReadOnlyField>
    </SimpleGrid>
  );
}

function ReadOnlyField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </Stack>
  );
}

function VariationsReadOnly() {
  const { draft } = useFlagDraft();
  return (
    <Table verticalSpacing="xs" aria-label="Variations">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Key</Table.Th>
          <Table.Th>Name</Table.Th>
          <Table.Th>Value</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {draft.variations.map((variation) => (
          <Table.Tr key={variation.key}>
            <Table.Td ff="monospace">{variation.key}</Table.Td>
            <Table.Td>{variation.name ?? ''}</Table.Td>
            <Table.Td>
              <Code style={{ whiteSpace: 'pre-wrap' }}>{variationValueText(draft.type, variation.value)}</Code>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
