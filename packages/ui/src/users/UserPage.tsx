import {
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo, useRef } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useEnvironments } from '../api/environments';
import { type UserDetail, type UserFlag, useUser } from '../api/users';
import { KeyText } from '../components/KeyText';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { RelativeTime } from '../components/RelativeTime';
import { usePageTitle } from '../components/use-page-title';
import { useSlashFocus } from '../components/use-slash-focus';
import { VirtualList, virtualListClasses } from '../components/VirtualList';
import { projectPath, useSelectedEnvironmentKey } from '../environments/selected-environment';
import type { Vocabulary } from '../flags/logic/sentences';
import { reasonText, valueText } from '../flags/testing/trace';
import { TraceView } from '../flags/testing/TraceView';
import { attributeLines, evaluationOf, FLAG_FILTER_PARAM, flagsMatching, testFlagPath } from './user-model';

/** `?why=new-checkout`: the flags whose explanation is open (repeated for several). */
const WHY_PARAM = 'why';
const ROW_HEIGHT = 72;

/**
 * `/projects/:project/users/:kind/:key?env=production`: one user, as the SDKs last reported them,
 * and what every flag serves them in the selected environment with the reason and the engine's
 * explanation (the test panel's trace) — support's "what does this customer see, and why?".
 */
export function UserPage() {
  const { project = '', kind = '', key = '' } = useParams();
  const [environment] = useSelectedEnvironmentKey();
  usePageTitle(`${key} · Users`);
  if (environment === undefined) return <PageLoading />;
  return <UserView project={project} environment={environment} kind={kind} userKey={key} />;
}

interface UserViewProps {
  project: string;
  environment: string;
  kind: string;
  userKey: string;
}

function UserView({ project, environment, kind, userKey }: UserViewProps) {
  const user = useUser(project, environment, kind, userKey);
  const environments = useEnvironments(project);
  const environmentName = environments.data?.find((candidate) => candidate.key === environment)?.name ?? environment;
  const back = (
    <Anchor component={Link} to={projectPath(project, 'users', environment)} size="sm">
      ← Users in {environmentName}
    </Anchor>
  );
  if (user.isPending) return <PageLoading label="Evaluating every flag for this user…" />;
  if (user.isError)
    return (
      <Stack gap="md">
        {back}
        <PageError error={user.error} title={`Could not load ${userKey}`} onRetry={() => void user.refetch()}>
          <Text size="sm">An SDK may not have reported this user in {environmentName}; pick another environment.</Text>
        </PageError>
      </Stack>
    );
  return (
    <Group align="stretch" gap="lg" wrap="nowrap" className={virtualListClasses.page}>
      <Stack gap="md" style={{ flex: 1, minWidth: 0 }}>
        {back}
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={1} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
              {user.data.key}
            </Title>
            <Badge variant="light" color="gray" tt="none">
              {user.data.kind}
            </Badge>
          </Group>
          <Group gap="md">
            <KeyText text={user.data.key} label={`the key ${user.data.key}`} />
            <RelativeTime at={user.data.lastSeen} prefix="Last seen " size="sm" c="dimmed" />
            <RelativeTime at={user.data.firstSeen} prefix="first seen " size="sm" c="dimmed" />
          </Group>
        </Stack>
        <FlagAnswers
          project={project}
          environment={environment}
          environmentName={environmentName}
          user={user.data}
          updatedAt={user.dataUpdatedAt}
        />
      </Stack>
      <Attributes user={user.data} />
    </Group>
  );
}

