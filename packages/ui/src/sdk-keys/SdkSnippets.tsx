import { Tabs } from '@mantine/core';
import { CodeSnippet } from '../components/CodeSnippet';
import {
  nodeOpenFeatureSnippet,
  nodeSnippet,
  ofrepClientSnippet,
  ofrepSnippet,
  ofrepWebSnippet,
  reactSnippet,
  type SnippetInput,
  webSnippet,
} from '../flags/list/sdk-snippets';

/** The flag the snippets evaluate, as in the empty flag list. */
export const EXAMPLE_FLAG = 'new-checkout';

interface SdkSnippetsProps {
  environment: string;
  /** Only the snippets of one kind of key (a key just made); both kinds otherwise. */
  kind?: 'server' | 'client';
  serverKey?: string | undefined;
  serverKeyHint?: string | undefined;
  clientKey?: string | undefined;
}

const SNIPPETS: { value: string; label: string; kind: 'server' | 'client'; code(input: SnippetInput): string }[] = [
  { value: 'node', label: 'Node.js', kind: 'server', code: nodeSnippet },
  { value: 'openfeature-node', label: 'OpenFeature (Node)', kind: 'server', code: nodeOpenFeatureSnippet },
  { value: 'curl-server', label: 'curl', kind: 'server', code: ofrepSnippet },
  { value: 'web', label: 'Browser', kind: 'client', code: webSnippet },
  { value: 'react', label: 'React', kind: 'client', code: reactSnippet },
  { value: 'openfeature-web', label: 'OpenFeature (web)', kind: 'client', code: ofrepWebSnippet },
  { value: 'curl-client', label: 'curl (client key)', kind: 'client', code: ofrepClientSnippet },
];

/** Ready-to-paste code for each SDK, filled in with this server's address and the environment's key. */
export function SdkSnippets({ environment, kind, serverKey, serverKeyHint, clientKey }: SdkSnippetsProps) {
  const input: SnippetInput = {
    origin: window.location.origin,
    environment,
    flag: EXAMPLE_FLAG,
    serverKey,
    serverKeyHint,
    clientKey,
  };
  const shown = SNIPPETS.filter((snippet) => kind === undefined || snippet.kind === kind);
  return (
    <Tabs defaultValue={shown[0]?.value} keepMounted={false}>
      <Tabs.List>
        {shown.map((snippet) => (
          <Tabs.Tab key={snippet.value} value={snippet.value}>
            {snippet.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {shown.map((snippet) => (
        <Tabs.Panel key={snippet.value} value={snippet.value} pt="sm">
          <CodeSnippet code={snippet.code(input)} label={`${snippet.label} code`} />
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
