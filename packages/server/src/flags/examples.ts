/**
 * Request bodies of the flag routes as a person would write them, for the OpenAPI document
 * (Swagger UI pre-fills its forms with them). They tell one story — a release of a new checkout,
 * first to staff and beta testers, then to a quarter of everyone — and a test holds each one to the
 * schema it illustrates and sends it to a real server (test/openapi-completeness.test.ts).
 */

const staffOnly = {
  attribute: 'email',
  operator: 'ends_with',
  values: ['@example.com'],
};

/** PUT …/flags/{flag}/environments/{environment}: a state with targets, two allocations and a fallthrough. */
export const FLAG_STATE_EXAMPLE = {
  on: true,
  offVariation: 'off',
  targets: [{ contextKind: 'user', variation: 'on', values: ['ada', 'grace'] }],
  allocations: [
    { id: 'staff', name: 'Staff first', conditions: [staffOnly], serve: { variation: 'on' } },
    {
      id: 'beta-rollout',
      name: 'A quarter of beta testers, half of them on the new checkout',
      conditions: [{ segment: 'beta-testers' }],
      exposure: 25,
      serve: {
        split: [
          { variation: 'on', weight: 50 },
          { variation: 'off', weight: 50 },
        ],
      },
      track: true,
    },
  ],
  fallthrough: { variation: 'off' },
};

/** PATCH …/flags/{flag}/environments/{environment}: only the fields given change. */
export const FLAG_STATE_PATCH_EXAMPLE = { on: true, fallthrough: { variation: 'on' } };

/** POST …/flags: a boolean release toggle with its two variations, on for staff in development. */
export const NEW_FLAG_EXAMPLE = {
  key: 'new-checkout',
  name: 'New checkout',
  description: 'The one-page checkout',
  tags: ['checkout', 'web'],
  type: 'boolean',
  variations: [
    { key: 'on', value: true, name: 'New checkout' },
    { key: 'off', value: false, name: 'Current checkout' },
  ],
  temporary: true,
  clientSideAvailable: true,
  environments: {
    development: {
      on: true,
      offVariation: 'off',
      allocations: [{ id: 'staff', conditions: [staffOnly], serve: { variation: 'on' } }],
      fallthrough: { variation: 'off' },
    },
  },
};

/** PATCH …/flags/{flag}: the definition's fields given replace the current ones. */
export const FLAG_UPDATE_EXAMPLE = {
  name: 'New checkout',
  description: 'The one-page checkout, with saved cards',
  tags: ['checkout', 'web', 'payments'],
  clientSideAvailable: true,
};

/** POST …/flags/{flag}/evaluate: a context, and an unsaved change to try beside the saved flag. */
export const FLAG_EVALUATION_EXAMPLE = {
  context: { kind: 'user', key: 'ada', email: 'ada@example.com', plan: 'pro' },
  draft: {
    environments: {
      development: { on: true, offVariation: 'off', fallthrough: { variation: 'on' } },
    },
  },
};

/** POST …/flags/archive: the release is done, and so is the experiment imported from Eppo. */
export const BULK_ARCHIVE_EXAMPLE = { keys: ['new-checkout', 'checkout-button-color'] };

/** GET …/flags/{flag}/insights?environment=production&range=24h: what a day of a boolean flag looks like. */
export const FLAG_INSIGHTS_EXAMPLE = {
  environment: 'production',
  range: '24h',
  granularity: 'hour',
  from: '2026-11-22T10:00:00.000Z',
  to: '2026-11-23T10:00:00.000Z',
  total: 1570,
  variations: [
    { key: 'on', total: 1240 },
    { key: 'off', total: 330 },
  ],
  buckets: [
    { start: '2026-11-23T08:00:00.000Z', counts: { on: 610, off: 170 } },
    { start: '2026-11-23T09:00:00.000Z', counts: { on: 630, off: 160 } },
  ],
};
