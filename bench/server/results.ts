/**
 * Experiment results at scale (issue 15): how long `GET …/experiments/{key}/results` takes for an
 * experiment with S exposed subjects and E metric events — the issue's target is under 1 s at
 * 1,000,000 subjects and 5,000,000 events — on SQLite and on PostgreSQL, each on a fresh server,
 * and how fast those events went in. Everything goes through the HTTP API, so it measures whatever
 * the server does, at ingestion or on request.
 *
 * Setup (management API): a flag `results-flag` (variations `control` and `treatment`, allocation
 * `experiment` splitting 50/50), three metrics — `checkout` (conversion on `checkout-completed`),
 * `revenue` (sum of `revenue` values, capped at the 99th percentile), `time-on-page` (mean of
 * `page-viewed` values within 24 h of the first exposure) — and an experiment on the flag reading
 * them, started.
 *
 * Load (`POST /sdk/v1/events`, server key, 4 keep-alive senders, 1,000-event batches built as they
 * are needed): every subject is first exposed at a random time over the last 7 days, to one
 * variation at random; 30 % are exposed a second time to the same variation, and 0.1 % to the
 * other one (those are left out of the results, and counted). The E metric events are dealt to
 * subjects unevenly (some subjects are much busier than others, none is favoured by variation or
 * exposure time), across the three keys (20 % checkout, 20 % revenue with log-normal values 5 %
 * higher under treatment, 60 % page views with a time on page); 20 % of them happen before the
 * subject's first exposure (up to 3 days before: CUPED's pre-period), the others between it and
 * now, most soon after. A subject's events go out together, in time order, so a batch holds the
 * whole history of a thousand-odd events' worth of subjects; the senders' batches are in flight at
 * the same time, so a subject whose events straddle two batches may have them stored out of order.
 *
 * Then the results: one request, then 5 more, one after the other, each timed from sending it to
 * the last byte of the answer. Every answer is checked against what was sent, where that is cheap
 * to know: subjects counted + excluded = S; excluded = the subjects made to see both variations;
 * per variation, the subjects (of the exposures and of every metric) and the conversions. A wrong
 * answer or a failed request fails the suite; timings never do.
 */
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { prng } from '../scenarios.js';
import { DATABASE_NAMES, type Database, onEachDatabase } from './databases.js';
import { BODY_LIMIT, postBatch, SENDERS } from './ingestion.js';
import { api, call, cpuTimeMs, newDataDir, type ServerProcess, startServer } from './server.js';
import { int, median, ms } from './stats.js';

/** The issue's target: results within this, at {@link GOAL_SUBJECTS} subjects and {@link GOAL_EVENTS} metric events. */
export const RESULTS_GOAL_MS = 1000;
export const GOAL_SUBJECTS = 1_000_000;
export const GOAL_EVENTS = 5_000_000;

const PROJECT = 'default';
/** The server key's environment. */
const ENVIRONMENT = 'development';
const FLAG = 'results-flag';
const EXPERIMENT = 'results-test';
const VARIATIONS = ['control', 'treatment'] as const;
const METRICS = [
  { key: 'checkout', eventKey: 'checkout-completed', kind: 'conversion' },
  { key: 'revenue', eventKey: 'revenue', kind: 'numeric', aggregation: 'sum', capPercentile: 99 },
  { key: 'time-on-page', eventKey: 'page-viewed', kind: 'numeric', aggregation: 'mean', windowHours: 24 },
] as const;
const CONVERSION_KEY = 'checkout-completed';

const BATCH_EVENTS = 1000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** First exposures fall over this many days before the load. */
const EXPOSURE_DAYS = 7;
const SECOND_EXPOSURE = 0.3;
const BOTH_VARIATIONS = 0.001;
const BEFORE_EXPOSURE = 0.2;
const TREATMENT_REVENUE = 1.05;
/** Results requests after the first one. */
const REPEATS = 5;
/** A results request may take long before the issue's work is done (docs/experiments.md: about a minute at a million). */
const RESULTS_TIMEOUT_MS = 15 * 60_000;

