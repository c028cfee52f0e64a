import { useFlag, useTrack, useVexilStatus, VexilProvider, type WebClientOptions } from '@vexil/react';
import { useEffect } from 'react';

/** Renders per component, counted where the page and the test can read them (`globalThis.renders`). */
function rendered(name: string): void {
  const counts = ((globalThis as { renders?: Record<string, number> }).renders ??= {});
  counts[name] = (counts[name] ?? 0) + 1;
}

function Banner() {
  rendered('banner');
  return <p id="banner">{useFlag('banner-text', 'default')}</p>;
}

function Checkout() {
  rendered('checkout');
  return <p id="checkout">{useFlag('new-checkout', false) ? 'the new checkout' : 'the old checkout'}</p>;
}

function Status() {
  return <p id="status">{useVexilStatus()}</p>;
}

function Buy() {
  const track = useTrack();
  return (
    <button id="buy" type="button" onClick={() => track('purchase', 9.5)}>
      Buy
    </button>
  );
}

/** The shop's page: each part reads one flag, so a change of one re-renders that part alone. */
export function App() {
  rendered('app');
  useEffect(() => {
    (globalThis as { mounted?: boolean }).mounted = true;
  }, []);
  return (
    <main>
      <Banner />
      <Checkout />
      <Status />
      <Buy />
    </main>
  );
}

/** The page's root, the same on the server (renders HTML) and in the browser (hydrates it, or renders). */
export function Shop({ options }: { options: WebClientOptions }) {
  return (
    <VexilProvider options={options}>
      <App />
    </VexilProvider>
  );
}
