import { AppShell, Button, Group, NativeSelect, NavLink, Stack, Text } from '@mantine/core';
import { Suspense } from 'react';
import { Link, Navigate, Outlet, useLocation, useMatch, useNavigate, useParams } from 'react-router';
import { useEnvironments } from '../api/environments';
import { usePreferences } from '../api/preferences';
import { useProjects } from '../api/projects';
import { type Session, useSession, useSignOut } from '../api/session';
import favicon from '../app/favicon.svg';
import { recall } from '../app/remembered';
import { signInPath } from '../auth/return-path';
import { can } from '../auth/permissions';
import { describeRoles } from '../auth/roles';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { environmentColor, isCritical } from '../environments/colors';
import { EnvironmentSelector } from '../environments/EnvironmentSelector';
import { projectPath, useSelectedEnvironmentKey } from '../environments/selected-environment';
import classes from './Shell.module.css';
import { OrganizationSwitcher } from './OrganizationSwitcher';
import { SessionContext } from './session-context';

/**
 * The frame of every signed-in page: the rail on the left (project switcher, the project's pages, the
 * member), the header with the environment selector, and the page. Signed-out visitors are sent to sign
 * in and brought back here afterwards.
 */
export function Shell() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoading label="Checking your session…" />;
  if (session.isError)
    return (
      <Stack p="xl">
        <PageError error={session.error} title="Could not check your session" onRetry={() => void session.refetch()} />
      </Stack>
    );
  if (session.data === null) return <Navigate to={signInPath(location)} replace />;
  return (
    <SessionContext.Provider value={session.data}>
      <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 0 }} padding="lg">
        <Header />
        <Rail session={session.data} />
        <AppShell.Main>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </SessionContext.Provider>
  );
}

function Header() {
  const { project } = useParams();
  return project === undefined ? (
    <AppShell.Header className={classes.header}>
      <Brand />
    </AppShell.Header>
  ) : (
    <ProjectHeader project={project} />
  );
}

function ProjectHeader({ project }: { project: string }) {
  const environments = useEnvironments(project);
  const [selectedKey, select] = useSelectedEnvironmentKey();
  const selected = environments.data?.find((environment) => environment.key === selectedKey);
  const critical = selected !== undefined && isCritical(selected);
  return (
    <AppShell.Header
      className={`${classes.header} ${critical ? classes.critical : ''}`}
      style={selected && { '--environment-color': `var(--mantine-color-${environmentColor(selected.key)}-6)` }}
    >
      <Brand />
      {environments.data && selected && (
        <EnvironmentSelector environments={environments.data} selected={selected} onSelect={select} />
      )}
    </AppShell.Header>
  );
}

function Brand() {
  return (
    <Link to="/" className={classes.brand}>
      <img src={favicon} alt="" />
      Vexil
    </Link>
  );
}

function Rail({ session }: { session: Session }) {
  const { project: current } = useParams();
  const [environment] = useSelectedEnvironmentKey();
  const projects = useProjects();
  const preferences = usePreferences({ enabled: current === undefined });
  // Off project pages (the account page), the rail keeps pointing at the project the member used last.
  const project =
    current ?? preferences.data?.project ?? recall(session.member.id, 'project') ?? projects.data?.[0]?.key;
  // A page of the current project: its link keeps the selected environment.
  const projectPage = (page: string, label: string) =>
    project !== undefined && (
      <RailLink to={projectPath(project, page, environment)} match={`/projects/:project/${page}/*`} label={label} />
    );
  return (
    <AppShell.Navbar p="md" aria-label="Console">
      <AppShell.Section>
        <OrganizationSwitcher session={session} />
      </AppShell.Section>
      <AppShell.Section mt="md">
        <ProjectSwitcher projects={projects} current={project} environment={environment} />
      </AppShell.Section>
      <AppShell.Section grow mt="md" component="nav" aria-label="Project" className={classes.nav}>
        {projectPage('flags', 'Flags')}
        {projectPage('segments', 'Segments')}
        {projectPage('metrics', 'Metrics')}
        {projectPage('experiments', 'Experiments')}
        {projectPage('users', 'Users')}
        {/* Organisation-wide, opened on the project's changes. */}
        <RailLink
          to={project === undefined ? '/audit' : `/audit?project=${encodeURIComponent(project)}`}
          match="/audit"
          label="Audit log"
        />
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="md" mb={4} px="sm">
          Settings
        </Text>
        <div>
          {projectPage('environments', 'Environments')}
          {projectPage('sdk-keys', 'SDK keys')}
          {/* Owners and admins: import:run is checked again for the environment the page opens on. */}
          {project !== undefined &&
            can(session.member, 'import:run', { project, environment }) &&
            projectPage('import', 'Import from Eppo')}
          {/* Organisation-wide: members and the organisation need a role on the whole organisation. */}
          <RailLink to="/settings/projects" match="/settings/projects" label="Projects" />
          {can(session.member, 'member:read', {}) && (
            <RailLink to="/settings/members" match="/settings/members" label="Members" />
          )}
          <RailLink to="/settings/api-tokens" match="/settings/api-tokens" label="API tokens" />
          {can(session.member, 'organization:read', {}) && (
            <RailLink to="/settings/organization" match="/settings/organization" label="Organisation" />
          )}
        </div>
      </AppShell.Section>
      <AppShell.Section className={classes.member}>
        <MemberCard session={session} />
      </AppShell.Section>
    </AppShell.Navbar>
  );
}

/** A page in the rail, marked as the current one while `match` (its path, or the paths under it) is open. */
function RailLink({ to, match, label }: { to: string; match: string; label: string }) {
  const active = useMatch(match) !== null;
  return <NavLink component={Link} to={to} label={label} active={active} aria-current={active ? 'page' : undefined} />;
}

interface ProjectSwitcherProps {
  projects: ReturnType<typeof useProjects>;
  current: string | undefined;
  environment: string | undefined;
}

/** A native select: light to render on every page, and keyboard type-ahead finds a project by name. */
function ProjectSwitcher({ projects, current, environment }: ProjectSwitcherProps) {
  const navigate = useNavigate();
  const choices = (projects.data ?? []).map((project) => ({ value: project.key, label: project.name }));
  return (
    <NativeSelect
      label="Project"
      data={
        current === undefined
          ? [{ value: '', label: projects.isPending ? 'Loading…' : 'Choose a project' }, ...choices]
          : choices
      }
      value={current ?? ''}
      onChange={(event) => {
        const key = event.currentTarget.value;
        if (key) void navigate(projectPath(key, 'flags', environment));
      }}
      error={projects.isError ? 'Could not load the projects; reload the page' : undefined}
    />
  );
}

function MemberCard({ session }: { session: Session }) {
  const signOut = useSignOut();
  const navigate = useNavigate();
  const { member } = session;
  return (
    <Stack gap="xs">
      <div>
        <Text size="sm" fw={600} truncate>
          {member.name}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {member.email}
        </Text>
        <Text size="xs" c="dimmed" data-testid="member-roles">
          {describeRoles(member.roles)}
        </Text>
      </div>
      <Group gap="xs">
        <Button component={Link} to="/account" variant="default" size="xs">
          Account
        </Button>
        <Button
          variant="subtle"
          size="xs"
          loading={signOut.isPending}
          onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) })}
        >
          Sign out
        </Button>
      </Group>
    </Stack>
  );
}
