import { Alert, Badge, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedCallback, useDebouncedValue } from '@mantine/hooks';
import type { EvaluationContext } from '@vexil/engine';
import { humanize, isProblem } from '../api/problem';
import { type Membership, type SegmentDefinition, useSegmentEvaluation } from '../api/segments';
import { ContextFormEditor } from '../flags/testing/ContextFormEditor';
import { useTestContext } from '../flags/testing/use-test-context';
import { membershipText } from './segment-model';

/** How long typing (a context, or the draft) pauses before the segment is asked again. */
const EVALUATE_AFTER_MS = 300;

interface SegmentTestBoxProps {
  project: string;
  segment: string;
  /** The kind whose keys the lists hold; empty for `user`. */
  kind: string;
  /** The edited definition, when it differs from the saved one. */
  draft: SegmentDefinition | undefined;
}

/**
 * "Is Ada in this segment, and why?": a context (the test panel's form, kept in `?context=`), and
 * the server's answer — in or out, because of the included or excluded list, which rule matched,
 * or none — for the saved segment and, while there are unsaved edits, for the draft.
 */
export function SegmentTestBox({ project, segment, kind, draft }: SegmentTestBoxProps) {
  const test = useTestContext(project, `segment:${segment}`);
  const writeContext = useDebouncedCallback(
    (context: EvaluationContext | undefined) => test.setContext(context),
    EVALUATE_AFTER_MS,
  );
  const [debouncedDraft] = useDebouncedValue(draft, EVALUATE_AFTER_MS);
  const context = test.context;
  const answer = useSegmentEvaluation(
    project,
    segment,
    context && { context, ...(draft && debouncedDraft ? { draft: debouncedDraft } : {}) },
  );
  const problem = isProblem(answer.error) ? answer.error : undefined;
  const draftErrors = problem?.errors.filter((error) => error.path.startsWith('draft')) ?? [];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="segment-test-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="segment-test-title">
            Test a context
          </Title>
          {answer.isFetching && <Loader size="xs" aria-label="Asking the server" />}
        </Group>
        <Text size="sm" c="dimmed">
          Is this {kind || 'user'} in the segment, and why?
        </Text>
        <ContextFormEditor
          initial={context}
          onContext={(next) => {
            if (next === undefined) return;
            // A single context with no key yet asks nothing; a multi-kind one carries its keys per kind.
            const keyless = next.kind !== 'multi' && (next.key === undefined || next.key === '');
            writeContext(keyless ? undefined : next);
          }}
        />
        {context === undefined && (
          <Text size="sm" c="dimmed">
            Enter a key (and attributes for the rules) to see the answer.
          </Text>
        )}
        {answer.data && context && (
          <Stack gap="xs" aria-live="polite" data-testid="segment-test-answer">
            <Answer label="Saved" membership={answer.data.saved} kind={kind} />
            {answer.data.draft && <Answer label="With your changes" membership={answer.data.draft} kind={kind} />}
          </Stack>
        )}
        {problem && draftErrors.length > 0 && (
          <Alert color="yellow" p="xs">
            Your changes have errors, so only the saved segment can be tested: {humanize(draftErrors[0]?.message ?? '')}
          </Alert>
        )}
        {answer.isError && draftErrors.length === 0 && (
          <Alert color="red" p="xs" role="alert">
            {problem
              ? problem.errors[0]
                ? humanize(problem.errors[0].message)
                : (problem.detail ?? problem.title)
              : ''}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function Answer({ label, membership, kind }: { label: string; membership: Membership; kind: string }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" data-testid="membership">
      <Badge
        // Dark shades keep the white label above WCAG's 4.5:1.
        color={membership.contains ? 'teal.9' : 'gray.7'}
        variant="filled"
        radius="sm"
        tt="none"
        style={{ flexShrink: 0 }}
      >
        {membership.contains ? 'In' : 'Out'}
      </Badge>
      <div>
        <Text size="xs" c="dimmed">
          {label}
        </Text>
        <Text size="sm">{membershipText(membership, kind)}</Text>
      </div>
    </Group>
  );
}