export interface ResultsOptions {
  subjects: number;
  /** Metric (custom) events, besides the exposures. */
  events: number;
  databases: Database[];
  /** Another build of the server (its main.js). */
  serverMain: string | undefined;
  /** Extra Node options for the servers (`--cpu-prof`, from `--profile`). */
  nodeOptions: string[];
}

/** What was sent, per variation in the order of {@link VARIATIONS}: what the results must show. */
interface Sent {
  subjects: number[];
  conversions: number[];
  excluded: number;
  exposures: number;
  metricEvents: number;
  batches: number;
  largestBody: number;
}

export interface ResultsCell {
  database: Database;
  /** Why it was not measured (PostgreSQL unreachable outside CI). */
  skipped?: string;
  error?: string;
  sent: Sent;
  /** Events acknowledged (202 with all accepted), and the load's wall time. */
  events: number;
  loadSeconds: number;
  eventsPerSec: number;
  /** The server process's CPU time per 1,000 events acknowledged (ms). */
  serverCpuMsPer1000: number;
  /** Batches not acknowledged whole, by status ("error" for none). */
  failures: Record<string, number>;
  firstMs: number;
  repeatMs: number[];
  /** What the first answer said. */
  counted: number;
  excluded: number;
  variationSubjects: number[];
  /** Differences between the answers and what was sent (or requests that failed). */
  wrong: string[];
}

// ── The experiment ──────────────────────────────────────────────────────────────────────────

async function setUp(server: ServerProcess, subjects: number): Promise<void> {
  const v1 = `/api/v1/projects/${PROJECT}`;
  await api(server, 'POST', `${v1}/flags`, {
    key: FLAG,
    type: 'string',
    variations: VARIATIONS.map((key) => ({ key, value: key })),
    environments: {
      [ENVIRONMENT]: {
        on: true,
        offVariation: 'control',
        allocations: [
          {
            id: 'experiment',
            serve: { split: VARIATIONS.map((variation) => ({ variation, weight: 50 })) },
          },
        ],
        fallthrough: { variation: 'control' },
      },
    },
  });
  for (const metric of METRICS) await api(server, 'POST', `${v1}/metrics`, metric);
  await api(server, 'POST', `${v1}/experiments`, {
    key: EXPERIMENT,
    flag: FLAG,
    environment: ENVIRONMENT,
    allocations: ['experiment'],
    controlVariation: 'control',
    primaryMetric: 'checkout',
    secondaryMetrics: ['revenue', 'time-on-page'],
    plannedSubjectsPerVariation: Math.max(100, Math.round(subjects / 2)),
  });
  const started = await api<{ status: string }>(server, 'POST', `${v1}/experiments/${EXPERIMENT}/start`);
  if (started.status !== 'running') throw new Error(`the experiment is ${started.status} after its start`);
}

// ── The events ──────────────────────────────────────────────────────────────────────────────

/**
 * How many metric events each subject sends: `events` dealt one at a time to the subject at
 * ⌊S·u₁·u₂⌋ (density −ln x: a few very busy subjects, many quiet ones), scattered over the subjects
 * by multiplying by a prime that does not divide S, so activity is unrelated to a subject's variation or
 * exposure time.
 */
function metricEventsPerSubject(subjects: number, events: number, random: () => number): Uint32Array {
  const prime = [7919, 7907, 7901, 7883].find((p) => subjects % p !== 0) as number;
  const counts = new Uint32Array(subjects);
  for (let event = 0; event < events; event++) {
    const busy = Math.floor(subjects * random() * random());
    counts[(busy * prime) % subjects] = (counts[(busy * prime) % subjects] as number) + 1;
  }
  return counts;
}

/** The metric (index in {@link METRICS}) an event is for: 20 % checkout, 20 % revenue, 60 % page views. */
function metricOf(u: number): number {
  return u < 0.2 ? 0 : u < 0.4 ? 1 : 2;
}

/** A standard normal draw (Box–Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

interface Batch {
  body: string;
  events: number;
}

/** An exposure or custom event as an SDK sends it. */
type SdkEvent = Record<string, unknown> & { timestamp: number };

/**
 * The load's batches, built as the senders ask for them; `sent` is filled in as they are, and is
 * complete once the last one has been taken.
 */
