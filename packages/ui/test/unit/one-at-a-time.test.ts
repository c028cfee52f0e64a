import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../src/flags/list/one-at-a-time';

/** A search whose answers the test releases one by one. */
function server() {
  const sent: string[] = [];
  const pending: (() => void)[] = [];
  const apply = (q: string) => {
    sent.push(q);
    return new Promise<void>((resolve) => pending.push(resolve));
  };
  const answer = async () => {
    pending.shift()?.();
    // Let the settled promise's callbacks (and the next send) run.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { sent, apply, answer };
}

describe('oneAtATime (the flag list search)', () => {
  it('sends a search at once when none is pending', async () => {
    const { sent, apply, answer } = server();
    const send = oneAtATime(apply);
    send('a');
    await Promise.resolve();
    expect(sent).toEqual(['a']);
    await answer();
    send('ab');
    await Promise.resolve();
    expect(sent).toEqual(['a', 'ab']);
  });

  it('holds keystrokes while one is pending and sends only the latest when it answers', async () => {
    const { sent, apply, answer } = server();
    const send = oneAtATime(apply);
    send('a');
    await Promise.resolve();
    send('ab');
    send('abc');
    send('abcd');
    expect(sent).toEqual(['a']);
    await answer();
    expect(sent).toEqual(['a', 'abcd']);
    await answer();
    expect(sent).toEqual(['a', 'abcd']);
  });

  it('goes on after a failed search', async () => {
    const sent: string[] = [];
    const send = oneAtATime((q: string) => {
      sent.push(q);
      return Promise.reject(new Error('offline'));
    });
    send('a');
    send('ab');
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(sent).toEqual(['a', 'ab']);
  });
});
