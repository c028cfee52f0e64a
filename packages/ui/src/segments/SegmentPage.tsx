import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Modal,
  Paper,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useBlocker, useNavigate, useParams, useSearchParams } from 'react-router';
import { useEnvironments } from '../api/environments';
import { humanize, isProblem } from '../api/problem';
import { type Segment, segmentQuery, useSaveSegment, useSegment, useSegmentUsage } from '../api/segments';
import { can } from '../auth/permissions';
import { FormProblem } from '../components/FormProblem';
import { KeyText } from '../components/KeyText';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { RelativeTime } from '../components/RelativeTime';
import { usePageTitle } from '../components/use-page-title';
import { projectPath, useSelectedEnvironmentKey } from '../environments/selected-environment';
import { errorFor, errorsAt, relativePath } from '../flags/logic/problems';
import { type TargetingScope, TargetingScopeContext } from '../flags/targeting/TargetingScope';
import { useSignedIn } from '../shell/session-context';
import { DeleteSegmentDialog } from './DeleteSegmentDialog';
import { KeyListEditor } from './KeyListEditor';
import { RulesEditor } from './RulesEditor';
import {
  type DraftField,
  definitionOf,
  describeChanges,
  draftOf,
  environmentsText,
  fieldName,
  reapply,
  type SegmentDraft,
  sizeText,
} from './segment-model';
import { SegmentTestBox } from './SegmentTestBox';

/** `?list=excluded` shows the excluded keys; the included ones are the default. */
const LIST_PARAM = 'list';
/** `?q=ada`: the search inside the shown key list. */
const SEARCH_PARAM = 'q';
/** The fields the page shows the server's errors at (under them, for lists); others are listed above the form. */
const CLAIMED = ['name', 'description', 'contextKind', 'included', 'excluded', 'rules'];

/**
 * `/projects/:project/segments/:segment`: one segment — who is in it (included and excluded keys,
 * rules), where it is used, and a test box ("is Ada in it, and why?"). Editors change a draft; a
 * bar at the bottom counts the changes, and Save sends them with the version they started from,
 * so someone else's save in between is shown and never overwritten.
 */
export function SegmentPage() {
  const { project = '', segment: key = '' } = useParams();
  const [environment] = useSelectedEnvironmentKey();
  const segment = useSegment(project, key);
  usePageTitle(`${segment.data?.name || key} · Segments`);
  if (segment.isPending) return <PageLoading />;
  if (segment.isError)
    return (
      <PageError
        error={segment.error}
        title={isProblem(segment.error, 404) ? `No segment “${key}” in this project` : 'Could not load the segment'}
        onRetry={() => void segment.refetch()}
      >
        <Button component={Link} to={projectPath(project, 'segments', environment)} variant="default" size="xs">
          All segments
        </Button>
      </PageError>
    );
  return <SegmentEditor key={`${project}/${key}`} project={project} saved={segment.data} />;
}

