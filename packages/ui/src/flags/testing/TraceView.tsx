import { Badge, Group, List, Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import type { Evaluation } from '../../api/flag-evaluate';
import type { Vocabulary } from '../logic/sentences';
import { TraceSentence } from './TraceSentence';
import { type StepOutcome, traceLines } from './trace';

interface TraceViewProps {
  evaluation: Evaluation;
  vocabulary: Vocabulary;
  project: string;
  environment: string | undefined;
  /** For the list's accessible name: "Why production serves on (saved)". */
  label: string;
}

const BULLET: Record<StepOutcome, { symbol: string; color: string }> = {
  passed: { symbol: '✓', color: 'teal' },
  skipped: { symbol: '–', color: 'gray' },
  failed: { symbol: '✗', color: 'gray' },
  decided: { symbol: '★', color: 'indigo' },
};

/**
 * The engine's explain trace, step by step in evaluation order, with the step that decided the
 * answer highlighted (and labelled, so it does not rest on colour alone).
 */
export function TraceView({ evaluation, vocabulary, project, environment, label }: TraceViewProps) {
  const lines = traceLines(evaluation.trace, evaluation, vocabulary);
  if (lines.length === 0)
    return (
      <Text size="xs" c="dimmed">
        {evaluation.errorMessage ?? 'The engine recorded no steps for this answer.'}
      </Text>
    );
  return (
    <Stack gap={4}>
      <Timeline active={lines.length - 1} bulletSize={20} lineWidth={2} aria-label={label}>
        {lines.map((line, index) => {
          const bullet = BULLET[line.outcome];
          const deciding = line.outcome === 'decided';
          return (
            <Timeline.Item
              // biome-ignore lint/suspicious/noArrayIndexKey: the trace is a fixed sequence of steps
              key={index}
              bullet={
                <ThemeIcon
                  size={20}
                  radius="xl"
                  color={bullet.color}
                  variant={deciding ? 'filled' : 'light'}
                  aria-hidden
                >
                  <Text size="xs" fw={700} inherit>
                    {bullet.symbol}
                  </Text>
                </ThemeIcon>
              }
              title={
                <Group gap={6} wrap="nowrap">
                  <Text size="xs" fw={600}>
                    {line.title}
                  </Text>
                  {deciding && (
                    <Badge size="xs" variant="light" color="indigo">
                      Decides
                    </Badge>
                  )}
                </Group>
              }
              data-deciding={deciding || undefined}
              bg={deciding ? 'var(--mantine-color-indigo-light)' : undefined}
              style={deciding ? { borderRadius: 'var(--mantine-radius-sm)', padding: '2px 6px' } : undefined}
            >
              <Text size="xs" c={line.outcome === 'skipped' || line.outcome === 'failed' ? 'dimmed' : undefined}>
                <TraceSentence sentence={line.sentence} project={project} environment={environment} />
              </Text>
              {line.clauses.length > 0 && (
                <List size="xs" spacing={2} mt={2} listStyleType="none">
                  {line.clauses.map((clause, clauseIndex) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the clauses checked, in order
                    <List.Item key={clauseIndex}>
                      <Text span size="xs" c={clause.matched ? 'teal.9' : 'red.9'} fw={700}>
                        {clause.matched ? '✓ ' : '✗ '}
                      </Text>
                      <TraceSentence sentence={clause.sentence} project={project} environment={environment} />
                      <Text span size="xs" c="dimmed">
                        {' — '}
                        {clause.actualIsValue ? (
                          <>
                            it is{' '}
                            <Text span ff="monospace" inherit>
                              {clause.actual}
                            </Text>
                          </>
                        ) : (
                          clause.actual
                        )}
                      </Text>
                    </List.Item>
                  ))}
                </List>
              )}
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Stack>
  );
}
