/**
 * The code that evaluates a flag in an environment, as the empty list shows it: `@vexil/node`
 * (docs/sdk-node.md) and OFREP over curl (docs/sdk-protocol.md). Server keys are secret and only
 * their hint is known here, so the snippets read the key from `VEXIL_SERVER_KEY` and say which one to use.
 */

export interface SnippetInput {
  /** Where the console is served, which is where SDKs reach the server: `https://flags.example.com`. */
  origin: string;
  environment: string;
  flag: string;
  /** The hint of one of the environment's server keys (`vx_server_ab…9f`), when the member may see it. */
  serverKeyHint?: string | undefined;
}

function keyComment(input: SnippetInput): string {
  return input.serverKeyHint === undefined
    ? `a server SDK key of ${input.environment}`
    : `${input.environment}'s server SDK key, ${input.serverKeyHint}`;
}

export function nodeSnippet(input: SnippetInput): string {
  return `// npm install @vexil/node — until it is on npm, its tarball: see "Installing the SDKs" in Vexil's README
import { init } from '@vexil/node';

const vexil = init({
  baseUrl: '${input.origin}',
  sdkKey: process.env.VEXIL_SERVER_KEY, // ${keyComment(input)}
});
await vexil.waitForInitialization(5000);

const context = { kind: 'user', key: 'user-123', email: 'ada@example.com' };
if (vexil.boolean('${input.flag}', context, false)) {
  // the new behaviour
}`;
}

export function ofrepSnippet(input: SnippetInput): string {
  return `# VEXIL_SERVER_KEY: ${keyComment(input)}
curl -s ${input.origin}/ofrep/v1/evaluate/flags/${input.flag} \\
  -H "Authorization: Bearer $VEXIL_SERVER_KEY" -H 'content-type: application/json' \\
  -d '{"context": {"targetingKey": "user-123", "email": "ada@example.com"}}'`;
}
