// Preloaded into the server process by the memory part of the server benchmark (with --expose-gc):
// SIGUSR2 runs a full garbage collection, so heap figures count live objects, not garbage.
// The server itself is unchanged; nothing else listens for SIGUSR2.
'use strict';
process.on('SIGUSR2', () => {
  if (typeof globalThis.gc === 'function') {
    globalThis.gc();
    globalThis.gc();
  }
});