function SegmentEditor({ project, saved }: { project: string; saved: Segment }) {
  const { member } = useSignedIn();
  const [environment] = useSelectedEnvironmentKey();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const environments = useEnvironments(project);
  const usage = useSegmentUsage(project);
  const save = useSaveSegment(project, saved.key);
  const canEdit = can(member, 'segment:write', { project });

  // The saved state the draft started from (and its version), and the draft.
  const [base, setBase] = useState<{ draft: SegmentDraft; version: number }>(() => ({
    draft: draftOf(saved),
    version: saved.version,
  }));
  const [draft, setDraft] = useState<SegmentDraft>(base.draft);
  const [conflict, setConflict] = useState<Segment | undefined>(undefined);
  // The conflict is shown at the top of the page, far from the Save that met it: it is brought into view.
  const conflictAlert = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (conflict) conflictAlert.current?.scrollIntoView({ block: 'start' });
  }, [conflict]);
  const [merged, setMerged] = useState<DraftField[] | undefined>(undefined);
  const [deleting, setDeleting] = useState(false);
  const changes = useMemo(() => describeChanges(base.draft, draft), [base.draft, draft]);
  const draftDefinition = useMemo(
    () => (changes.length > 0 ? definitionOf(draft) : undefined),
    [changes.length, draft],
  );
  // Set when the segment is deleted: the page then leaves with nothing left to save.
  const deleted = useRef(false);
  const leaving = useLeaveWarning(changes.length > 0, deleted);

  // Someone's save arrives (a refetch) while nothing is edited here: show it.
  useEffect(() => {
    if (saved.version === base.version || changes.length > 0) return;
    const next = draftOf(saved);
    setBase({ draft: next, version: saved.version });
    setDraft(next);
  }, [saved, base.version, changes.length]);

  const list = params.get(LIST_PARAM) === 'excluded' ? 'excluded' : 'included';
  const search = params.get(SEARCH_PARAM) ?? '';
  const setParam = (name: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === undefined || value === '') next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );

  const problem = save.error;
  const scope = useMemo<TargetingScope>(
    () => ({
      project,
      flagKey: '',
      environment: environment ?? '',
      editable: canEdit,
      variations: [],
      segments: undefined,
      vocabulary: {},
      root: '',
      errorAt: (path) => {
        const message = errorFor(problem, path);
        return message === undefined ? undefined : humanize(message);
      },
      errorsBelow: (path) =>
        errorsAt(problem, path).map((error) => ({
          path: relativePath(error.path, path) ?? error.path,
          message: humanize(error.message),
        })),
      update: () => undefined,
    }),
    [project, environment, canEdit, problem],
  );
  const listError = (field: 'included' | 'excluded') => {
    const error = errorsAt(problem, field)[0];
    return error && `${error.path === field ? '' : `${error.path.slice(field.length)}: `}${humanize(error.message)}`;
  };
  const fieldError = (field: string) => {
    const message = errorFor(problem, field);
    return message === undefined ? undefined : humanize(message);
  };
  // Errors the page shows at their field: the rest are listed above it.
  const shownAtFields = isProblem(problem)
    ? problem.errors
        .map((error) => error.path)
        .filter((path) => CLAIMED.some((field) => relativePath(path, field) !== undefined))
    : [];
  const fieldsAtFault = [...new Set(shownAtFields.map((path) => path.split(/[.[]/)[0] as DraftField))];
  // A refused save takes the person to the first field it names, wherever it is on the page.
  useEffect(() => {
    if (!isProblem(problem) || problem.status === 412 || problem.errors.length === 0) return;
    const first = document.querySelector<HTMLElement>('main [aria-invalid="true"], main [data-field-error]');
    first?.scrollIntoView({ block: 'center' });
    if (first?.matches('input, textarea')) first.focus();
  }, [problem]);

  const edit = (change: Partial<SegmentDraft>) => {
    setMerged(undefined);
    setDraft((current) => ({ ...current, ...change }));
  };
  const discard = () => {
    save.reset();
    setMerged(undefined);
    setDraft(base.draft);
  };
  const submit = () =>
    save.mutate(
      { definition: definitionOf(draft), version: base.version },
      {
        onSuccess: (segment) => {
          const next = draftOf(segment);
          setBase({ draft: next, version: segment.version });
          setDraft(next);
          setMerged(undefined);
        },
        onError: async (error) => {
          if (!isProblem(error, 412)) return;
          const theirs = await queryClient.fetchQuery({ ...segmentQuery(project, saved.key), staleTime: 0 });
          setConflict(theirs);
        },
      },
    );
  const reapplyMine = (theirs: Segment) => {
    const theirDraft = draftOf(theirs);
    const result = reapply(base.draft, draft, theirDraft);
    setBase({ draft: theirDraft, version: theirs.version });
    setDraft(result.draft);
    setMerged(result.conflicts);
    setConflict(undefined);
    save.reset();
  };
  const takeTheirs = (theirs: Segment) => {
    const theirDraft = draftOf(theirs);
    setBase({ draft: theirDraft, version: theirs.version });
    setDraft(theirDraft);
    setConflict(undefined);
    save.reset();
  };

  const names = new Map(environments.data?.map((candidate) => [candidate.key, candidate.name]));
  const users = usage.data?.find((item) => item.segment === saved.key)?.flags ?? (usage.data ? [] : undefined);
  const flagPath = (flag: string) => projectPath(project, `flags/${encodeURIComponent(flag)}`, environment);
  const name = saved.name || saved.key;
  const shownSize = sizeText({ included: draft.included, excluded: draft.excluded, rules: draft.rules });

  return (
    <TargetingScopeContext.Provider value={scope}>
      <Stack gap="lg" maw={1200} pb={changes.length > 0 ? 96 : 0}>
        <Anchor component={Link} to={projectPath(project, 'segments', environment)} size="sm">
          ← All segments
        </Anchor>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4}>
            <Title order={1}>{name}</Title>
            <Group gap="sm">
              <KeyText text={saved.key} label={`the key ${saved.key}`} />
              <Text size="sm" c="dimmed" data-testid="segment-size">
                {shownSize}
              </Text>
              <RelativeTime at={saved.updatedAt} prefix="changed " size="sm" c="dimmed" />
            </Group>
            {saved.description && (
              <Text size="sm" c="dimmed">
                {saved.description}
              </Text>
            )}
          </Stack>
          {canEdit && (
            <Button variant="light" color="red" onClick={() => setDeleting(true)} style={{ flexShrink: 0 }}>
              Delete segment
            </Button>
          )}
        </Group>
        {!canEdit && (
          <Text size="sm" c="dimmed">
            You can read this segment and test it; changing it needs an editor role in this project.
          </Text>
        )}
        {conflict && (
          <Alert
            ref={conflictAlert}
            color="red"
            title="Someone else saved this segment meanwhile"
            role="alert"
            // Clear of the fixed header when scrolled to.
            style={{ scrollMarginTop: 'calc(var(--app-shell-header-height, 60px) + var(--mantine-spacing-md))' }}
          >
            <Stack gap="xs">
              <Text size="sm">
                Your changes were not saved, and theirs were not overwritten. Since you started (version {base.version}
                ), they changed:
              </Text>
              <List size="sm">
                {describeChanges(base.draft, draftOf(conflict)).map((change) => (
                  <List.Item key={change.field}>{change.text}</List.Item>
                ))}
              </List>
              <Group gap="sm">
                <Button size="xs" onClick={() => reapplyMine(conflict)}>
                  Reapply my changes on theirs
                </Button>
                <Button size="xs" variant="default" onClick={() => takeTheirs(conflict)}>
                  Discard mine, show theirs
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {merged && merged.length > 0 && (
          <Alert color="blue" title="Check these before saving">
            You and they both changed the {merged.map(fieldName).join(', ')}: yours are kept. Review, then save.
          </Alert>
        )}
        {isProblem(problem) &&
        problem.status !== 412 &&
        shownAtFields.length > 0 &&
        shownAtFields.length === problem.errors.length ? (
          <Text size="sm" c="red.9" role="alert">
            Not saved: fix the {fieldsAtFault.map(fieldName).join(', ')} (marked below).
          </Text>
        ) : (
          problem &&
          !isProblem(problem, 412) && (
            <FormProblem
              error={problem}
              fields={shownAtFields}
              messages={{ 403: 'You may not change this segment.' }}
            />
          )
        )}
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="lg">
              <Paper withBorder p="md" component="section" aria-labelledby="segment-keys-title">
                <Stack gap="sm">
                  <Title order={2} size="h4" id="segment-keys-title">
                    Keys
                  </Title>
                  <Tabs
                    value={list}
                    onChange={(value) => setParam(LIST_PARAM, value === 'excluded' ? 'excluded' : undefined)}
                  >
                    <Tabs.List>
                      <Tabs.Tab value="included">Included ({draft.included.length.toLocaleString('en')})</Tabs.Tab>
                      <Tabs.Tab value="excluded">Excluded ({draft.excluded.length.toLocaleString('en')})</Tabs.Tab>
                    </Tabs.List>
                    <Tabs.Panel value="included" pt="sm">
                      {list === 'included' && (
                        <KeyListEditor
                          label="Included keys"
                          description={`These ${draft.contextKind || 'user'} keys are always in the segment, whatever the rules say.`}
                          keys={draft.included}
                          onChange={canEdit ? (included) => edit({ included }) : undefined}
                          search={search}
                          onSearch={(text) => setParam(SEARCH_PARAM, text)}
                          error={listError('included')}
                        />
                      )}
                    </Tabs.Panel>
                    <Tabs.Panel value="excluded" pt="sm">
                      {list === 'excluded' && (
                        <KeyListEditor
                          label="Excluded keys"
                          description={`These ${draft.contextKind || 'user'} keys are never in it, even when a rule matches (an included key stays in).`}
                          keys={draft.excluded}
                          onChange={canEdit ? (excluded) => edit({ excluded }) : undefined}
                          search={search}
                          onSearch={(text) => setParam(SEARCH_PARAM, text)}
                          error={listError('excluded')}
                        />
                      )}
                    </Tabs.Panel>
                  </Tabs>
                </Stack>
              </Paper>
              <Paper withBorder p="md" component="section" aria-labelledby="segment-rules-title">
                <Stack gap="sm">
                  <Title order={2} size="h4" id="segment-rules-title">
                    Rules
                  </Title>
                  <RulesEditor rules={draft.rules} onChange={canEdit ? (rules) => edit({ rules }) : undefined} />
                </Stack>
              </Paper>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="lg">
              <SegmentTestBox project={project} segment={saved.key} kind={draft.contextKind} draft={draftDefinition} />
              <Paper withBorder p="md" component="section" aria-labelledby="segment-usage-title">
                <Stack gap="xs">
                  <Title order={2} size="h4" id="segment-usage-title">
                    Used by
                  </Title>
                  {usage.isError ? (
                    <Text size="sm" c="red.9" role="alert">
                      Could not load where it is used; reload the page to try again.
                    </Text>
                  ) : users === undefined ? (
                    <Text size="sm" c="dimmed">
                      Loading…
                    </Text>
                  ) : users.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      No flag uses this segment yet. Pick it in a flag’s allocation (Add segment) to target it.
                    </Text>
                  ) : (
                    <List size="sm" spacing={4} data-testid="segment-used-by">
                      {users.map((user) => (
                        <List.Item key={user.key}>
                          <Group gap={6}>
                            <Anchor component={Link} to={flagPath(user.key)} size="sm">
                              {user.name}
                            </Anchor>
                            {user.archived && (
                              <Badge size="xs" variant="light" color="gray">
                                archived
                              </Badge>
                            )}
                            <Text span size="xs" c="dimmed">
                              in {environmentsText(user, names)}
                            </Text>
                          </Group>
                        </List.Item>
                      ))}
                    </List>
                  )}
                </Stack>
              </Paper>
              <Paper withBorder p="md" component="section" aria-labelledby="segment-details-title">
                <Stack gap="sm">
                  <Title order={2} size="h4" id="segment-details-title">
                    Details
                  </Title>
                  {canEdit ? (
                    <>
                      <TextInput
                        label="Name"
                        placeholder={saved.key}
                        value={draft.name}
                        onChange={(event) => edit({ name: event.currentTarget.value })}
                        error={fieldError('name')}
                      />
                      <Textarea
                        label="Description"
                        autosize
                        minRows={2}
                        value={draft.description}
                        onChange={(event) => edit({ description: event.currentTarget.value })}
                        error={fieldError('description')}
                      />
                      <TextInput
                        label="Context kind"
                        description="Whose keys the lists hold: user unless you say otherwise (organization, device…)"
                        placeholder="user"
                        value={draft.contextKind}
                        onChange={(event) => edit({ contextKind: event.currentTarget.value })}
                        error={fieldError('contextKind')}
                        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                      />
                    </>
                  ) : (
                    <Text size="sm">
                      The lists hold keys of <b>{saved.contextKind ?? 'user'}</b> contexts.
                    </Text>
                  )}
                </Stack>
              </Paper>
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
      {canEdit && (changes.length > 0 || save.isPending) && (
        <DraftBar
          changes={changes.map((change) => change.text)}
          saving={save.isPending}
          onDiscard={discard}
          onSave={submit}
        />
      )}
      {canEdit && (
        <DeleteSegmentDialog
          project={project}
          segment={saved}
          opened={deleting}
          users={users}
          environmentNames={names}
          flagPath={flagPath}
          onClose={() => setDeleting(false)}
          onDeleted={() => {
            deleted.current = true;
            void navigate(projectPath(project, 'segments', environment), { replace: true });
          }}
        />
      )}
      <Modal
        opened={leaving.blocked}
        onClose={leaving.stay}
        title="Leave without saving?"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <Stack>
          <Text size="sm">
            Your {changes.length === 1 ? 'change' : `${changes.length} changes`} to {name} will be lost.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={leaving.stay}>
              Stay
            </Button>
            <Button color="red" onClick={leaving.leave}>
              Leave and discard
            </Button>
          </Group>
        </Stack>
      </Modal>
    </TargetingScopeContext.Provider>
  );
}

