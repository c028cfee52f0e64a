import { describe, expect, it } from 'vitest';
import type { SdkKey } from '../../src/api/sdk-keys';
import {
  nodeOpenFeatureSnippet,
  nodeSnippet,
  ofrepClientSnippet,
  ofrepSnippet,
  ofrepWebSnippet,
  reactSnippet,
  webSnippet,
} from '../../src/flags/list/sdk-snippets';
import {
  expiryAfter,
  GRACE_CHOICES,
  inListOrder,
  snippetClientKey,
  snippetServerKeyHint,
  works,
} from '../../src/sdk-keys/sdk-key-model';

const key = (fields: Partial<SdkKey> & Pick<SdkKey, 'id' | 'kind' | 'status'>): SdkKey => ({
  name: fields.id,
  hint: `vx_${fields.kind}_${fields.id}…`,
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: null,
  revokedAt: null,
  ...fields,
});

describe('the SDK key list', () => {
  const keys = [
    key({ id: 'a', kind: 'server', status: 'revoked' }),
    key({ id: 'b', kind: 'client', status: 'expiring', key: 'vx_client_b' }),
    key({ id: 'c', kind: 'server', status: 'active' }),
    key({ id: 'd', kind: 'client', status: 'expired', key: 'vx_client_d' }),
    key({ id: 'e', kind: 'client', status: 'active', key: 'vx_client_e' }),
  ];

  it('shows the keys that work first, each group in the server’s order', () => {
    expect(inListOrder(keys).map((one) => one.id)).toEqual(['b', 'c', 'e', 'a', 'd']);
    expect(keys.filter(works).map((one) => one.id)).toEqual(['b', 'c', 'e']);
  });

  it('fills the snippets with an active client key in full, and an active server key by its hint', () => {
    expect(snippetClientKey(keys)).toBe('vx_client_e');
    expect(snippetServerKeyHint(keys)).toBe('vx_server_c…');
    expect(snippetClientKey(keys.slice(0, 4))).toBeUndefined();
  });
});

describe('rotation', () => {
  it('offers revoking at once up to the server’s maximum of 30 days, and says when the old key stops', () => {
    expect(GRACE_CHOICES[0]?.seconds).toBe(0);
    expect(GRACE_CHOICES.at(-1)?.seconds).toBe(30 * 24 * 60 * 60);
    expect(expiryAfter(new Date('2026-03-01T10:00:00Z'), 3600).toISOString()).toBe('2026-03-01T11:00:00.000Z');
  });
});

describe('the SDK snippets', () => {
  const input = { origin: 'https://flags.example.com', environment: 'staging', flag: 'new-checkout' };

  it('set a server key just shown in the environment of the process, never in the code', () => {
    const secret = 'vx_server_0123456789';
    for (const code of [nodeSnippet, nodeOpenFeatureSnippet].map((snippet) =>
      snippet({ ...input, serverKey: secret, serverKeyHint: 'vx_server_01…89' }),
    )) {
      expect(code).toContain(`VEXIL_SERVER_KEY='${secret}' node app.mjs`);
      expect(code).toContain('sdkKey: process.env.VEXIL_SERVER_KEY');
      expect(code).not.toContain(`sdkKey: '${secret}'`);
    }
    const curl = ofrepSnippet({ ...input, serverKey: secret });
    expect(curl.split('\n')[0]).toBe(`VEXIL_SERVER_KEY='${secret}' # staging's new server SDK key`);
    expect(curl).toContain('-H "Authorization: Bearer $VEXIL_SERVER_KEY"');
  });

  it('use the OpenFeature server provider of @vexil/node against this server', () => {
    const code = nodeOpenFeatureSnippet(input);
    expect(code).toContain("import { VexilProvider } from '@vexil/node/openfeature';");
    expect(code).toContain("baseUrl: 'https://flags.example.com'");
    expect(code).toContain("getBooleanValue('new-checkout', false");
  });

  it('write a client key into browser code as it is (it is public)', () => {
    const clientKey = 'vx_client_abc';
    const web = webSnippet({ ...input, clientKey });
    expect(web).toContain(`clientKey: '${clientKey}', // staging's client key`);
    expect(web).toContain("baseUrl: 'https://flags.example.com'");
    expect(web).toContain("vexil.boolean('new-checkout', false)");
    const react = reactSnippet({ ...input, clientKey });
    expect(react).toContain("import { useFlag, VexilProvider } from '@vexil/react';");
    expect(react).toContain('<VexilProvider options={options}>');
    expect(react).toContain(`clientKey: '${clientKey}'`);
    expect(react).toContain("useFlag('new-checkout', false)");
    const ofrepWeb = ofrepWebSnippet({ ...input, clientKey });
    expect(ofrepWeb).toContain(`headers: [['Authorization', '${clientKey}']]`);
    expect(ofrepWeb).toContain('new OFREPWebProvider({');
    const curl = ofrepClientSnippet({ ...input, clientKey });
    expect(curl).toContain('curl -s https://flags.example.com/ofrep/v1/evaluate/flags \\');
    expect(curl).toContain(`-H 'Authorization: ${clientKey}'`);
  });

  it('say which key goes where when the environment has no client key yet', () => {
    expect(webSnippet(input)).toContain("clientKey: 'vx_client_…', // a client key of staging");
    expect(ofrepWebSnippet(input)).toContain("'vx_client_…']], // a client key of staging");
    expect(ofrepClientSnippet(input)).toContain("-H 'Authorization: vx_client_…'");
  });
});
