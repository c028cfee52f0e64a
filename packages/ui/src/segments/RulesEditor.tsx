import { Button, Divider, Group, Paper, Stack, Text } from '@mantine/core';
import type { AttributeClause, Clause, SegmentRule } from '@vexil/engine';
import { Fragment } from 'react';
import { conditionsSentence } from '../flags/logic/sentences';
import { ConditionEditor } from '../flags/targeting/ConditionEditor';
import { SentenceView } from '../flags/targeting/SentenceView';
import { newAttributeClause } from '../flags/targeting/targeting-model';
import { useTargetingScope } from '../flags/targeting/TargetingScope';

interface RulesEditorProps {
  rules: readonly SegmentRule[];
  /** Absent for members who may not edit: the rules as sentences only. */
  onChange?: (rules: SegmentRule[]) => void;
}

/**
 * A segment's rules: any rule (OR) puts a context in, when all its conditions hold (AND). The
 * conditions are the flag targeting editor's, without segment membership (segments cannot name
 * segments); each rule reads as a sentence first.
 */
export function RulesEditor({ rules, onChange }: RulesEditorProps) {
  const { errorAt, vocabulary } = useTargetingScope();
  const change = (index: number, rule: SegmentRule) =>
    onChange?.(rules.map((existing, position) => (position === index ? rule : existing)));
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        A context whose key is in neither list is in the segment when it matches any rule; a rule matches when all its
        conditions hold.
      </Text>
      {rules.length === 0 && (
        <Text size="sm" c="dimmed">
          No rules: only the included keys are in.
        </Text>
      )}
      {rules.map((rule, index) => {
        const name = `Rule ${index + 1}${rule.id ? ` (${rule.id})` : ''}`;
        return (
          // Rules have no identity of their own (the id is optional); a rule's place is its key.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Fragment key={index}>
            {index > 0 && <Divider label="or" labelPosition="center" />}
            <Paper withBorder p="sm" data-testid="segment-rule" aria-label={name} component="section">
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <div>
                    <Text size="sm" fw={600}>
                      {name}
                    </Text>
                    <SentenceView sentence={conditionsSentence(rule.clauses, vocabulary)} />
                  </div>
                  {onChange && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      onClick={() => onChange(rules.filter((_, position) => position !== index))}
                    >
                      Remove {name.toLowerCase()}
                    </Button>
                  )}
                </Group>
                {onChange && (
                  <ConditionEditor
                    conditions={rule.clauses}
                    onChange={(clauses: Clause[]) =>
                      change(index, {
                        ...rule,
                        clauses: clauses.filter((clause): clause is AttributeClause => !('segment' in clause)),
                      })
                    }
                    path={`rules[${index}].clauses`}
                    owner={name}
                    segmentClauses={false}
                  />
                )}
                {errorAt(`rules[${index}]`) && (
                  <Text size="sm" c="red.9" role="alert" data-field-error>
                    {errorAt(`rules[${index}]`)}
                  </Text>
                )}
              </Stack>
            </Paper>
          </Fragment>
        );
      })}
      {errorAt('rules') && (
        <Text size="sm" c="red.9" role="alert" data-field-error>
          {errorAt('rules')}
        </Text>
      )}
      {onChange && (
        <Group>
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => onChange([...rules, { clauses: [newAttributeClause() as AttributeClause] }])}
          >
            Add rule
          </Button>
        </Group>
      )}
    </Stack>
  );
}
