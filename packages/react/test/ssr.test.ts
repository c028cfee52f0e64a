/**
 * Server-side rendering with react-dom/server in Node (no window): `<VexilProvider options>` makes an offline
 * client — no request, no timer — and the HTML shows the bootstrap values `@vexil/node` evaluated.
 */
import { init, type VexilClient } from '@vexil/node';
import { createClient } from '@vexil/web';
import { useFlag, useFlagDetail, useVexilClient, useVexilStatus, VexilProvider } from '@vexil/react';
import { createElement, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlag } from '../../server/test/support/sdk.js';
import { startTestServer, type TestServer } from '../../server/test/support/server.js';
import { recordingFetch } from '../../sdk-web/test/support/setup.js';
import { Shop } from './page/App.js';

const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
const ada = { key: 'ada', email: 'ada@example.com' };

function Detail(): ReactNode {
  const detail = useFlagDetail('new-checkout', false);
  const limit = useFlag('limit', 10);
  return `${detail.value}/${detail.variation}/${detail.reason}/${limit}/${useVexilStatus()}`;
}

const Orphan = (): ReactNode => String(useVexilClient().status);

describe('@vexil/react rendered on the server with bootstrap values from @vexil/node', () => {
  let server: TestServer;
  let node: VexilClient;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    await createFlag(
      server,
      { key: 'new-checkout', clientSideAvailable: true },
      {
        on: true,
        allocations: [
          {
            id: 'staff',
            conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@example.com'] }],
            serve: { variation: 'on' },
          },
        ],
        fallthrough: { variation: 'off' },
      },
    );
    await createFlag(server, { key: 'internal-tool' }, { on: true, fallthrough: { variation: 'on' } });
    node = init({ sdkKey: server.seeded.serverKey, baseUrl: server.url });
    expect(await node.waitForInitialization(10_000)).toBe(true);
  });
  afterAll(async () => {
    await node?.close();
    await server?.close();
  });

  it('renders the variation @vexil/node chose, with no request and no timer from the server-side client', () => {
    const bootstrap = Object.fromEntries(
      Object.entries(node.allFlags(ada)).filter(([key]) => node.flagMetadata(key)?.clientSideAvailable),
    );
    expect(Object.keys(bootstrap)).toEqual(['new-checkout']);
    const { fetch, exchanges } = recordingFetch();
    const before = timers();
    const options = { clientKey: server.seeded.clientKey, baseUrl: server.url, context: ada, bootstrap, fetch };
    const html = renderToString(createElement(VexilProvider, { options }, createElement(Detail)));
    expect(html).toBe('true/on/TARGETING_MATCH/10/loading');
    expect(renderToString(createElement(Shop, { options }))).toContain('<p id="checkout">the new checkout</p>');
    expect(timers()).toBe(before);
    expect(exchanges).toEqual([]);
  });

  it('renders the defaults without bootstrap (never blocks), and a given client as it is', async () => {
    const options = { clientKey: server.seeded.clientKey, baseUrl: server.url, context: ada, cache: false as const };
    expect(renderToString(createElement(VexilProvider, { options }, createElement(Detail)))).toBe(
      'false/undefined/ERROR/10/loading',
    );
    const client = createClient({ ...options, offline: true, bootstrap: { 'new-checkout': false, limit: 3 } });
    expect(renderToString(createElement(VexilProvider, { client }, createElement(Detail)))).toBe(
      'false/undefined/STATIC/3/loading',
    );
    await client.close();
  });

  it('useVexilClient outside a provider says so', () => {
    expect(() => renderToString(createElement(Orphan))).toThrow(/no <VexilProvider>/);
  });
});
