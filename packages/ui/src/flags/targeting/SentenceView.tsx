import { Anchor, Code, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useSelectedEnvironmentKey } from '../../environments/selected-environment';
import type { Sentence } from '../logic/sentences';
import { segmentSize } from './targeting-model';
import { useTargetingScope } from './TargetingScope';

/**
 * A rule in words (sentences.ts), with its parts set apart: variations and values stand out,
 * segments link to their page with their size, prerequisite flags link to theirs.
 */
export function SentenceView({ sentence, size = 'sm' }: { sentence: Sentence; size?: 'xs' | 'sm' | 'md' }) {
  const { project, segments } = useTargetingScope();
  const [environment] = useSelectedEnvironmentKey();
  const query = environment === undefined ? '' : `?env=${encodeURIComponent(environment)}`;
  return (
    <Text size={size} component="span" style={{ overflowWrap: 'anywhere' }}>
      {sentence.map((part, index) => {
        // Parts have no identity of their own: their place in the sentence is their key.
        const key = `${index}:${part.text}`;
        switch (part.role) {
          case 'variation':
            return (
              <Text key={key} span fw={700} c="indigo.8" size={size}>
                {part.text}
              </Text>
            );
          case 'value':
          case 'context-key':
            return (
              <Code key={key} fz={size}>
                {part.text}
              </Code>
            );
          case 'attribute':
          case 'percentage':
          case 'time':
            return (
              <Text key={key} span fw={600} size={size}>
                {part.text}
              </Text>
            );
          case 'segment': {
            const segment = segments?.find((candidate) => candidate.key === part.key);
            return (
              <span key={key}>
                <Anchor
                  component={Link}
                  to={`/projects/${encodeURIComponent(project)}/segments/${encodeURIComponent(part.key ?? '')}${query}`}
                  fw={600}
                  size={size}
                >
                  {part.text}
                </Anchor>
                {segments && (
                  <Text span c="dimmed" size="xs">
                    {' '}
                    ({segment ? segmentSize(segment) : 'no such segment'})
                  </Text>
                )}
              </span>
            );
          }
          case 'flag':
            return (
              <Anchor
                key={key}
                component={Link}
                to={`/projects/${encodeURIComponent(project)}/flags/${encodeURIComponent(part.key ?? '')}${query}`}
                fw={600}
                size={size}
              >
                {part.text}
              </Anchor>
            );
          default:
            return <span key={key}>{part.text}</span>;
        }
      })}
    </Text>
  );
}
