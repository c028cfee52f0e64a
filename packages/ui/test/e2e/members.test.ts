import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleUnderTest, expectAccessible, screenshot, signIn, startConsole } from './support/index.js';

/**
 * The members page: a member invited as editor on a project but viewer on its production, the link
 * shown once and accepted in another browser, then checked in the console (a switch in development,
 * none in production) and through the API (403 on a production write with their session and with a
 * personal token); grants changed, with the server's refusal at the grant; an invitation revoked;
 * the last owner neither removable nor demotable (409 shown when the list was out of date); viewers
 * read without controls, and members without a role on the organisation are refused cleanly.
 */

const PAGE = '/settings/members';
const FLAG = 'new-checkout';
const INVITEE = 'linus@example.com';
const PASSWORD = 'a long enough password';
/** Unique per run: a retried test must not find the member its first attempt made. */
const VIEWER = `vic-${Date.now()}@example.com`;

interface MemberRow {
  id: string;
  email: string;
  name: string;
  roles: { role: string; project?: string; environment?: string }[];
}

/** A write with the session cookie, made from the page as the console makes it (CSRF token echoed). */
function sessionWrite(
  page: Page,
  method: 'POST' | 'PATCH',
  path: string,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = document.cookie
        .split(';')
        .map((part) => part.trim().split('='))
        .find(([name]) => name === 'vexil_csrf')?.[1];
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf ?? '') },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json().catch(() => undefined) };
    },
    { method, path, body },
  );
}

