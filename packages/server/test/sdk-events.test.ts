import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { developmentId, sdkCall } from './support/sdk.js';
import { startTestServer, type TestServer } from './support/server.js';

const T0 = Date.parse('2026-11-20T10:15:00.000Z');

describe.each(await testDialects())('POST /sdk/v1/events on %s', (dialect) => {
  let server: TestServer;
  let environmentId: string;
  const send = (body: unknown, key: string | undefined = server.seeded.serverKey) =>
    sdkCall(server, 'POST', '/sdk/v1/events', { key, body });
  const rows = async () => ({
    events: await server.ctx.db.selectFrom('events').selectAll().orderBy('id').execute(),
    counts: await server.ctx.db
      .selectFrom('evaluationCounts')
      .selectAll()
      .orderBy('flagKey')
      .orderBy('variationKey')
      .execute(),
    contexts: await contexts(),
  });
  /** The users list's rows, once the reports ingestion appended are merged (as a read of the list does). */
  const contexts = async () => {
    await server.ctx.events.flushContexts();
    return server.ctx.db.selectFrom('contexts').selectAll().orderBy('kind').orderBy('key').execute();
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    environmentId = await developmentId(server);
  });
  beforeEach(async () => {
    await server.ctx.db.deleteFrom('events').execute();
    await server.ctx.db.deleteFrom('evaluationCounts').execute();
    await server.ctx.db.deleteFrom('contexts').execute();
    await server.ctx.db.deleteFrom('contextReports').execute();
  });
  afterAll(() => server.close());

  it('stores a batch of every kind of event for the key’s environment and answers 202', async () => {
    const answer = await send({
      events: [
        {
          kind: 'exposure',
          flag: 'new-checkout',
          variation: 'on',
          allocation: 'staff',
          context: { key: 'u-1', email: 'ada@acme.com' },
          timestamp: T0,
        },
        {
          kind: 'custom',
          key: 'checkout-completed',
          value: 42.5,
          context: { key: 'u-1', email: 'ada@acme.com' },
          timestamp: T0 + 1000,
        },
        {
          kind: 'custom',
          key: 'page-viewed',
          context: { kind: 'organization', key: 'o-1', plan: 'pro' },
          timestamp: T0 + 2000,
        },
        {
          kind: 'summary',
          startDate: T0,
          endDate: T0 + 60_000,
          counters: [
            { flag: 'new-checkout', variation: 'on', count: 7 },
            { flag: 'new-checkout', variation: 'off', count: 3 },
            { flag: 'banner', count: 2 },
          ],
        },
        { kind: 'context', context: { kind: 'device', key: 'd-9', os: 'iOS' }, timestamp: T0 },
      ],
    });
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ accepted: 5 });

    const stored = await rows();
    expect(stored.events.map(({ id: _id, receivedAt: _received, ...row }) => row)).toEqual([
      {
        environmentId,
        type: 'exposure',
        flagKey: 'new-checkout',
        variationKey: 'on',
        allocationId: 'staff',
        eventKey: null,
        value: null,
        contextKind: 'user',
        contextKey: 'u-1',
        occurredAt: '2026-11-20T10:15:00.000Z',
      },
      {
        environmentId,
        type: 'custom',
        flagKey: null,
        variationKey: null,
        allocationId: null,
        eventKey: 'checkout-completed',
        value: 42.5,
        contextKind: 'user',
        contextKey: 'u-1',
        occurredAt: '2026-11-20T10:15:01.000Z',
      },
      {
        environmentId,
        type: 'custom',
        flagKey: null,
        variationKey: null,
        allocationId: null,
        eventKey: 'page-viewed',
        value: null,
        contextKind: 'organization',
        contextKey: 'o-1',
        occurredAt: '2026-11-20T10:15:02.000Z',
      },
    ]);
    expect(stored.counts).toEqual([
      { environmentId, flagKey: 'banner', variationKey: '', hour: '2026-11-20T10', count: 2 },
      { environmentId, flagKey: 'new-checkout', variationKey: 'off', hour: '2026-11-20T10', count: 3 },
      { environmentId, flagKey: 'new-checkout', variationKey: 'on', hour: '2026-11-20T10', count: 7 },
    ]);
    expect(
      stored.contexts.map((row) => [row.kind, row.key, JSON.parse(row.attributes), row.firstSeen, row.lastSeen]),
    ).toEqual([
      ['device', 'd-9', { os: 'iOS' }, '2026-11-20T10:15:00.000Z', '2026-11-20T10:15:00.000Z'],
      ['organization', 'o-1', { plan: 'pro' }, '2026-11-20T10:15:02.000Z', '2026-11-20T10:15:02.000Z'],
      ['user', 'u-1', { email: 'ada@acme.com' }, '2026-11-20T10:15:00.000Z', '2026-11-20T10:15:01.000Z'],
    ]);
  });

  it('adds later summaries to the hour’s counts and keeps first and last seen of contexts', async () => {
    const summary = (count: number) => ({
      kind: 'summary',
      startDate: T0,
      endDate: T0 + 1000,
      counters: [{ flag: 'new-checkout', variation: 'on', count }],
    });
    await send({
      events: [summary(5), { kind: 'context', context: { key: 'u-1', plan: 'free' }, timestamp: T0 + 5000 }],
    });
    await send({
      events: [summary(6), { kind: 'context', context: { key: 'u-1', plan: 'pro' }, timestamp: T0 + 9000 }],
    });
    await send({ events: [{ kind: 'context', context: { key: 'u-1', plan: 'trial' }, timestamp: T0 }] }); // late, out of order
    const stored = await rows();
    expect(stored.counts.map((row) => row.count)).toEqual([11]);
    expect(stored.contexts).toHaveLength(1);
    expect(stored.contexts[0]).toMatchObject({
      firstSeen: '2026-11-20T10:15:00.000Z',
      lastSeen: '2026-11-20T10:15:09.000Z',
    });
    expect(JSON.parse(stored.contexts[0]?.attributes ?? '{}')).toEqual({ plan: 'pro' });
  });

  it('merges the attributes a context is reported with: a track() with only the key erases none', async () => {
    const attributesOf = async (key: string) => {
      const row = (await rows()).contexts.find((context) => context.key === key);
      return { attributes: JSON.parse(row?.attributes ?? 'null') as unknown, lastSeen: row?.lastSeen };
    };
    // An evaluation reports the full context…
    const full = {
      key: 'u-1',
      email: 'ada@acme.com',
      plan: 'free',
      beta: true,
      seats: 3,
      nick: null,
      address: { city: 'Paris', zip: '75001' },
      tags: ['a'],
    };
    await send({ events: [{ kind: 'exposure', flag: 'new-checkout', variation: 'on', context: full, timestamp: T0 }] });
    // …then track() sends only the key, later: the attributes stay, last seen moves on.
    await send({
      events: [{ kind: 'custom', key: 'checkout-completed', context: { key: 'u-1' }, timestamp: T0 + 1000 }],
    });
    const { key: _key, ...attributes } = full;
    await expect(attributesOf('u-1')).resolves.toEqual({ attributes, lastSeen: '2026-11-20T10:15:01.000Z' });

    // A newer report changes what it names (a nested object whole) and keeps the rest.
    await send({
      events: [
        {
          kind: 'context',
          context: { key: 'u-1', plan: 'pro', address: { city: 'Lyon' }, beta: false },
          timestamp: T0 + 2000,
        },
      ],
    });
    // An older one, arriving late, adds what was never reported and changes nothing newer.
    await send({
      events: [
        {
          kind: 'custom',
          key: 'page-viewed',
          context: { key: 'u-1', plan: 'trial', country: 'FR' },
          timestamp: T0 - 1000,
        },
      ],
    });
    await expect(attributesOf('u-1')).resolves.toEqual({
      attributes: { ...attributes, plan: 'pro', address: { city: 'Lyon' }, beta: false, country: 'FR' },
      lastSeen: '2026-11-20T10:15:02.000Z',
    });

    // Within one batch too, whatever the order of its events.
    await send({
      events: [
        { kind: 'custom', key: 'page-viewed', context: { key: 'u-2' }, timestamp: T0 + 3000 },
        {
          kind: 'exposure',
          flag: 'new-checkout',
          variation: 'on',
          context: { key: 'u-2', plan: 'pro', email: 'b@x.io' },
          timestamp: T0 + 2000,
        },
        { kind: 'custom', key: 'page-viewed', context: { key: 'u-2', plan: 'free' }, timestamp: T0 + 1000 },
      ],
    });
    await expect(attributesOf('u-2')).resolves.toEqual({
      attributes: { plan: 'pro', email: 'b@x.io' },
      lastSeen: '2026-11-20T10:15:03.000Z',
    });
  });

  it('never stores attributes a context marks private, by name or by path, in every kind', async () => {
    const answer = await send(
      {
        events: [
          {
            kind: 'context',
            context: {
              key: 'u-7',
              email: 'grace@example.com',
              name: 'Grace',
              address: { city: 'Paris', street: '1 rue X' },
              _meta: { privateAttributes: ['email', '/address/street'] },
            },
            timestamp: T0,
          },
          {
            kind: 'exposure',
            flag: 'new-checkout',
            variation: 'on',
            context: {
              kind: 'multi',
              user: { key: 'u-8', ssn: 'ssn-078-05-1120', country: 'FR', _meta: { privateAttributes: ['ssn'] } },
              organization: { key: 'o-2', revenue: 987654321, _meta: { privateAttributes: ['revenue'] } },
            },
            timestamp: T0,
          },
        ],
      },
      server.seeded.clientKey,
    );
    expect(answer.status).toBe(202);
    const stored = await rows();
    const attributes = Object.fromEntries(
      stored.contexts.map((row) => [`${row.kind}:${row.key}`, JSON.parse(row.attributes)]),
    );
    expect(attributes).toEqual({
      'organization:o-2': {},
      'user:u-7': { name: 'Grace', address: { city: 'Paris' } },
      'user:u-8': { country: 'FR' },
    });
    // Their names are kept, by the top-level attribute they are in.
    expect(
      Object.fromEntries(stored.contexts.map((row) => [`${row.kind}:${row.key}`, JSON.parse(row.privateAttributes)])),
    ).toEqual({
      'organization:o-2': { revenue: ['revenue'] },
      'user:u-7': { email: ['email'], address: ['/address/street'] },
      'user:u-8': { ssn: ['ssn'] },
    });
    const everything = JSON.stringify(stored);
    // Secrets distinctive enough that no id or timestamp in the rows can contain them by chance.
    for (const secret of ['grace@example.com', '1 rue X', 'ssn-078-05-1120', '987654321', '_meta'])
      expect(everything).not.toContain(secret);
    expect(stored.events[0]).toMatchObject({ contextKind: 'user', contextKey: 'u-8' });
  });

  it('keeps the names of private attributes, merged over reports, and never their values', async () => {
    // Secrets distinctive enough that no id or timestamp in the rows can contain them by chance.
    const secrets = ['old-public@example.com', 'new-secret@example.com', '9 rue Y', '10 rue Z', '+33-600-000-001'];
    const reports = (key: string) => [
      // Public at first: stored…
      { key, email: 'old-public@example.com', plan: 'free', address: { city: 'Paris', street: '9 rue Y' } },
      // …then marked private: the newer mark removes the stored value (the nested object is replaced whole).
      {
        key,
        email: 'new-secret@example.com',
        phone: '+33-600-000-001',
        address: { city: 'Paris', street: '10 rue Z' },
        _meta: { privateAttributes: ['email', 'phone', '/address/street', 'key'] },
      },
      // A report naming fewer private attributes erases no name.
      { key, plan: 'pro' },
      // A newer public value ends a mark; `/email` is the name `email`.
      { key, phone: '+33-600-000-002', _meta: { privateAttributes: ['/email'] } },
    ];
    const late = (key: string) => [
      // Older than the mark: a value it gives does not undo it; a name only it marks is kept.
      { key, email: 'late@example.com', country: 'FR' },
      { key, nick: 'handle-secret-77', _meta: { privateAttributes: ['nick'] } },
    ];
    const event = (context: object, timestamp: number) => ({ kind: 'context', context, timestamp });
    // One report per batch for u-9, in time order then late ones…
    for (const [index, context] of reports('u-9').entries())
      expect((await send({ events: [event(context, T0 + index * 1000)] })).status).toBe(202);
    for (const [index, context] of late('u-9').entries())
      expect((await send({ events: [event(context, T0 - (index + 1) * 1000)] })).status).toBe(202);
    // …and all in one batch, out of order, for u-10.
    const batch = [
      ...reports('u-10').map((context, index) => event(context, T0 + index * 1000)),
      ...late('u-10').map((context, index) => event(context, T0 - (index + 1) * 1000)),
    ].reverse();
    expect((await send({ events: batch })).status).toBe(202);
    secrets.push('late@example.com', 'handle-secret-77');

    for (const key of ['u-9', 'u-10']) {
      const user = await server.api('GET', `/api/v1/projects/default/environments/development/users/user/${key}`);
      expect(user.status).toBe(200);
      expect(user.body).toMatchObject({
        attributes: { plan: 'pro', address: { city: 'Paris' }, phone: '+33-600-000-002', country: 'FR' },
        privateAttributes: ['/address/street', 'email', 'nick'],
      });
      expect(Object.keys(user.body.attributes).sort()).toEqual(['address', 'country', 'phone', 'plan']);
    }
    // The rows as the database holds them: names, never values.
    const raw = await sql<Record<string, unknown>>`select * from contexts order by key`.execute(server.ctx.db);
    expect(raw.rows).toHaveLength(2);
    for (const row of raw.rows) {
      const text = JSON.stringify(row);
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(JSON.parse(String(row.privateAttributes ?? row.private_attributes))).toEqual({
        address: ['/address/street'],
        email: ['email'],
        nick: ['nick'],
      });
    }
    // A private attribute's name is found by the users search.
    const found = await server.api('GET', '/api/v1/projects/default/environments/development/users?q=nick');
    expect(found.body.users.map((user: { key: string }) => user.key).sort()).toEqual(['u-10', 'u-9']);
  });

  const exposure = { kind: 'exposure', flag: 'f', variation: 'on', context: { key: 'u-1' }, timestamp: T0 };
  it.each([
    [
      'an unknown kind of event',
      { events: [{ kind: 'click' }] },
      'events[0].kind',
      'must be equal to one of the allowed values',
    ],
    ['an unknown field', { events: [{ ...exposure, colour: 'red' }] }, 'events[0].colour', 'is not a known field'],
    ['a missing field', { events: [{ ...exposure, flag: undefined }] }, 'events[0].flag', 'is required'],
    [
      'a flag key with spaces',
      { events: [{ ...exposure, flag: 'new checkout' }] },
      'events[0].flag',
      'must match pattern',
    ],
    [
      'a timestamp that is a date string',
      { events: [{ ...exposure, timestamp: '2026-11-20' }] },
      'events[0].timestamp',
      'must be integer',
    ],
    [
      'a custom value that is not a number',
      { events: [{ kind: 'custom', key: 'k', value: '3', context: { key: 'u' }, timestamp: T0 }] },
      'events[0].value',
      'must be number',
    ],
    [
      'a context without a key',
      { events: [{ ...exposure, context: { email: 'x@y.z' } }] },
      'events[0].context.key',
      'is required',
    ],
    [
      'a multi-kind part that is not an object',
      { events: [{ ...exposure, context: { kind: 'multi', user: 'u-1' } }] },
      'events[0].context.user',
      'must be an object',
    ],
    [
      'an unknown field in _meta',
      { events: [{ ...exposure, context: { key: 'u', _meta: { secret: ['a'] } } }] },
      'events[0].context._meta.secret',
      'is not a known field',
    ],
    [
      'private attributes that are not names',
      { events: [{ ...exposure, context: { key: 'u', _meta: { privateAttributes: 'email' } } }] },
      'events[0].context._meta.privateAttributes',
      'must be a list',
    ],
    [
      'a summary ending before it starts',
      { events: [{ kind: 'summary', startDate: T0, endDate: T0 - 1, counters: [] }] },
      'events[0].endDate',
      'must not be before startDate',
    ],
    [
      'a count of zero',
      { events: [{ kind: 'summary', startDate: T0, endDate: T0, counters: [{ flag: 'f', count: 0 }] }] },
      'events[0].counters[0].count',
      'must be >= 1',
    ],
    ['no events list', { batch: [] }, 'events', 'is required'],
    [
      'more than 1,000 events',
      { events: Array.from({ length: 1001 }, () => exposure) },
      'events',
      'must NOT have more than 1000 items',
    ],
  ])('refuses %s with a 400 problem naming the field', async (_case, body, path, message) => {
    const answer = await send(body);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body.errors).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('writes nothing of a batch with one bad event among good ones', async () => {
    const answer = await send({
      events: [
        exposure,
        { kind: 'custom', key: 'ok', context: { key: 'u-2' }, timestamp: T0 },
        { ...exposure, variation: '' },
      ],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((error: { path: string }) => error.path)).toEqual(['events[2].variation']);
    expect(await rows()).toEqual({ events: [], counts: [], contexts: [] });
  });

  it('refuses a body over 512 KiB with 413, writing nothing', async () => {
    const big = { ...exposure, context: { key: 'u-1', notes: 'x'.repeat(2000) } };
    const answer = await send({ events: Array.from({ length: 300 }, () => big) });
    expect(answer.status).toBe(413);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(await rows()).toEqual({ events: [], counts: [], contexts: [] });
  });

  it('takes a full batch of 1,000 events in one request', async () => {
    const answer = await send({
      events: Array.from({ length: 1000 }, (_, index) => ({ ...exposure, context: { key: `u-${index}` } })),
    });
    expect(answer.status).toBe(202);
    const stored = await rows();
    expect(stored.events).toHaveLength(1000);
    expect(stored.contexts).toHaveLength(1000);
  });

  it('takes concurrent batches that report the same contexts and counters in different orders', async () => {
    // Each batch reports one pool of users and counters, shuffled its own way: upserted in arrival
    // order, two such batches lock rows in opposite orders and PostgreSQL aborts one as a deadlock.
    const users = Array.from({ length: 200 }, (_, index) => `shared-${index}`);
    const flags = Array.from({ length: 40 }, (_, index) => `flag-${index}`);
    const shuffled = <T>(items: T[], seed: number) =>
      items
        .map((item, index) => ({ item, rank: Math.sin(seed * 7919 + index * 104_729) }))
        .sort((a, b) => a.rank - b.rank)
        .map(({ item }) => item);
    const batch = (seed: number) => ({
      events: [
        ...shuffled(users, seed).map((key) => ({ ...exposure, context: { key } })),
        {
          kind: 'summary',
          startDate: T0,
          endDate: T0 + 60_000,
          counters: shuffled(flags, seed).map((flag) => ({ flag, variation: 'on', count: 1 })),
        },
      ],
    });
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(Array.from({ length: 6 }, (_, index) => send(batch(round * 6 + index + 1))));
      expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(202));
    }
    const stored = await rows();
    expect(stored.contexts).toHaveLength(users.length);
    expect(stored.counts.every((count) => Number(count.count) === 18)).toBe(true);
  });

  it('needs a working SDK key of either kind', async () => {
    expect((await sdkCall(server, 'POST', '/sdk/v1/events', { body: { events: [] } })).status).toBe(401);
    expect((await send({ events: [] }, 'vx_client_nope')).status).toBe(401);
    expect((await send({ events: [] }, server.seeded.clientKey)).status).toBe(202);
  });
});