function* batches(options: ResultsOptions, now: number, sent: Sent): Generator<Batch> {
  const random = prng(1515);
  const perSubject = metricEventsPerSubject(options.subjects, options.events, random);
  let events: SdkEvent[] = [];
  const flush = (): Batch => {
    const body = JSON.stringify({ events });
    const bytes = Buffer.byteLength(body);
    if (bytes > BODY_LIMIT) throw new Error(`a batch is ${bytes} bytes, over the body limit`);
    sent.largestBody = Math.max(sent.largestBody, bytes);
    sent.batches++;
    const batch = { body, events: events.length };
    events = [];
    return batch;
  };
  const firstFrom = now - EXPOSURE_DAYS * DAY;
  for (let subject = 0; subject < options.subjects; subject++) {
    const context = { kind: 'user', key: `subject-${String(subject).padStart(7, '0')}` };
    const first = firstFrom + Math.floor(random() * (EXPOSURE_DAYS * DAY - HOUR));
    const variation = random() < 0.5 ? 0 : 1;
    const both = random() < BOTH_VARIATIONS;
    const exposure = (variationIndex: number, timestamp: number): SdkEvent => ({
      kind: 'exposure',
      flag: FLAG,
      variation: VARIATIONS[variationIndex],
      allocation: 'experiment',
      context,
      timestamp,
    });
    const history = [exposure(variation, first)];
    if (both || random() < SECOND_EXPOSURE)
      history.push(exposure(both ? 1 - variation : variation, first + Math.floor(random() * (now - first) * 0.5)));
    sent.exposures += history.length;
    sent.metricEvents += perSubject[subject] as number;
    let converted = false;
    for (let n = perSubject[subject] as number; n > 0; n--) {
      const key = metricOf(random());
      const pre = random() < BEFORE_EXPOSURE;
      const timestamp = pre
        ? first - 60_000 - Math.floor(random() * 3 * DAY)
        : first + Math.floor((now - first) * random() ** 2);
      const eventKey = METRICS[key]?.eventKey as string;
      const value =
        key === 1
          ? Math.round(Math.exp(3 + normal(random)) * (variation === 1 ? TREATMENT_REVENUE : 1) * 100) / 100
          : key === 2
            ? Math.round(5 + -Math.log(1 - random()) * 30)
            : undefined;
      history.push({
        kind: 'custom',
        key: eventKey,
        ...(value === undefined ? {} : { value }),
        context,
        timestamp,
      });
      if (!pre && eventKey === CONVERSION_KEY) converted = true;
    }
    if (both) sent.excluded++;
    else {
      sent.subjects[variation] = (sent.subjects[variation] as number) + 1;
      if (converted) sent.conversions[variation] = (sent.conversions[variation] as number) + 1;
    }
    for (const event of history.sort((a, b) => a.timestamp - b.timestamp)) {
      events.push(event);
      if (events.length === BATCH_EVENTS) yield flush();
    }
  }
  if (events.length > 0) yield flush();
}

// ── Load and requests ───────────────────────────────────────────────────────────────────────

interface Load {
  events: number;
  seconds: number;
  failures: Record<string, number>;
}