function Attributes({ user }: { user: UserDetail }) {
  const lines = attributeLines(user.attributes, user.privateAttributes);
  return (
    <Paper withBorder radius="md" p="md" w={340} style={{ flexShrink: 0, display: 'flex', flexDirection: 'column' }}>
      <Title order={2} size="h4" id="attributes-title">
        Attributes
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        The latest value each had in a report.
        {user.privateAttributes.length > 0 &&
          ' Hidden ones were marked private by the SDK: only their names were kept, never their values, so the flags here see them missing.'}
      </Text>
      {lines.length === 0 ? (
        <Text size="sm" c="dimmed">
          No attributes reported: flags see only the kind and key.
        </Text>
      ) : (
        <ScrollArea style={{ flex: 1 }} type="auto">
          <Table aria-labelledby="attributes-title" verticalSpacing={4} fz="sm">
            <Table.Tbody>
              {lines.map((line) =>
                line.hidden ? (
                  <Table.Tr key={`private:${line.name}`} data-private-attribute={line.name}>
                    <Table.Th
                      scope="row"
                      fw={600}
                      c="dimmed"
                      style={{ verticalAlign: 'top', overflowWrap: 'anywhere' }}
                    >
                      {line.name}
                    </Table.Th>
                    <Table.Td>
                      <Text size="sm" c="dimmed" fs="italic">
                        hidden — private, never stored
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  <Table.Tr key={line.name}>
                    <Table.Th scope="row" fw={600} style={{ verticalAlign: 'top' }}>
                      {line.name}
                    </Table.Th>
                    <Table.Td>
                      <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{line.value}</Code>
                    </Table.Td>
                  </Table.Tr>
                ),
              )}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Paper>
  );
}

interface FlagAnswersProps {
  project: string;
  environment: string;
  environmentName: string;
  user: UserDetail;
  updatedAt: number;
}

function FlagAnswers({ project, environment, environmentName, user, updatedAt }: FlagAnswersProps) {
  const [params, setParams] = useSearchParams();
  const filter = params.get(FLAG_FILTER_PARAM) ?? '';
  const why = new Set(params.getAll(WHY_PARAM));
  const search = useRef<HTMLInputElement>(null);
  useSlashFocus(search);
  const shown = useMemo(() => flagsMatching(user.flags, filter), [user.flags, filter]);
  const vocabulary = useMemo<Vocabulary>(() => {
    const names = new Map(user.flags.map((flag) => [flag.key, flag.name]));
    return { flagName: (key) => names.get(key) || undefined };
  }, [user.flags]);

  const update = (change: (next: URLSearchParams) => void) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        change(next);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  const toggleWhy = (flag: string) =>
    update((next) => {
      const open = new Set(next.getAll(WHY_PARAM));
      if (open.has(flag)) open.delete(flag);
      else open.add(flag);
      next.delete(WHY_PARAM);
      for (const key of open) next.append(WHY_PARAM, key);
    });

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }} component="section" aria-labelledby="answers-title">
      <Group justify="space-between" align="flex-end">
        <Stack gap={0}>
          <Title order={2} size="h3" id="answers-title">
            What {environmentName} serves {user.key}
          </Title>
          <Text size="xs" c="dimmed">
            Every flag, evaluated by the server with these attributes{' '}
            <RelativeTime at={new Date(updatedAt).toISOString()} span inherit />.
          </Text>
        </Stack>
        <TextInput
          ref={search}
          label="Find a flag"
          placeholder="Key or name"
          type="search"
          value={filter}
          onChange={(event) => {
            const value = event.currentTarget.value;
            update((next) => (value ? next.set(FLAG_FILTER_PARAM, value) : next.delete(FLAG_FILTER_PARAM)));
          }}
          w={240}
        />
      </Group>
      {user.flags.length === 0 ? (
        <Text c="dimmed">
          The project has no flags yet:{' '}
          <Anchor component={Link} to={projectPath(project, 'flags', environment)} inherit>
            create one
          </Anchor>
          .
        </Text>
      ) : shown.length === 0 ? (
        <Text c="dimmed">No flag’s key or name contains “{filter}”.</Text>
      ) : (
        <VirtualList
          items={shown}
          total={shown.length}
          itemKey={(flag) => flag.key}
          estimateSize={ROW_HEIGHT}
          label={`Flags for ${user.key}`}
          resetKey={filter}
          more={{ hasNextPage: false, isFetchingNextPage: false, failed: false, fetchNextPage: () => {} }}
          renderItem={(flag) => (
            <FlagAnswer
              project={project}
              environment={environment}
              environmentName={environmentName}
              user={user}
              flag={flag}
              open={why.has(flag.key)}
              onToggle={() => toggleWhy(flag.key)}
              vocabulary={vocabulary}
            />
          )}
        />
      )}
    </Stack>
  );
}

interface FlagAnswerProps {
  project: string;
  environment: string;
  environmentName: string;
  user: UserDetail;
  flag: UserFlag;
  open: boolean;
  onToggle(): void;
  vocabulary: Vocabulary;
}

function FlagAnswer({
  project,
  environment,
  environmentName,
  user,
  flag,
  open,
  onToggle,
  vocabulary,
}: FlagAnswerProps) {
  const evaluation = evaluationOf(flag);
  const whyId = `why-${flag.key}`;
  return (
    <Stack
      gap={6}
      px="md"
      py="sm"
      component="article"
      aria-label={flag.name || flag.key}
      data-flag={flag.key}
      data-variation={evaluation.variation ?? undefined}
      data-value={JSON.stringify(evaluation.value)}
      data-reason={evaluation.reason}
    >
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Anchor
            component={Link}
            to={projectPath(project, `flags/${encodeURIComponent(flag.key)}`, environment)}
            fw={600}
            size="sm"
            truncate
          >
            {flag.name || flag.key}
          </Anchor>
          <Text size="xs" c="dimmed" ff="monospace" truncate>
            {flag.key}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
          {evaluation.variation !== null && (
            <Badge variant="outline" size="sm" tt="none">
              {evaluation.variation}
            </Badge>
          )}
          <Code style={{ maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {valueText(evaluation.value, evaluation.variation)}
          </Code>
          <Text size="xs" c="dimmed" w={130} data-testid="reason">
            {reasonText(evaluation.reason, evaluation.errorCode)}
          </Text>
          <Button
            variant="subtle"
            size="compact-xs"
            onClick={onToggle}
            aria-expanded={open}
            aria-controls={open ? whyId : undefined}
            aria-label={`${open ? 'Hide why' : 'Why'} ${user.key} gets this from ${flag.key}`}
          >
            {open ? 'Hide why' : 'Why?'}
          </Button>
          <Button
            component={Link}
            to={testFlagPath(project, flag.key, user, environment)}
            variant="subtle"
            size="compact-xs"
            aria-label={`Test ${flag.key} with ${user.key}`}
          >
            Test
          </Button>
        </Group>
      </Group>
      {open && (
        <div id={whyId}>
          <TraceView
            evaluation={evaluation}
            vocabulary={vocabulary}
            project={project}
            environment={environment}
            label={`Why ${environmentName} serves ${user.key} this from ${flag.key}`}
          />
        </div>
      )}
    </Stack>
  );
}
