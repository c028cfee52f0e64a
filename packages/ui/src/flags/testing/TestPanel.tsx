import {
  Alert,
  Button,
  Collapse,
  Group,
  List,
  Loader,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDebouncedCallback, useDebouncedValue } from '@mantine/hooks';
import type { EvaluationContext } from '@vexil/engine';
import { useMemo, useRef, useState } from 'react';
import { useEnvironments } from '../../api/environments';
import { type EnvironmentEvaluation, type Evaluation, useFlagEvaluation } from '../../api/flag-evaluate';
import { humanize, isProblem } from '../../api/problem';
import { useSegments } from '../../api/segments';
import { PageError } from '../../components/PageError';
import { useSelectedEnvironmentKey } from '../../environments/selected-environment';
import { useFlagDraft } from '../draft/FlagDraftContext';
import type { Vocabulary } from '../logic/sentences';
import { ContextFormEditor } from './ContextFormEditor';
import { ContextJsonEditor } from './ContextJsonEditor';
import { draftPayload, draftPlace } from './draft-payload';
import { EnvironmentAnswers } from './EnvironmentAnswers';
import { KnownUserPicker } from './KnownUserPicker';
import { useTestContext } from './use-test-context';

/** How long typing (a context, or the draft) pauses before the flag is evaluated again. */
const EVALUATE_AFTER_MS = 300;

/**
 * The test panel (CONSOLE.md): a context on one side, what every environment serves it on the
 * other — value, variation, reason and the engine's steps — for the saved flag and, when the
 * draft changes anything, for the draft, so "what will Ada see?" is answered before saving. It
 * re-evaluates as the context or the draft changes. Viewers may test too: it changes nothing.
 */
export function TestPanel() {
  const { project, saved, draft } = useFlagDraft();
  const flag = saved.key;
  const test = useTestContext(project, flag);
  const [selected] = useSelectedEnvironmentKey();
  const environments = useEnvironments(project);
  const segments = useSegments(project);

  // The editors hold what is typed; the URL holds the last valid context, written after a pause.
  const latest = useRef<EvaluationContext | undefined>(test.context);
  const [invalid, setInvalid] = useState(false);
  const [revision, setRevision] = useState(0);
  const writeContext = useDebouncedCallback(
    (context: EvaluationContext | undefined) => test.setContext(context),
    EVALUATE_AFTER_MS,
  );
  const onContext = (context: EvaluationContext | undefined) => {
    setInvalid(context === undefined);
    if (context === undefined) return;
    latest.current = context;
    writeContext(isEmpty(context) ? undefined : context);
  };
  const replaceContext = (context: EvaluationContext) => {
    writeContext.cancel();
    latest.current = context;
    setInvalid(false);
    test.setContext(context);
    setRevision((value) => value + 1);
  };

  const payload = useMemo(() => draftPayload(saved, draft), [saved, draft]);
  const [debouncedPayload] = useDebouncedValue(payload, EVALUATE_AFTER_MS);
  const context = test.context;
  const savedAnswers = useFlagEvaluation(project, flag, context && { context });
  const draftRequest = context && payload && debouncedPayload && { context, draft: debouncedPayload };
  const draftAnswers = useFlagEvaluation(project, flag, draftRequest);
  // Only while there is a draft: a discarded draft's last answers must not linger.
  const drafted = draftRequest && draftAnswers.data && draftsByEnvironment(draftAnswers.data);

  const vocabulary: Vocabulary = {
    variations: draft.variations,
    segmentName: (key) => segments.data?.find((segment) => segment.key === key)?.name,
  };
  const selectedName = environments.data?.find((environment) => environment.key === selected)?.name;
  const updating =
    savedAnswers.isFetching || draftAnswers.isFetching || (payload !== undefined && payload !== debouncedPayload);

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="test-panel-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Title order={2} size="h4" id="test-panel-title">
              Test
            </Title>
            {test.open && context && updating && <Loader size="xs" aria-label="Evaluating" />}
          </Group>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => test.setOpen(!test.open)}
            aria-expanded={test.open}
            aria-controls="test-panel-body"
          >
            {test.open ? 'Hide' : 'Show'}
          </Button>
        </Group>
        <Collapse expanded={test.open} id="test-panel-body">
          <SimpleGrid type="container" cols={{ base: 1, '720px': 2 }} spacing="md">
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                What does someone see? Enter their context, or pick a user SDKs reported.
              </Text>
              <KnownUserPicker
                project={project}
                environment={selected}
                environmentName={selectedName}
                onPick={replaceContext}
              />
              <SegmentedControl
                size="xs"
                value={test.editor}
                onChange={(mode) => {
                  writeContext.flush();
                  test.setEditor(mode === 'json' ? 'json' : 'form');
                  setRevision((value) => value + 1);
                }}
                data={[
                  { value: 'form', label: 'Attributes' },
                  { value: 'json', label: 'JSON' },
                ]}
                aria-label="Enter the context as"
              />
              {test.editor === 'json' ? (
                <ContextJsonEditor key={revision} initial={latest.current} onContext={onContext} />
              ) : (
                <ContextFormEditor key={revision} initial={latest.current} onContext={onContext} />
              )}
              {test.inSession && (
                <Text size="xs" c="dimmed">
                  This context is too long for a link: it is kept in this tab only.
                </Text>
              )}
            </Stack>
            <Stack
              gap="sm"
              aria-live="polite"
              aria-busy={updating}
              // For tests and tools: whether the answers shown are those of the context and draft on screen.
              data-state={context && !updating ? 'current' : 'updating'}
            >
              {invalid && context && (
                <Text size="xs" c="red.9">
                  The context has an error; these answers are for the last valid one.
                </Text>
              )}
              <Answers
                project={project}
                context={context}
                savedAnswers={savedAnswers}
                draftAnswers={draftRequest ? draftAnswers : undefined}
                drafted={drafted}
                selected={selected}
                vocabulary={vocabulary}
              />
            </Stack>
          </SimpleGrid>
        </Collapse>
      </Stack>
    </Paper>
  );
}

