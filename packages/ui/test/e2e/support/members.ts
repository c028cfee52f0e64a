import type { Page } from 'playwright-core';
import type { ConsoleUnderTest } from './console.js';
import { signIn } from './pages.js';

export interface Grant {
  role: 'owner' | 'admin' | 'editor' | 'viewer';
  project?: string;
  environment?: string;
}

/**
 * A new member with these grants (invited by the owner through the API, joined as a person would),
 * signed in on a page of their own. A new address on each call: a retried test must not meet the
 * account its first attempt made. Close the page's context when done.
 */
export async function signInAsNewMember(console: ConsoleUnderTest, name: string, roles: Grant[]): Promise<Page> {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}@example.com`;
  const invitation = await console.server.api('POST', '/api/v1/invitations', { email, roles });
  if (invitation.status !== 201) throw new Error(`Invitation refused: ${JSON.stringify(invitation.body)}`);
  const accepted = await fetch(`${console.url}/api/v1/auth/invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: invitation.body.token, name, password: 'a long enough password' }),
  });
  if (accepted.status !== 201) throw new Error(`Joining failed with ${accepted.status}`);
  const page = await console.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').waitFor({ timeout: 30_000 });
  await signIn(page, email, 'a long enough password');
  return page;
}
