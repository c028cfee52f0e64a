/**
 * The code that evaluates a flag in an environment, as the empty flag list and the SDK keys page show
 * it: on servers `@vexil/node` (docs/sdk-node.md), its OpenFeature provider and OFREP over curl
 * (docs/sdk-protocol.md); in browsers `@vexil/web`, `@vexil/react` and the stock OFREP web provider
 * (docs/sdk-web.md). Server keys are secret: the code reads them from `VEXIL_SERVER_KEY` and says
 * which one to use (a key just created is set there, never written into code). Client keys are
 * public and written in as they are.
 */

export interface SnippetInput {
  /** Where the console is served, which is where SDKs reach the server: `https://flags.example.com`. */
  origin: string;
  environment: string;
  flag: string;
  /** The hint of one of the environment's server keys (`vx_server_ab…9f`), when the member may see it. */
  serverKeyHint?: string | undefined;
  /** A server key just created or rotated, shown this once: the snippets set `VEXIL_SERVER_KEY` to it. */
  serverKey?: string | undefined;
  /** One of the environment's client keys: public, so the browser snippets hold it as it is. */
  clientKey?: string | undefined;
}

function keyComment(input: SnippetInput): string {
  return input.serverKeyHint === undefined
    ? `a server SDK key of ${input.environment}`
    : `${input.environment}'s server SDK key, ${input.serverKeyHint}`;
}

/** How to run the code with a server key just shown: in the process's environment, not in the code. */
function runWith(input: SnippetInput, comment: string, command: string): string {
  return input.serverKey === undefined
    ? ''
    : `${comment} Run it with the key in the environment, never in the code:\n${comment}   VEXIL_SERVER_KEY='${input.serverKey}' ${command}\n`;
}

export function nodeSnippet(input: SnippetInput): string {
  return `${runWith(input, '//', 'node app.mjs')}// npm install @vexil/node — until it is on npm, its tarball: see "Installing the SDKs" in Vexil's README
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
  const key =
    input.serverKey === undefined
      ? `# VEXIL_SERVER_KEY: ${keyComment(input)}`
      : `VEXIL_SERVER_KEY='${input.serverKey}' # ${input.environment}'s new server SDK key`;
  return `${key}
curl -s ${input.origin}/ofrep/v1/evaluate/flags/${input.flag} \\
  -H "Authorization: Bearer $VEXIL_SERVER_KEY" -H 'content-type: application/json' \\
  -d '{"context": {"targetingKey": "user-123", "email": "ada@example.com"}}'`;
}

/** The OpenFeature server SDK with `@vexil/node`'s provider: local evaluation, no request per flag. */
export function nodeOpenFeatureSnippet(input: SnippetInput): string {
  return `${runWith(input, '//', 'node app.mjs')}// npm install @openfeature/server-sdk, and @vexil/node (see the Node.js tab)
import { OpenFeature } from '@openfeature/server-sdk';
import { VexilProvider } from '@vexil/node/openfeature';

await OpenFeature.setProviderAndWait(
  new VexilProvider({
    baseUrl: '${input.origin}',
    sdkKey: process.env.VEXIL_SERVER_KEY, // ${keyComment(input)}
  }),
);
const flags = OpenFeature.getClient();
const enabled = await flags.getBooleanValue('${input.flag}', false, { targetingKey: 'user-123', email: 'ada@example.com' });`;
}

/** The client key as the browser snippets write it, or a placeholder saying which key goes there. */
function clientKeyLiteral(input: SnippetInput): string {
  return input.clientKey === undefined
    ? `'vx_client_…', // a client key of ${input.environment}: create one on the SDK keys page`
    : `'${input.clientKey}', // ${input.environment}'s client key (public: it may ship in the page)`;
}

export function webSnippet(input: SnippetInput): string {
  return `// npm install @vexil/web — until it is on npm, its tarball: see docs/sdk-web.md
import { createClient } from '@vexil/web';

const vexil = createClient({
  baseUrl: '${input.origin}',
  clientKey: ${clientKeyLiteral(input)}
  context: { key: 'user-123', email: 'ada@example.com' }, // who is looking
});

function render() {
  const enabled = vexil.boolean('${input.flag}', false);
  // show the new or the old behaviour
}
render(); // values cached on the last visit: the first paint is already right
vexil.on('change', render); // fresh values, and every later change`;
}

export function reactSnippet(input: SnippetInput): string {
  return `// npm install @vexil/react @vexil/web
import { useFlag, VexilProvider } from '@vexil/react';

const options = {
  baseUrl: '${input.origin}',
  clientKey: ${clientKeyLiteral(input)}
  context: { key: 'user-123', email: 'ada@example.com' }, // who is looking
};

export function App() {
  return (
    <VexilProvider options={options}>
      <Checkout />
    </VexilProvider>
  );
}

function Checkout() {
  const enabled = useFlag('${input.flag}', false);
  return enabled ? <p>The new behaviour</p> : <p>The old behaviour</p>;
}`;
}

/** The stock OpenFeature web provider speaking OFREP to Vexil, with a client key. */
export function ofrepWebSnippet(input: SnippetInput): string {
  const key =
    input.clientKey === undefined
      ? `'vx_client_…']], // a client key of ${input.environment}`
      : `'${input.clientKey}']], // ${input.environment}'s client key`;
  return `// npm install @openfeature/web-sdk @openfeature/ofrep-web-provider
import { OFREPWebProvider } from '@openfeature/ofrep-web-provider';
import { OpenFeature } from '@openfeature/web-sdk';

await OpenFeature.setContext({ targetingKey: 'user-123', email: 'ada@example.com' });
await OpenFeature.setProviderAndWait(
  new OFREPWebProvider({
    baseUrl: '${input.origin}',
    headers: [['Authorization', ${key}
  }),
);
const enabled = OpenFeature.getClient().getBooleanValue('${input.flag}', false);`;
}

/** Every client-side-available flag's value for one context, over OFREP with a client key. */
export function ofrepClientSnippet(input: SnippetInput): string {
  const key = input.clientKey ?? 'vx_client_…';
  return `# ${input.clientKey === undefined ? `a client key of ${input.environment}` : `${input.environment}'s client key`}: the values of its client-side available flags
curl -s ${input.origin}/ofrep/v1/evaluate/flags \\
  -H 'Authorization: ${key}' -H 'content-type: application/json' \\
  -d '{"context": {"targetingKey": "user-123", "email": "ada@example.com"}}'`;
}
