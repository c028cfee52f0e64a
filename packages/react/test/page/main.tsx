import { OFREPWebProvider } from '@openfeature/ofrep-web-provider';
import { OpenFeature, ProviderEvents } from '@openfeature/web-sdk';
import type { Bootstrap, Context } from '@vexil/web';
import { useSyncExternalStore } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { Shop } from './App.js';

/**
 * The test page. `?key=…&server=…` say which Vexil to use; `?mode=ofrep` shows the same flags through the stock
 * OFREP web provider. A server-rendered page (`#root` has content) carries its context and bootstrap values in
 * `window.vexilPage`, and is hydrated.
 */
const params = new URLSearchParams(location.search);
const page = window as unknown as {
  vexilPage?: { context: Context; bootstrap: Bootstrap };
  hydrationErrors: string[];
};
page.hydrationErrors = [];
const clientKey = params.get('key') ?? '';
const baseUrl = params.get('server') ?? '';
const root = document.getElementById('root') as HTMLElement;

/** A value read from OpenFeature's client, re-read when the provider is ready or its configuration changed. */
function useOpenFeature<T>(read: () => T): T {
  return useSyncExternalStore((onChange) => {
    const client = OpenFeature.getClient();
    client.addHandler(ProviderEvents.ConfigurationChanged, onChange);
    client.addHandler(ProviderEvents.Ready, onChange);
    return () => {
      client.removeHandler(ProviderEvents.ConfigurationChanged, onChange);
      client.removeHandler(ProviderEvents.Ready, onChange);
    };
  }, read);
}

function OpenFeatureShop() {
  const banner = useOpenFeature(() => OpenFeature.getClient().getStringValue('banner-text', 'default'));
  const checkout = useOpenFeature(() => OpenFeature.getClient().getBooleanValue('new-checkout', false));
  return (
    <main>
      <p id="banner">{banner}</p>
      <p id="checkout">{checkout ? 'the new checkout' : 'the old checkout'}</p>
    </main>
  );
}

if (params.get('mode') === 'ofrep') {
  void OpenFeature.setContext({ targetingKey: 'ada', email: 'ada@example.com' }).then(() =>
    OpenFeature.setProviderAndWait(
      new OFREPWebProvider({ baseUrl, headers: [['Authorization', clientKey]], pollInterval: 60_000 }),
    ),
  );
  createRoot(root).render(<OpenFeatureShop />);
} else {
  const shop = (
    <Shop
      options={{
        clientKey,
        baseUrl,
        context: page.vexilPage?.context ?? { key: 'ada', email: 'ada@example.com' },
        bootstrap: page.vexilPage?.bootstrap,
        flushIntervalMs: 60_000,
      }}
    />
  );
  if (root.hasChildNodes())
    hydrateRoot(root, shop, { onRecoverableError: (error) => page.hydrationErrors.push(String(error)) });
  else createRoot(root).render(shop);
}
