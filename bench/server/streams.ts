/** The parent's handle on a stream-clients.ts process. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command, Reply, StreamTarget } from './stream-clients.js';

export type { StreamTarget };
export type Opened = Extract<Reply, { type: 'opened' }>;
export type Changed = Extract<Reply, { type: 'changed' }>;

export class StreamClients {
  private readonly child: ChildProcess;
  private pending: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | undefined;
  private exited: Error | undefined;

  constructor() {
    // Same Node options as this process (tsx's loader among them).
    this.child = fork(fileURLToPath(new URL('./stream-clients.ts', import.meta.url)), [], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (reply: Reply) => {
      const pending = this.pending;
      this.pending = undefined;
      if (!pending) return;
      if (reply.type === 'error') pending.reject(new Error(`stream clients: ${reply.message}`));
      else pending.resolve(reply);
    });
    this.child.on('exit', (code, signal) => {
      this.exited = new Error(`the stream-clients process exited (code ${code}, signal ${signal})`);
      this.pending?.reject(this.exited);
      this.pending = undefined;
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private ask(command: Command): Promise<Reply> {
    if (this.exited) return Promise.reject(this.exited);
    if (this.pending) return Promise.reject(new Error('one command at a time'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.child.send(command);
    });
  }

  /** Opens `count` streams, `concurrency` at a time; each counts as open once its `put` event arrived. */
  async open(target: StreamTarget, count: number, concurrency = 64, timeoutMs = 30_000): Promise<Opened> {
    const reply = await this.ask({ type: 'open', target, count, concurrency, timeoutMs });
    if (reply.type !== 'opened') throw new Error(`unexpected reply ${reply.type}`);
    return reply;
  }

  /** Sends one change through the management API and times its arrival on every open stream. */
  async change(
    change: { url: string; authorization: string; method: string; path: string; body: string },
    timeoutMs = 10_000,
  ): Promise<Changed> {
    const reply = await this.ask({ type: 'change', ...change, timeoutMs });
    if (reply.type !== 'changed') throw new Error(`unexpected reply ${reply.type}`);
    return reply;
  }

  async closeStreams(): Promise<void> {
    await this.ask({ type: 'close' });
  }

  /** Ends the process. */
  dispose(): Promise<void> {
    return new Promise((resolve) => {
      if (this.exited) return resolve();
      this.child.once('exit', () => resolve());
      this.child.disconnect();
    });
  }
}
