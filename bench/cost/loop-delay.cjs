// Preloaded into the server process by the cost benchmark (bench/cost/run.ts): the server's own
// event-loop delay, sampled every millisecond. SIGUSR2 prints the largest delay since the last
// SIGUSR2 (in nanoseconds) on stderr and starts over. The server itself is unchanged.
'use strict';
const { monitorEventLoopDelay } = require('node:perf_hooks');

const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();
let reports = 0;
process.on('SIGUSR2', () => {
  reports += 1;
  process.stderr.write(`vexil-loop-delay ${reports} ${histogram.max}\n`);
  histogram.reset();
});
