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
  const onFlags = useMatch('/projects/:project/flags/*') !== null;
  const onSegments = useMatch('/projects/:project/segments/*') !== null;
  const onMetrics = useMatch('/projects/:project/metrics') !== null;
  const onExperiments = useMatch('/projects/:project/experiments/*') !== null;
  const onImport = useMatch('/projects/:project/import') !== null;
  const onEnvironments = useMatch('/projects/:project/environments') !== null;
  const onSdkKeys = useMatch('/projects/:project/sdk-keys') !== null;
  const onUsers = useMatch('/projects/:project/users/*') !== null;
  const onAudit = useMatch('/audit') !== null;
  return (
    <AppShell.Navbar p="md" aria-label="Console">
      <AppShell.Section>
        <OrganizationSwitcher session={session} />
      </AppShell.Section>
      <AppShell.Section mt="md">
        <ProjectSwitcher projects={projects} current={project} environment={environment} />
      </AppShell.Section>
      <AppShell.Section grow mt="md" component="nav" aria-label="Project" className={classes.nav}>
        {project !== undefined && (
          <NavLink
            component={Link}
            to={projectPath(project, 'flags', environment)}
            label="Flags"
            active={onFlags}
            aria-current={onFlags ? 'page' : undefined}
          />
        )}
        {project !== undefined && (
          <NavLink
            component={Link}
            to={projectPath(project, 'segments', environment)}
            label="Segments"
            active={onSegments}
            aria-current={onSegments ? 'page' : undefined}
          />
        )}
        {project !== undefined && (
          <NavLink
            component={Link}
            to={projectPath(project, 'metrics', environment)}
            label="Metrics"
            active={onMetrics}
            aria-current={onMetrics ? 'page' : undefined}
          />
        )}
        {project !== undefined && (
          <NavLink
            component={Link}
            to={projectPath(project, 'experiments', environment)}
            label="Experiments"
            active={onExperiments}
            aria-current={onExperiments ? 'page' : undefined}
          />
        )}
        {project !== undefined && (
          <NavLink
            component={Link}
            to={projectPath(project, 'users', environment)}
            label="Users"
            active={onUsers}
            aria-current={onUsers ? 'page' : undefined}
          />
        )}
        {/* Organisation-wide, opened on the project's changes. */}
        <NavLink
          component={Link}
          to={project === undefined ? '/audit' : `/audit?project=${encodeURIComponent(project)}`}
          label="Audit log"
          active={onAudit}
          aria-current={onAudit ? 'page' : undefined}
        />
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="md" mb={4} px="sm">
          Settings
        </Text>
        <div>
          {project !== undefined && (
            <>
              <NavLink
                component={Link}
                to={projectPath(project, 'environments', environment)}
                label="Environments"
                active={onEnvironments}
                aria-current={onEnvironments ? 'page' : undefined}
              />
              <NavLink
                component={Link}
                to={projectPath(project, 'sdk-keys', environment)}
                label="SDK keys"
                active={onSdkKeys}
                aria-current={onSdkKeys ? 'page' : undefined}
              />
              {/* Owners and admins: import:run is checked again for the environment the page opens on. */}
              {can(session.member, 'import:run', { project, environment }) && (
                <NavLink
                  component={Link}
                  to={projectPath(project, 'import', environment)}
                  label="Import from Eppo"
                  active={onImport}
                  aria-current={onImport ? 'page' : undefined}
                />
              )}
            </>
          )}
          {/* Organisation-wide: members and the organisation need a role on the whole organisation. */}
          <SettingsLink to="/settings/projects" label="Projects" />
          {can(session.member, 'member:read', {}) && <SettingsLink to="/settings/members" label="Members" />}
          <SettingsLink to="/settings/api-tokens" label="API tokens" />
          {can(session.member, 'organization:read', {}) && (
            <SettingsLink to="/settings/organization" label="Organisation" />
          )}
        </div>
      </AppShell.Section>
      <AppShell.Section className={classes.member}>
        <MemberCard session={session} />
      </AppShell.Section>
    </AppShell.Navbar>
  );
}

/** A page of the organisation's settings in the rail, marked when it is the one open. */
function SettingsLink({ to, label }: { to: string; label: string }) {
  const active = useMatch(to) !== null;
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
