import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  FileButton,
  Group,
  List,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type Environment, useEnvironments } from '../api/environments';
import { type ImportSummary, useEppoImport } from '../api/imports';
import { humanize, isProblem } from '../api/problem';
import { can } from '../auth/permissions';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { usePageTitle } from '../components/use-page-title';
import { isCritical } from '../environments/colors';
import { CriticalBadge } from '../environments/EnvironmentSelector';
import { projectPath, useSelectedEnvironmentKey } from '../environments/selected-environment';
import { useSignedIn } from '../shell/session-context';
import { checkDocument, type DocumentCheck, formatBytes, groupProblems, summaryText } from './import-model';

/** A document as chosen: a file (its text read once with File.text(), never shown) or pasted text. */
type Source = { kind: 'file'; name: string; size: number; text: string } | { kind: 'paste'; text: string };

/**
 * `/projects/:project/import?env=…`: brings an Eppo flag configuration (UFC, the SERVER format)
 * into the selected environment, all or nothing — chosen as a file or pasted — and shows what it
 * did (flags created, updated, unchanged, each linked) or each refusal at its path, per flag. A
 * critical environment asks first. Owners and admins import (`import:run` on the environment,
 * `flag:write` on the project).
 */
export function ImportPage() {
  const { project = '' } = useParams();
  const [environmentKey] = useSelectedEnvironmentKey();
  const { member } = useSignedIn();
  const environments = useEnvironments(project);
  usePageTitle(`Import from Eppo · ${project}`);
  const environment = environments.data?.find((candidate) => candidate.key === environmentKey);
  if (environments.isPending) return <PageLoading />;
  if (environments.isError)
    return (
      <PageError
        error={environments.error}
        title="Could not load the environments"
        onRetry={() => void environments.refetch()}
      />
    );
  if (!environment) return <PageLoading />;
  const allowed =
    can(member, 'import:run', { project, environment: environment.key }) && can(member, 'flag:write', { project });
  return (
    <Stack gap="lg" maw={960}>
      <Stack gap={2}>
        <Title order={1}>Import from Eppo</Title>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            Brings the flags of an Eppo flag configuration into {environment.name}: new flags are created, existing ones
            take Eppo’s variations and their targeting in {environment.name}. Pick another environment at the top.
          </Text>
          {isCritical(environment) && <CriticalBadge />}
        </Group>
      </Stack>
      {allowed ? (
        <ImportForm key={environment.key} project={project} environment={environment} />
      ) : (
        <Paper withBorder p="md">
          <Text size="sm">
            Owners and admins import flags into {environment.name}. Ask one to import your Eppo configuration, or for a
            role that allows it.
          </Text>
        </Paper>
      )}
    </Stack>
  );
}

