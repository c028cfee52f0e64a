import { Anchor, Code, Text } from '@mantine/core';
import { Link } from 'react-router';
import { projectPath } from '../../environments/selected-environment';
import type { Sentence } from '../logic/sentences';

interface TraceSentenceProps {
  sentence: Sentence;
  project: string;
  environment: string | undefined;
}

/**
 * A sentence of the explain trace, set apart the way the Targeting tab's sentences are (variations
 * stand out, values in code, flags linked) — but for any environment, outside that tab's scope.
 */
export function TraceSentence({ sentence, project, environment }: TraceSentenceProps) {
  return (
    <>
      {sentence.map((part, index) => {
        const key = `${index}:${part.text}`;
        switch (part.role) {
          case 'variation':
            return (
              <Text key={key} span fw={700} c="indigo.9" inherit>
                {part.text}
              </Text>
            );
          case 'value':
          case 'context-key':
            return (
              <Code key={key} fz="inherit">
                {part.text}
              </Code>
            );
          case 'attribute':
          case 'segment':
          case 'percentage':
          case 'time':
            return (
              <Text key={key} span fw={600} inherit>
                {part.text}
              </Text>
            );
          case 'flag':
            return (
              <Anchor
                key={key}
                component={Link}
                to={projectPath(project, `flags/${encodeURIComponent(part.key ?? part.text)}`, environment)}
                inherit
                fw={600}
              >
                {part.text}
              </Anchor>
            );
          default:
            return <span key={key}>{part.text}</span>;
        }
      })}
    </>
  );
}
