// `npm start` will serve the API, SDK endpoints and console once @vexil/server lands (issue 3).
// Until then it says so, and shows the engine answering, so a fresh install proves it works.
import { compile } from '@vexil/engine';

const ruleset = compile({
  flags: [
    {
      key: 'welcome-banner',
      type: 'boolean',
      variations: [{ key: 'on', value: true }, { key: 'off', value: false }],
      on: true,
      offVariation: 'off',
      allocations: [{ id: 'beta', conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@example.com'] }], serve: { variation: 'on' } }],
      fallthrough: { variation: 'off' },
    },
  ],
});

console.log('Vexil: the server (API, SDK endpoints, web console) is not built yet; it arrives with @vexil/server.');
console.log('The evaluation engine is ready. A sample evaluation of "welcome-banner":');
console.log(' ', JSON.stringify(ruleset.evaluate('welcome-banner', { key: 'ada', email: 'ada@example.com' })));
console.log(' ', JSON.stringify(ruleset.evaluate('welcome-banner', { key: 'bob', email: 'bob@other.org' })));
