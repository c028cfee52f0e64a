import { describe, expect, it } from 'vitest';
import { compile, exposureBucket, murmur3, splitBounds, splitBucket } from '../src/index.js';

/** The vectors published in docs/bucketing.md: every Vexil SDK must reproduce them. */
const VECTORS = [
  { salt: 'new-checkout.beta', value: 'user-1', murmur3: 1178990182, bucket: 182 },
  { salt: 'new-checkout.beta', value: 'user-2', murmur3: 3152911577, bucket: 1577 },
  { salt: 'new-checkout', value: 'alice', murmur3: 2317439035, bucket: 9035 },
  { salt: 's3', value: 'user-000001', murmur3: 2583405070, bucket: 5070 },
  { salt: 'flag.allocation', value: '日本語', murmur3: 880996480, bucket: 6480 },
];

describe('bucketing', () => {
  it.each(VECTORS)('bucket("$salt", "$value") = $bucket', ({ salt, value, murmur3: hash, bucket }) => {
    expect(murmur3(`${salt}.${value}`)).toBe(hash);
    expect(splitBucket(salt, value)).toBe(bucket);
  });

  it('hashes exposure with the salt suffixed by ".exposure"', () => {
    expect(exposureBucket('new-checkout.beta', 'user-1')).toBe(6284);
  });

  it('turns weights into contiguous bucket ranges', () => {
    expect(
      splitBounds([
        { variation: 'a', weight: 33.33 },
        { variation: 'b', weight: 66.67 },
      ]),
    ).toEqual([3333, 10_000]);
    expect(
      splitBounds([
        { variation: 'a', weight: 0 },
        { variation: 'b', weight: 50 },
        { variation: 'c', weight: 50 },
      ]),
    ).toEqual([0, 5000, 10_000]);
  });

  it('serves the variation whose range holds the bucket', () => {
    // user-2 is in bucket 1577 of salt "new-checkout.beta": inside a 15.78 % first range, outside a 15.77 % one.
    const serve = (first: number) =>
      compile({
        flags: [
          {
            key: 'new-checkout',
            type: 'string',
            variations: [
              { key: 'a', value: 'a' },
              { key: 'b', value: 'b' },
            ],
            on: true,
            allocations: [
              {
                id: 'beta',
                serve: {
                  split: [
                    { variation: 'a', weight: first },
                    { variation: 'b', weight: 100 - first },
                  ],
                },
              },
            ],
          },
        ],
      }).evaluate('new-checkout', { key: 'user-2' }).variation;
    expect(serve(15.78)).toBe('a');
    expect(serve(15.77)).toBe('b');
  });

  it('defaults the salt to "<flag key>.<allocation id>" and buckets on the bucketBy attribute', () => {
    const ruleset = compile({
      flags: [
        {
          key: 'new-checkout',
          type: 'string',
          variations: [
            { key: 'a', value: 'a' },
            { key: 'b', value: 'b' },
          ],
          on: true,
          bucketBy: { contextKind: 'organization', attribute: 'id' },
          allocations: [
            {
              id: 'beta',
              serve: {
                split: [
                  { variation: 'a', weight: 1.83 },
                  { variation: 'b', weight: 98.17 },
                ],
              },
            },
          ],
        },
      ],
    });
    // bucket("new-checkout.beta", "user-1") = 182 < 183: "a".
    expect(ruleset.evaluate('new-checkout', { kind: 'organization', key: 'o', id: 'user-1' }).variation).toBe('a');
    expect(ruleset.evaluate('new-checkout', { kind: 'organization', key: 'user-1', id: 'user-2' }).variation).toBe('b');
  });
});