describe('the members page', () => {
  let console: ConsoleUnderTest;
  let page: Page;
  let invitee: Page;
  const members = async () => (await console.server.api('GET', '/api/v1/members')).body as MemberRow[];
  const memberOf = async (email: string) => {
    const found = (await members()).find((member) => member.email === email);
    if (!found) throw new Error(`${email} is not a member`);
    return found;
  };
  const flagState = async (environment: string) =>
    (await console.server.api('GET', `/api/v1/projects/default/flags/${FLAG}`)).body.environments[environment].on;
  const row = (email: string): Locator => page.locator(`[data-testid="member"][data-email="${email}"]`);
  const statePath = (environment: string) => `/api/v1/projects/default/flags/${FLAG}/environments/${environment}`;

  beforeAll(async () => {
    console = await startConsole();
    const flag = await console.server.api('POST', '/api/v1/projects/default/flags', { key: FLAG });
    expect(flag.status, JSON.stringify(flag.body)).toBe(201);
    page = await console.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: console.url });
    await signIn(page, console.owner.email, console.owner.password);
  });
  afterAll(() => console?.close());

  it('lists the members under Settings in the rail; the only owner offers no Remove', async () => {
    await page.goto('/projects/default/flags?env=development');
    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(PAGE);
    await expect(page.getByTestId('member').count()).resolves.toBe(1);
    const owner = row(console.owner.email);
    await expect(owner.textContent()).resolves.toMatch(/^OwnerYou.*Owner · organisation.*The only owner/);
    await expect(owner.getByRole('button', { name: /^Remove/ }).count()).resolves.toBe(0);
    await owner.getByRole('button', { name: 'Change grants of Owner' }).waitFor();
    await screenshot(page, 'members');
    await expectAccessible(page);
    // The tabs work from the keyboard, and the URL follows.
    await page.getByRole('tab', { name: 'Members (1)' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL((url) => url.search === '?tab=invitations');
    await page.getByText('No invitation is waiting').waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL((url) => url.search === '');
  });

  it('says what each role allows, from the roles’ policies', async () => {
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'What each role allows' }).click();
    const matrix = page.getByRole('table', { name: 'What each role allows' });
    await matrix.waitFor();
    const line = (label: string) => matrix.getByRole('row').filter({ hasText: label });
    await expect(line('Manage SDK keys').textContent()).resolves.toBe(
      'Manage SDK keysthe environment or wider✓yes✓yes—no—no',
    );
    await expect(line('Invite, change and remove members').textContent()).resolves.toBe(
      'Invite, change and remove membersthe organisation✓yes—no—no—no',
    );
    await screenshot(page, 'members-roles');
    await expectAccessible(page);
  });

  it('shows the server’s refusal of an email at the email', async () => {
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Invite member' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite a member' });
    await dialog.getByLabel('Email').fill('not an email');
    await dialog.getByRole('button', { name: 'Create invitation' }).click();
    await expect.poll(() => dialog.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByText('Must match format "email"').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await console.server.api('GET', '/api/v1/invitations')).body).toEqual([]);
  });

  it('invites an editor of the project who only views production; the link is shown once and accepted elsewhere', async () => {
    await page.goto(PAGE);
    await page.getByRole('button', { name: 'Invite member' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite a member' });
    await dialog.getByLabel('Email').fill(INVITEE);
    await dialog.getByRole('combobox', { name: 'Role of grant 1' }).selectOption('editor');
    await dialog.getByRole('combobox', { name: 'Project of grant 1' }).selectOption('default');
    await dialog.getByRole('button', { name: 'Add a grant' }).click();
    await dialog.getByRole('combobox', { name: 'Role of grant 2' }).selectOption('viewer');
    await dialog.getByRole('combobox', { name: 'Project of grant 2' }).selectOption('default');
    await dialog.getByRole('combobox', { name: 'Environment of grant 2' }).selectOption('production');
    await expect(dialog.getByTestId('grant-allows').allTextContents()).resolves.toEqual([
      'Editor on project default: reads, and may create and change flags, segments and metrics; turn flags on and off, change targeting',
      'Viewer on default / production: read only',
    ]);
    const access = dialog.getByTestId('access');
    await expect(access.allTextContents()).resolves.toEqual([
      'defaultdevelopmentEditorproject',
      'defaultstagingEditorproject',
      'defaultproductionViewerenvironment',
    ]);
    await screenshot(page, 'members-invite');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Create invitation' }).click();

    const shown = page.getByRole('dialog', { name: `Invitation for ${INVITEE}` });
    await shown.waitFor();
    const link = (await shown.getByTestId('invitation-link').locator('pre').textContent()) ?? '';
    expect(link).toMatch(new RegExp(`^${console.url}/invitations/accept#vx_inv_`));
    await shown.getByRole('button', { name: 'Copy the invitation link' }).click();
    await shown.getByRole('button', { name: 'Copied the invitation link' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(link);
    await screenshot(page, 'members-invitation-link');
    await expectAccessible(page);
    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'detached' });

    // The invitations tab, in the URL, lists it with its grants.
    expect(new URL(page.url()).search).toBe('?tab=invitations');
    const pending = page.locator(`[data-testid="invitation"][data-email="${INVITEE}"]`);
    await expect(pending.getByTestId('grant-badge').allTextContents()).resolves.toEqual([
      'Editor · project default',
      'Viewer · default / production',
    ]);
    const invitations = (await console.server.api('GET', '/api/v1/invitations')).body;
    expect(invitations).toMatchObject([
      {
        email: INVITEE,
        roles: [
          { role: 'editor', project: 'default' },
          { role: 'viewer', project: 'default', environment: 'production' },
        ],
      },
    ]);

    // Accepted in a second browser, with no session of the owner's.
    invitee = await console.newPage();
    await invitee.goto(link);
    await invitee.getByLabel('Your name').waitFor({ timeout: 30_000 });
    await invitee.getByLabel('Your name').fill('Linus');
    await invitee.getByLabel(/^Password/).fill(PASSWORD);
    await invitee.getByRole('button', { name: 'Accept and sign in' }).click();
    await invitee.waitForURL((url) => !url.pathname.startsWith('/invitations'));
    expect((await memberOf(INVITEE)).roles).toEqual([
      { role: 'editor', project: 'default' },
      { role: 'viewer', project: 'default', environment: 'production' },
    ]);
    expect((await console.server.api('GET', '/api/v1/invitations')).body).toEqual([]);
  });

  it('lets the new editor toggle in development, shows no switch in production, and the API agrees', async () => {
    await invitee.goto(`/projects/default/flags?env=development&q=${FLAG}`);
    const flagRow = invitee.locator(`tr[data-flag="${FLAG}"]`);
    await flagRow.waitFor();
    await expect(flagRow.getByRole('switch', { name: `${FLAG} in Production` }).count()).resolves.toBe(0);
    await expect(flagRow.getByTestId('read-only-state').allTextContents()).resolves.toEqual(['Off']);
    await flagRow.getByRole('switch', { name: `${FLAG} in Development` }).click({ force: true });
    await expect.poll(() => flagState('development')).toBe(true);
    await screenshot(invitee, 'members-editor-flags');

    // Their session: development yes, production 403.
    expect((await sessionWrite(invitee, 'PATCH', statePath('production'), { on: true })).status).toBe(403);
    expect((await sessionWrite(invitee, 'PATCH', statePath('development'), { on: false })).status).toBe(200);
    // A personal token of theirs is held to the same grants.
    const created = await sessionWrite(invitee, 'POST', '/api/v1/api-tokens', {
      name: 'Linus’s script',
      kind: 'personal',
      roles: [
        { role: 'editor', project: 'default' },
        { role: 'viewer', project: 'default', environment: 'production' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const token = (created.body as { token: string }).token;
    expect((await console.server.api('PATCH', statePath('production'), { on: true }, token)).status).toBe(403);
    expect((await console.server.api('PATCH', statePath('development'), { on: true }, token)).status).toBe(200);
    expect(await flagState('production')).toBe(false);
  });

  it('refuses the members and organisation pages cleanly to someone with no role on the organisation', async () => {
    await invitee.goto(PAGE);
    await invitee.getByRole('alert').filter({ hasText: 'You may not see the members' }).waitFor();
    await expect(invitee.getByTestId('member').count()).resolves.toBe(0);
    const rail = invitee.getByRole('navigation', { name: 'Project' });
    await expect(rail.getByRole('link', { name: 'Members' }).count()).resolves.toBe(0);
    await expect(rail.getByRole('link', { name: 'API tokens' }).count()).resolves.toBe(1);
    await screenshot(invitee, 'members-refused');
    await expectAccessible(invitee);
    await invitee.goto('/settings/organization');
    await invitee.getByRole('alert').filter({ hasText: 'You may not see the organisation’s settings' }).waitFor();
  });

  it('changes a member’s grants, shows a refused grant at its row, and says where they leave them', async () => {
    await page.goto(PAGE);
    await row(INVITEE).waitFor();
    await expect(row(INVITEE).getByTestId('grant-badge').allTextContents()).resolves.toEqual([
      'Editor · project default',
      'Viewer · default / production',
    ]);
    await row(INVITEE).getByRole('button', { name: 'Change grants of Linus' }).click();
    const dialog = page.getByRole('dialog', { name: 'Grants of Linus' });
    // The same scope twice: the server names the second grant.
    await dialog.getByRole('combobox', { name: 'Environment of grant 2' }).selectOption('');
    await dialog.getByRole('button', { name: 'Save grants' }).click();
    await dialog.getByText('Another role is already given for the same scope').waitFor();
    await expect(dialog.getByTestId('grant-allows').nth(1).textContent()).resolves.toBe(
      'Another role is already given for the same scope',
    );
    await screenshot(page, 'members-grant-error');
    await expectAccessible(page);

    // Production becomes the editor's too, staging view-only.
    await dialog.getByRole('combobox', { name: 'Environment of grant 2' }).selectOption('staging');
    await dialog.getByRole('combobox', { name: 'Role of grant 2' }).selectOption('viewer');
    await expect(dialog.getByTestId('access').allTextContents()).resolves.toEqual([
      'defaultdevelopmentEditorproject',
      'defaultstagingViewerenvironment',
      'defaultproductionEditorproject',
    ]);
    await dialog.getByRole('button', { name: 'Save grants' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await memberOf(INVITEE)).roles).toEqual([
      { role: 'editor', project: 'default' },
      { role: 'viewer', project: 'default', environment: 'staging' },
    ]);
    await expect(row(INVITEE).getByTestId('grant-badge').allTextContents()).resolves.toEqual([
      'Editor · project default',
      'Viewer · default / staging',
    ]);
  });

  it('revokes an invitation after naming it; its link stops working', async () => {
    const invitation = await console.server.api('POST', '/api/v1/invitations', {
      email: 'grace@example.com',
      roles: [{ role: 'viewer' }],
    });
    expect(invitation.status).toBe(201);
    await page.goto(`${PAGE}?tab=invitations`);
    await page.getByRole('button', { name: 'Revoke the invitation of grace@example.com' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke the invitation of grace@example.com?' });
    await dialog.getByText('The link sent to grace@example.com stops working at once').waitFor();
    await screenshot(page, 'members-revoke-invitation');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Revoke invitation' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('No invitation is waiting').waitFor();
    expect((await console.server.api('GET', '/api/v1/invitations')).body).toEqual([]);
    const accepted = await fetch(`${console.url}/api/v1/auth/invitations/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: invitation.body.token, name: 'Grace', password: PASSWORD }),
    });
    expect(accepted.status).toBe(404);
  });

  it('keeps the last owner: its grant is locked, and a removal from an out-of-date list is refused with 409', async () => {
    const owner = await memberOf(console.owner.email);
    await page.goto(PAGE);
    await row(console.owner.email).getByRole('button', { name: 'Change grants of Owner' }).click();
    const dialog = page.getByRole('dialog', { name: 'Grants of Owner' });
    await expect(dialog.getByRole('combobox', { name: 'Role of grant 1' }).isDisabled()).resolves.toBe(true);
    await dialog.getByText('Owner is the only owner of the organisation').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Linus is made owner too: now either may go.
    const linus = await memberOf(INVITEE);
    expect(
      (await console.server.api('PATCH', `/api/v1/members/${linus.id}`, { roles: [{ role: 'owner' }] })).status,
    ).toBe(200);
    await page.reload();
    await row(console.owner.email).getByRole('button', { name: 'Remove Owner' }).waitFor();
    await expect(page.getByTestId('last-owner').count()).resolves.toBe(0);
    // Meanwhile, elsewhere, Linus stops being owner: this page does not know yet.
    expect(
      (await console.server.api('PATCH', `/api/v1/members/${linus.id}`, { roles: [{ role: 'viewer' }] })).status,
    ).toBe(200);
    await row(console.owner.email).getByRole('button', { name: 'Remove Owner' }).click();
    const remove = page.getByRole('dialog', { name: 'Remove Owner?' });
    await remove.getByRole('button', { name: 'Remove member' }).click();
    const refusal = remove.getByRole('alert').filter({ hasText: 'The organisation needs an owner' });
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain(
      `${console.owner.email} is the organisation's last owner: make another member owner first`,
    );
    await expect(remove.getByRole('button', { name: 'Remove member' }).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'members-last-owner');
    await expectAccessible(page);
    expect((await memberOf(console.owner.email)).id).toBe(owner.id);
    // The server refuses a demotion just as well.
    const demote = await console.server.api('PATCH', `/api/v1/members/${owner.id}`, { roles: [{ role: 'admin' }] });
    expect(demote.status).toBe(409);
    await remove.getByRole('button', { name: 'Cancel' }).click();
  });

  it('removes a member after naming what ends', async () => {
    await page.goto(PAGE);
    await row(INVITEE).getByRole('button', { name: 'Remove Linus' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove Linus?' });
    await dialog.getByText('their personal tokens stop working at once').waitFor();
    await dialog.getByRole('button', { name: 'Remove member' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row(INVITEE).waitFor({ state: 'detached' });
    expect((await members()).map((member) => member.email)).toEqual([console.owner.email]);
  });

  it('shows an organisation viewer the members without controls, searchable from the URL', async () => {
    const created = await console.server.api('POST', '/api/v1/members', {
      email: VIEWER,
      name: 'Vic Viewer',
      password: PASSWORD,
      roles: [{ role: 'viewer' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const viewer = await console.newPage();
    await signIn(viewer, VIEWER, PASSWORD);
    await viewer.goto(`${PAGE}?q=VIC`);
    await viewer.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
    await expect(viewer.getByLabel('Search members').inputValue()).resolves.toBe('VIC');
    await expect(viewer.getByTestId('member').count()).resolves.toBe(1);
    await expect(viewer.getByRole('tab').count()).resolves.toBe(0);
    await expect(
      viewer
        .getByRole('main')
        .getByRole('button', { name: /Invite|Change|Remove|Revoke/ })
        .count(),
    ).resolves.toBe(0);
    await viewer.getByLabel('Search members').fill('');
    await expect.poll(() => viewer.getByTestId('member').count()).toBe(2);
    expect(new URL(viewer.url()).search).toBe('');
    await screenshot(viewer, 'members-viewer');
    await expectAccessible(viewer);
    await viewer.context().close();
  });
});