type EvaluationQuery = ReturnType<typeof useFlagEvaluation>;

interface AnswersProps {
  project: string;
  context: EvaluationContext | undefined;
  savedAnswers: EvaluationQuery;
  draftAnswers: EvaluationQuery | undefined;
  drafted: ReadonlyMap<string, Evaluation> | undefined;
  selected: string | undefined;
  vocabulary: Vocabulary;
}

function Answers({ project, context, savedAnswers, draftAnswers, drafted, selected, vocabulary }: AnswersProps) {
  if (!context)
    return (
      <Text size="sm" c="dimmed">
        Enter a key or an attribute, and each environment's answer shows here — the value, the reason, and the steps the
        engine took, as saved and as in your unsaved changes.
      </Text>
    );
  if (savedAnswers.isError && !savedAnswers.data)
    return (
      <PageError
        error={savedAnswers.error}
        title="Could not evaluate the flag"
        onRetry={() => void savedAnswers.refetch()}
      />
    );
  if (!savedAnswers.data)
    return (
      <Group gap="xs" role="status">
        <Loader size="xs" />
        <Text size="sm" c="dimmed">
          Evaluating…
        </Text>
      </Group>
    );
  return (
    <>
      {draftAnswers?.isError && <DraftProblem error={draftAnswers.error} />}
      <EnvironmentAnswers
        project={project}
        saved={savedAnswers.data}
        drafted={draftAnswers?.isError ? undefined : drafted}
        selected={selected}
        vocabulary={vocabulary}
      />
    </>
  );
}

/** Why the draft cannot be evaluated yet: the problems saving it would meet, at their fields. */
function DraftProblem({ error }: { error: unknown }) {
  const errors = isProblem(error) ? error.errors : [];
  return (
    <Alert color="red" variant="light" title="Your changes cannot be tested yet" role="status">
      {errors.length === 0 ? (
        <Text size="xs">{isProblem(error) ? (error.detail ?? error.title) : 'Something unexpected went wrong.'}</Text>
      ) : (
        <List size="xs" spacing={2}>
          {errors.map((fieldError) => (
            <List.Item key={`${fieldError.path}:${fieldError.message}`}>
              <Text span ff="monospace" inherit>
                {draftPlace(fieldError.path)}
              </Text>
              : {humanize(fieldError.message)}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

function draftsByEnvironment(answers: readonly EnvironmentEvaluation[]): Map<string, Evaluation> {
  const byKey = new Map<string, Evaluation>();
  for (const environment of answers) if (environment.draft) byKey.set(environment.key, environment.draft);
  return byKey;
}

function isEmpty(context: EvaluationContext): boolean {
  return Object.keys(context).length === 0;
}