async function load(
  server: ServerProcess,
  serverKey: string,
  source: Iterator<Batch>,
  total: number,
  progress: (text: string) => void,
): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: SENDERS });
  const url = new URL('/sdk/v1/events', server.url);
  const result: Load = { events: 0, seconds: 0, failures: {} };
  const started = performance.now();
  let reported = started;
  const sender = async () => {
    for (;;) {
      const next = source.next();
      if (next.done) return;
      const sent = await postBatch(agent, url, serverKey, next.value.body);
      if (sent.status === 202 && sent.accepted === next.value.events) result.events += next.value.events;
      else {
        const label = sent.status === 202 ? `202 with accepted ${sent.accepted}` : String(sent.status);
        result.failures[label] = (result.failures[label] ?? 0) + 1;
      }
      const now = performance.now();
      if (now - reported > 30_000) {
        reported = now;
        const seconds = (now - started) / 1000;
        progress(
          `    ${int(result.events)} of ~${int(total)} events in ${seconds.toFixed(0)} s (${int(result.events / seconds)} events/s)`,
        );
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: SENDERS }, sender));
  } finally {
    agent.destroy();
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/** The parts of the results answer the checks read (packages/server/src/experiments/results.ts). */
interface Answer {
  exposures?: {
    subjects?: number;
    excludedMultipleVariations?: number;
    variations?: { variation: string; subjects: number }[];
  };
  metrics?: { metric: string; variations?: { variation: string; subjects: number; conversions?: number }[] }[];
}

async function requestResults(server: ServerProcess): Promise<{ ms: number; answer: Answer }> {
  const path = `/api/v1/projects/${PROJECT}/experiments/${EXPERIMENT}/results`;
  const started = performance.now();
  const answer = await call(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${server.secrets?.apiToken}` },
    timeoutMs: RESULTS_TIMEOUT_MS,
  });
  const elapsed = performance.now() - started;
  const text = answer.body.toString();
  if (answer.status !== 200) throw new Error(`GET ${path} → ${answer.status}: ${text.slice(0, 500)}`);
  return { ms: elapsed, answer: JSON.parse(text) as Answer };
}

/** Where the answer differs from what was sent. */
function differences(answer: Answer, sent: Sent, subjects: number): string[] {
  const wrong: string[] = [];
  const counted = answer.exposures?.subjects;
  const excluded = answer.exposures?.excludedMultipleVariations;
  if (counted === undefined || excluded === undefined || counted + excluded !== subjects)
    wrong.push(`subjects counted + excluded: ${counted} + ${excluded}, sent ${subjects}`);
  if (excluded !== sent.excluded) wrong.push(`excluded: ${excluded}, sent ${sent.excluded} seeing both variations`);
  const bySubjects = (variations: { variation: string; subjects: number }[] | undefined, what: string) => {
    for (const [index, variation] of VARIATIONS.entries()) {
      const found = variations?.find((v) => v.variation === variation)?.subjects;
      if (found !== sent.subjects[index])
        wrong.push(`${what}, ${variation}: ${found} subjects, sent ${sent.subjects[index]}`);
    }
  };
  bySubjects(answer.exposures?.variations, 'exposures');
  for (const metric of METRICS) {
    const found = answer.metrics?.find((m) => m.metric === metric.key);
    if (!found) {
      wrong.push(`metric ${metric.key}: missing`);
      continue;
    }
    bySubjects(found.variations, `metric ${metric.key}`);
    if (metric.kind !== 'conversion') continue;
    for (const [index, variation] of VARIATIONS.entries()) {
      const conversions = found.variations?.find((v) => v.variation === variation)?.conversions;
      if (conversions !== sent.conversions[index])
        wrong.push(`metric ${metric.key}, ${variation}: ${conversions} conversions, sent ${sent.conversions[index]}`);
    }
  }
  return wrong;
}

// ── The part ────────────────────────────────────────────────────────────────────────────────

function emptyCell(database: Database): ResultsCell {
  return {
    database,
    sent: {
      subjects: VARIATIONS.map(() => 0),
      conversions: VARIATIONS.map(() => 0),
      excluded: 0,
      exposures: 0,
      metricEvents: 0,
      batches: 0,
      largestBody: 0,
    },
    events: 0,
    loadSeconds: Number.NaN,
    eventsPerSec: Number.NaN,
    serverCpuMsPer1000: Number.NaN,
    failures: {},
    firstMs: Number.NaN,
    repeatMs: [],
    counted: Number.NaN,
    excluded: Number.NaN,
    variationSubjects: [],
    wrong: [],
  };
}

async function measureOn(
  database: Database,
  options: ResultsOptions,
  progress: (text: string) => void,
  databaseUrl: string | undefined,
): Promise<ResultsCell> {
  const cell = emptyCell(database);
  const name = DATABASE_NAMES[database];
  const server = await startServer({
    dataDir: newDataDir(),
    databaseUrl,
    main: options.serverMain,
    nodeOptions: options.nodeOptions,
  });
  try {
    const serverKey = server.secrets?.serverKey;
    if (!serverKey) throw new Error(`no server key in the first-start secrets:\n${server.output()}`);
    await setUp(server, options.subjects);
    const total = Math.round(options.subjects * (1 + SECOND_EXPOSURE)) + options.events;
    const cpuBefore = cpuTimeMs(server.pid);
    const loaded = await load(server, serverKey, batches(options, Date.now(), cell.sent), total, progress);
    const cpuAfter = cpuTimeMs(server.pid);
    cell.events = loaded.events;
    cell.loadSeconds = loaded.seconds;
    cell.eventsPerSec = loaded.events / loaded.seconds;
    cell.failures = loaded.failures;
    cell.serverCpuMsPer1000 =
      cpuBefore === undefined || cpuAfter === undefined ? Number.NaN : ((cpuAfter - cpuBefore) / loaded.events) * 1000;
    progress(
      `  ${name}: loaded ${int(cell.sent.exposures)} exposures of ${int(options.subjects)} subjects and ${int(cell.sent.metricEvents)} metric events in ${loaded.seconds.toFixed(1)} s (${int(cell.eventsPerSec)} events/s, ${ms(cell.serverCpuMsPer1000)} ms of server CPU per 1,000)`,
    );
    for (let request = 0; request <= REPEATS; request++) {
      const { ms: elapsed, answer } = await requestResults(server);
      if (request === 0) {
        cell.firstMs = elapsed;
        cell.counted = answer.exposures?.subjects ?? Number.NaN;
        cell.excluded = answer.exposures?.excludedMultipleVariations ?? Number.NaN;
        cell.variationSubjects = VARIATIONS.map(
          (variation) => answer.exposures?.variations?.find((v) => v.variation === variation)?.subjects ?? Number.NaN,
        );
      } else cell.repeatMs.push(elapsed);
      for (const difference of differences(answer, cell.sent, options.subjects))
        if (!cell.wrong.includes(difference)) cell.wrong.push(difference);
    }
    progress(
      `  ${name}: results first ${ms(cell.firstMs)} ms, then median ${ms(median(cell.repeatMs))} ms, max ${ms(Math.max(...cell.repeatMs))} ms; ${cell.wrong.length === 0 ? 'as sent' : `WRONG: ${cell.wrong.join('; ')}`}`,
    );
  } finally {
    await server.stop();
  }
  return cell;
}

/** Runs the part on each database; PostgreSQL is left out with a note when unreachable (never in CI). */
export async function measureResults(
  options: ResultsOptions,
  progress: (text: string) => void,
): Promise<ResultsCell[]> {
  progress(
    `Results: ${int(options.subjects)} subjects, ${int(options.events)} metric events, ${SENDERS} senders of ${BATCH_EVENTS}-event batches, on ${options.databases.map((d) => DATABASE_NAMES[d]).join(' and ')}`,
  );
  return onEachDatabase(
    options.databases,
    'results',
    async (database, databaseUrl) => {
      try {
        return await measureOn(database, options, progress, databaseUrl);
      } catch (error) {
        return { ...emptyCell(database), error: (error as Error).message.split('\n')[0] };
      }
    },
    (database, why) => ({ ...emptyCell(database), skipped: why }),
  );
}

/** What makes the part fail: a cell that could not run, batches not acknowledged, answers that differ from what was sent. */
export function resultsProblems(cell: ResultsCell): string[] {
  if (cell.skipped) return [];
  const name = DATABASE_NAMES[cell.database];
  if (cell.error) return [`${name}: ${cell.error}`];
  const problems: string[] = [];
  const failed = Object.entries(cell.failures);
  if (failed.length > 0)
    problems.push(`${name}: batches not acknowledged: ${failed.map(([status, n]) => `${n}× ${status}`).join(', ')}`);
  for (const difference of cell.wrong) problems.push(`${name}: results: ${difference}`);
  return problems;
}

/** The report's section (markdown lines) and its goal rows. */
export function resultsReport(
  cells: ResultsCell[],
  options: ResultsOptions,
): { lines: string[]; goals: { goal: string; measured: string; ok: boolean | undefined }[] } {
  const atGoalScale = options.subjects >= GOAL_SUBJECTS && options.events >= GOAL_EVENTS;
  const lines = [
    `An experiment on a flag split 50/50 (\`control\`, \`treatment\`), reading three metrics: \`checkout\` (conversion on \`checkout-completed\`), \`revenue\` (sum, capped at the 99th percentile) and \`time-on-page\` (mean of \`page-viewed\` values within 24 h of the first exposure); started, then loaded through \`POST /sdk/v1/events\` (${SENDERS} senders, ${int(BATCH_EVENTS)}-event batches, each database on a fresh server) with ${int(options.subjects)} subjects — first exposed over ${EXPOSURE_DAYS} days, ${SECOND_EXPOSURE * 100} % exposed twice, ${BOTH_VARIATIONS * 100} % to both variations — and ${int(options.events)} metric events dealt unevenly among them (20 % checkout, 20 % revenue, 60 % page views; ${BEFORE_EXPOSURE * 100} % before the subject's first exposure, CUPED's pre-period). Then \`GET …/experiments/${EXPERIMENT}/results\`: a first request, then ${REPEATS} more one after the other, each from sending to the last byte. Every answer must count the subjects, the excluded ones, each variation's subjects (exposures and metrics) and conversions as sent.`,
    '',
    `| Database | subjects | metric events | exposures | load (s) | load events/s | server CPU per 1,000 events (ms) | failed batches | first results (ms) | median of ${REPEATS} more (ms) | max of ${REPEATS} (ms) | counted + excluded (sent) | excluded (sent) | ${VARIATIONS.join(' / ')} (sent) | answers as sent |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  const goals: { goal: string; measured: string; ok: boolean | undefined }[] = [];
  for (const cell of cells) {
    const name = DATABASE_NAMES[cell.database];
    const goal = `Results < ${int(RESULTS_GOAL_MS)} ms at ${int(GOAL_SUBJECTS)} subjects and ${int(GOAL_EVENTS)} metric events, ${name} (first request and median of ${REPEATS} more)`;
    if (cell.skipped || cell.error) {
      lines.push(
        `| ${name} | ${cell.skipped ? `left out: ${cell.skipped}` : `failed: ${cell.error}`} | | | | | | | | | | | | | |`,
      );
      goals.push({ goal, measured: cell.skipped ? 'left out' : 'failed', ok: undefined });
      continue;
    }
    const failed = Object.values(cell.failures).reduce((sum, n) => sum + n, 0);
    const repeatMedian = median(cell.repeatMs);
    lines.push(
      `| ${name} | ${int(options.subjects)} | ${int(cell.sent.metricEvents)} | ${int(cell.sent.exposures)} | ${cell.loadSeconds.toFixed(1)} | ${int(cell.eventsPerSec)} | ${ms(cell.serverCpuMsPer1000)} | ${failed} | **${ms(cell.firstMs)}** | **${ms(repeatMedian)}** | ${ms(Math.max(...cell.repeatMs))} | ${int(cell.counted + cell.excluded)} (${int(options.subjects)}) | ${int(cell.excluded)} (${int(cell.sent.excluded)}) | ${cell.variationSubjects.map(int).join(' / ')} (${cell.sent.subjects.map(int).join(' / ')}) | ${cell.wrong.length === 0 ? 'yes' : `**no**: ${cell.wrong.length} differences`} |`,
    );
    const slowest = Math.max(cell.firstMs, repeatMedian);
    goals.push({
      goal,
      measured: atGoalScale
        ? `${ms(cell.firstMs)} ms, then ${ms(repeatMedian)} ms`
        : `${ms(cell.firstMs)} ms, then ${ms(repeatMedian)} ms at ${int(options.subjects)} subjects and ${int(options.events)} events (not the goal's scale)`,
      ok: atGoalScale ? cell.wrong.length === 0 && slowest < RESULTS_GOAL_MS : undefined,
    });
  }
  lines.push('');
  lines.push(
    `The goal (issue 15): results in under ${int(RESULTS_GOAL_MS)} ms for an experiment with ${int(GOAL_SUBJECTS)} exposed subjects and ${int(GOAL_EVENTS)} metric events, judged on the first request and on the median of the ${REPEATS} after it; it is judged only at that scale (\`--results-subjects\`, \`--results-events\`). The load's rate is the whole load's events (exposures and metric events) ÷ its wall time, with ${SENDERS} batches in flight.`,
    '',
  );
  return { lines, goals };
}