function ImportForm({ project, environment }: { project: string; environment: Environment }) {
  const [source, setSource] = useState<Source | undefined>(undefined);
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const run = useEppoImport(project, environment.key);
  const check = useMemo<DocumentCheck | undefined>(
    () =>
      source === undefined || source.text.trim() === ''
        ? undefined
        : checkDocument(source.text, source.kind === 'file' ? source.size : undefined),
    [source],
  );
  const critical = isCritical(environment);

  const choose = async (file: File | null) => {
    run.reset();
    setReadError(undefined);
    if (file === null) return setSource(undefined);
    setReading(true);
    try {
      setSource({ kind: 'file', name: file.name, size: file.size, text: await file.text() });
    } catch {
      setReadError(`Could not read ${file.name}; choose it again.`);
      setSource(undefined);
    } finally {
      setReading(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!source || !check?.ok) return;
    if (critical) return setConfirming(true);
    run.mutate(source.text);
  };
  const confirm = () => {
    setConfirming(false);
    if (source) run.mutate(source.text);
  };

  return (
    <>
      {/* Above the form, where it is seen at once: the form may run long with a pasted document. */}
      {run.isSuccess && <Summary project={project} environment={environment} summary={run.data} />}
      {run.error !== null && (
        <Refusal
          error={run.error}
          flagKeys={check?.ok ? check.flags : []}
          project={project}
          environment={environment}
        />
      )}
      <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-label="Eppo document">
        <Stack gap="md">
          <Text size="sm">
            Export the configuration Eppo serves its server SDKs (the <Code>SERVER</Code> format, as JSON, up to 10
            MiB). The import is all or nothing: one flag Vexil cannot store, and nothing is written.
          </Text>
          <Group gap="sm">
            <FileButton onChange={(file) => void choose(file)} accept="application/json,.json">
              {(props) => (
                <Button variant="default" loading={reading} {...props}>
                  Choose a file…
                </Button>
              )}
            </FileButton>
            <Text size="xs" c="dimmed">
              A .json file, read here and sent as it is
            </Text>
          </Group>
          {readError && (
            <Text size="sm" c="red.8" role="alert">
              {readError}
            </Text>
          )}
          {source?.kind === 'file' ? (
            <Group gap="sm" data-testid="chosen-file">
              <Text size="sm">
                <strong>{source.name}</strong> · {formatBytes(source.size)}
              </Text>
              <Button variant="subtle" size="xs" onClick={() => setSource(undefined)}>
                Clear the file
              </Button>
            </Group>
          ) : (
            <Textarea
              label="Or paste the document"
              placeholder='{ "format": "SERVER", "flags": { … } }'
              autosize
              minRows={6}
              maxRows={10}
              value={source?.text ?? ''}
              onChange={(event) => {
                run.reset();
                setSource({ kind: 'paste', text: event.currentTarget.value });
              }}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
              spellCheck={false}
              autoComplete="off"
            />
          )}
          {check && (
            <Text
              size="sm"
              c={check.ok ? undefined : 'red.8'}
              role={check.ok ? 'status' : 'alert'}
              data-testid="document-check"
            >
              {check.ok
                ? `${check.flags.length} ${check.flags.length === 1 ? 'flag' : 'flags'}${check.environment ? ` from Eppo’s ${check.environment} environment` : ''}, to import into ${environment.name}.`
                : check.message}
            </Text>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={run.isPending || reading} disabled={!check?.ok}>
              Import into {environment.name}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={`Import into ${environment.name}?`}
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <Stack gap="md">
          <Text size="sm">
            {environment.name} is critical. The import sets the targeting of{' '}
            {check?.ok ? `${check.flags.length} ${check.flags.length === 1 ? 'flag' : 'flags'}` : 'its flags'} there as
            Eppo has it: applications using {environment.name}’s SDK keys get the imported values at once. Existing
            flags also take Eppo’s variations.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
              Cancel
            </Button>
            <Button color="red" onClick={confirm}>
              Import into {environment.name}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** What the import did, each flag linked to its page in this environment. */
function Summary({
  project,
  environment,
  summary,
}: {
  project: string;
  environment: Environment;
  summary: ImportSummary;
}) {
  const groups = [
    { title: 'Created', keys: summary.created, id: 'created' },
    { title: 'Updated', keys: summary.updated, id: 'updated' },
    { title: 'Unchanged', keys: summary.unchanged, id: 'unchanged' },
  ];
  return (
    <Paper withBorder p="md" role="status" data-testid="import-summary">
      <Stack gap="sm">
        <Group gap="xs">
          <Badge color="teal.9" variant="filled">
            Done
          </Badge>
          <Title order={2} size="h4">
            Imported into {environment.name}
          </Title>
        </Group>
        <Text size="sm">{summaryText(summary)}</Text>
        {groups
          .filter((group) => group.keys.length > 0)
          .map((group) => (
            <Stack key={group.id} gap={4} data-testid={`import-${group.id}`}>
              <Text size="sm" fw={600}>
                {group.title}
              </Text>
              <Group gap="xs">
                {group.keys.map((key) => (
                  <Anchor
                    key={key}
                    component={Link}
                    to={projectPath(project, `flags/${encodeURIComponent(key)}`, environment.key)}
                    size="sm"
                    ff="monospace"
                  >
                    {key}
                  </Anchor>
                ))}
              </Group>
            </Stack>
          ))}
        <Anchor component={Link} to={projectPath(project, 'flags', environment.key)} size="sm">
          See the flags of {environment.name}
        </Anchor>
      </Stack>
    </Paper>
  );
}

/** The server's refusal: each problem at its path, grouped per flag of the document. */
function Refusal({
  error,
  flagKeys,
  project,
  environment,
}: {
  error: unknown;
  flagKeys: readonly string[];
  project: string;
  environment: Environment;
}) {
  if (!isProblem(error) || error.errors.length === 0)
    return (
      <Alert color="red" title="Nothing was imported" role="alert">
        {isProblem(error) ? (error.detail ?? error.title) : 'Something unexpected went wrong. Try again.'}
      </Alert>
    );
  const groups = groupProblems(error.errors, flagKeys);
  const count = error.errors.length;
  return (
    <Alert color="red" title="Nothing was imported" role="alert" data-testid="import-problems">
      <Stack gap="sm">
        <Text size="sm">
          {count === 1 ? 'One problem' : `${count} problems`} in the document; fix {count === 1 ? 'it' : 'them'} (or
          leave those flags out) and import again.
        </Text>
        {groups.map((group) => (
          <Stack key={group.flag ?? ''} gap={2} data-testid="problem-group" data-flag={group.flag ?? ''}>
            <Text size="sm" fw={600}>
              {group.flag === undefined ? (
                'The document'
              ) : (
                <>
                  Flag <Code>{group.flag}</Code>
                </>
              )}
            </Text>
            <List size="sm" spacing={2}>
              {group.problems.map((problem) => (
                <List.Item key={`${problem.path}:${problem.message}`}>
                  {problem.path && <Code>{problem.path}</Code>} {humanize(problem.message)}
                </List.Item>
              ))}
            </List>
          </Stack>
        ))}
        <Text size="xs">
          Eppo keeps some flags only to test its SDKs (no variations, a fraction in an INTEGER flag); Vexil cannot store
          those. See the flags of{' '}
          <Anchor component={Link} to={projectPath(project, 'flags', environment.key)} size="xs">
            {environment.name}
          </Anchor>
          : none changed.
        </Text>
      </Stack>
    </Alert>
  );
}