/**
 * Unsaved changes keep the member on the page: leaving it for another page of the console asks
 * first, and closing or reloading the tab gets the browser's warning. Searching and switching the
 * key list (the query) is not leaving.
 */
function useLeaveWarning(dirty: boolean, deleted: RefObject<boolean>) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !deleted.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  return {
    blocked: blocker.state === 'blocked',
    stay: () => blocker.reset?.(),
    leave: () => blocker.proceed?.(),
  };
}

interface DraftBarProps {
  changes: readonly string[];
  saving: boolean;
  onDiscard(): void;
  onSave(): void;
}

/** The unsaved changes, in words, with Discard and Save; fixed at the bottom while there are any. */
function DraftBar({ changes, saving, onDiscard, onSave }: DraftBarProps) {
  const [open, setOpen] = useState(false);
  return (
    <Paper
      component="section"
      aria-label="Unsaved changes"
      shadow="md"
      withBorder
      p="sm"
      style={{ position: 'fixed', bottom: 16, left: 'calc(260px + 24px)', right: 24, zIndex: 100 }}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={600} role="status">
            {changes.length === 1 ? '1 unsaved change' : `${changes.length} unsaved changes`}
          </Text>
          <Group gap="sm">
            <Button size="xs" variant="subtle" onClick={() => setOpen((value) => !value)} aria-expanded={open}>
              {open ? 'Hide changes' : 'Review'}
            </Button>
            <Button size="xs" variant="default" onClick={onDiscard} disabled={saving}>
              Discard
            </Button>
            <Button size="xs" onClick={onSave} loading={saving}>
              Save
            </Button>
          </Group>
        </Group>
        {open && (
          <List size="sm" data-testid="draft-changes">
            {changes.map((change) => (
              <List.Item key={change}>{change}</List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}
