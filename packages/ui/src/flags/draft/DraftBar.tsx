import { Alert, Button, Group, List, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { useBlocker } from 'react-router';
import { useEnvironments } from '../../api/environments';
import { fetchFlag, type FlagVersions, type LoadedFlag, patchDefinition, putState } from '../../api/flag';
import { humanize } from '../../api/problem';
import { isCritical } from '../../environments/colors';
import { diffFlag, type FieldChange, type FlagWithStates } from '../logic/diff';
import { ChangeList } from './ChangeList';
import { changedEnvironments, describeFieldPath, rebaseDraft } from './draft-model';
import { useFlagDraft } from './FlagDraftContext';
import { useDraftStore } from './FlagDraftProvider';
import { type SaveCalls, saveDraft } from './save';

/** The conflict a save ran into: the flag as the other person left it, and what this save had written. */
interface Conflict {
  current: LoadedFlag;
  written: FlagWithStates;
  versions: FlagVersions;
}

type Step = { name: 'review' } | { name: 'confirm' } | { name: 'discard' } | { name: 'conflict'; conflict: Conflict };

/** What the bar says after the last save or rebase, until the next one. */
type Notice = { kind: 'saved' } | { kind: 'rebased'; overlaps: string[] };

/**
 * Draft → review → save, in one component (approvals will plug in here): the bar at the bottom of
 * the flag page ("N unsaved changes", Review, Discard, Save), the review of the changes in words,
 * the confirmation for critical environments, the conflict with someone else's save (see their
 * change, then reapply the draft on it or discard it — never overwrite it), the server's refusal,
 * and the warning when leaving with unsaved changes.
 */
export function DraftBar() {
  const draft = useFlagDraft();
  const store = useDraftStore();
  const environments = useEnvironments(draft.project);
  const [step, setStep] = useState<Step>();
  // The dialog keeps its last step while it fades out, so it never shows without a title.
  const shown = useLastDefined(step);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const { saved, draft: edited } = store.state;
  const flagKey = saved.key;
  const environmentName = (key: string) => environments.data?.find((environment) => environment.key === key)?.name;

  const critical = useMemo(() => {
    const changed = new Set(changedEnvironments(saved, edited));
    return (environments.data ?? []).filter((environment) => isCritical(environment) && changed.has(environment.key));
  }, [saved, edited, environments.data]);
  const criticalChanges = draft.changes.filter((change) =>
    critical.some((environment) => environment.key === change.environment),
  );
  const changedNames = [
    ...new Set(
      draft.changes.map((change) =>
        change.environment ? (environmentName(change.environment) ?? change.environment) : 'definition',
      ),
    ),
  ];

  // "All changes saved" says so for a moment, and goes at once when editing starts again.
  useEffect(() => {
    if (notice?.kind !== 'saved') return;
    if (draft.dirty) return setNotice(undefined);
    const timer = setTimeout(() => setNotice(undefined), 5000);
    return () => clearTimeout(timer);
  }, [draft.dirty, notice]);

  const calls: SaveCalls = {
    fetchFlag: () => fetchFlag(draft.project, flagKey),
    patchDefinition: (patch, version) => patchDefinition(draft.project, flagKey, patch, version),
    putState: (environment, state, version) => putState(draft.project, flagKey, environment, state, version),
  };

  const save = async () => {
    const sent = store.state;
    setSaving(true);
    const outcome = await saveDraft(sent.saved, sent.versions, sent.draft, calls);
    setSaving(false);
    // Edits made while saving stay in the draft: only what was sent is now saved.
    store.replace((current) => ({
      saved: outcome.written,
      versions: outcome.versions,
      draft: current.draft,
      ...(outcome.kind === 'refused' ? { refusal: { problem: outcome.problem, sent: sent.draft } } : {}),
    }));
    if (outcome.kind === 'conflict') {
      setStep({
        name: 'conflict',
        conflict: { current: outcome.current, written: outcome.written, versions: outcome.versions },
      });
      store.saved();
      return;
    }
    setStep(undefined);
    if (outcome.kind === 'saved') setNotice({ kind: 'saved' });
    else setNotice(undefined);
    if (outcome.written === sent.saved) return;
    store.saved();
    // Others may have saved other parts of the flag meanwhile (another environment): show the flag as it now is.
    draft.reload().catch(() => undefined);
  };

  /** Save, asking first when a critical environment changes. */
  const requestSave = () => {
    if (saving) return;
    if (critical.length > 0 && step?.name !== 'confirm') setStep({ name: 'confirm' });
    else void save();
  };

  const rebase = (conflict: Conflict) => {
    const { draft: rebased, overlaps } = rebaseDraft(
      conflict.written,
      store.state.draft,
      conflict.current.flag,
      (key) => environmentName(key) ?? key,
    );
    store.replace({ saved: conflict.current.flag, versions: conflict.current.versions, draft: rebased });
    setNotice({ kind: 'rebased', overlaps });
    setStep(undefined);
  };

  const takeTheirs = (conflict: Conflict) => {
    store.replace({ saved: conflict.current.flag, versions: conflict.current.versions, draft: conflict.current.flag });
    setNotice(undefined);
    setStep(undefined);
  };

  const discard = () => {
    draft.discard();
    setNotice(undefined);
    setStep(undefined);
  };

  // Ctrl/⌘+S reviews the draft, from inside an input too (instead of the browser saving the page).
  useHotkeys([['mod+S', () => draft.dirty && setStep({ name: 'review' })]], []);
  const leaving = useLeaveWarning(draft.dirty);

  const refusal = draft.problem;
  const count = draft.changes.length;
  const visible = draft.dirty || refusal !== undefined || notice !== undefined;

  return (
    <>
      {visible && (
        <Paper
          component="section"
          aria-label="Unsaved changes"
          withBorder
          shadow="md"
          p="sm"
          mt="lg"
          style={{ position: 'sticky', bottom: 'var(--mantine-spacing-md)', zIndex: 100 }}
        >
          <Stack gap="xs">
            {refusal && (
              <Alert color="red" variant="light" title="Not saved: the server refused the changes" role="alert" p="xs">
                {refusal.errors.length === 0 ? (
                  <Text size="sm">{refusal.detail ?? refusal.title}</Text>
                ) : (
                  <>
                    <Text size="sm">Fix what is marked at these fields, then save again:</Text>
                    <List size="sm">
                      {refusal.errors.map((error) => (
                        <List.Item key={`${error.path}:${error.message}`}>
                          {describeFieldPath(error.path, edited, environmentName)}: {humanize(error.message)}
                        </List.Item>
                      ))}
                    </List>
                  </>
                )}
              </Alert>
            )}
            {notice?.kind === 'rebased' && (
              <Alert
                color={notice.overlaps.length > 0 ? 'orange' : 'blue'}
                variant="light"
                title="Your changes are reapplied on the latest version"
                p="xs"
              >
                {notice.overlaps.length === 0 ? (
                  <Text size="sm">None of them touch what the other save changed. Review, then save.</Text>
                ) : (
                  <>
                    <Text size="sm">You both changed these; your version is kept — review before saving:</Text>
                    <List size="sm">
                      {notice.overlaps.map((overlap) => (
                        <List.Item key={overlap}>{overlap}</List.Item>
                      ))}
                    </List>
                  </>
                )}
              </Alert>
            )}
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" fw={600} role="status">
                {count > 0
                  ? `${count} unsaved ${count === 1 ? 'change' : 'changes'} · ${changedNames.join(', ')}`
                  : notice?.kind === 'saved'
                    ? 'All changes saved'
                    : 'No unsaved changes'}
              </Text>
              {count > 0 && (
                <Group gap="xs" wrap="nowrap">
                  <Button variant="subtle" color="red" onClick={() => setStep({ name: 'discard' })} disabled={saving}>
                    Discard
                  </Button>
                  <Button variant="default" onClick={() => setStep({ name: 'review' })}>
                    Review
                  </Button>
                  <Button onClick={requestSave} loading={saving}>
                    Save
                  </Button>
                </Group>
              )}
            </Group>
          </Stack>
        </Paper>
      )}

      <Modal
        opened={step !== undefined}
        onClose={() => !saving && setStep(undefined)}
        size="lg"
        closeButtonProps={{ 'aria-label': 'Close' }}
        title={shown && TITLES[shown.name](critical.map((environment) => environment.name))}
      >
        {shown?.name === 'review' && (
          <Stack>
            <ChangeList changes={draft.changes} environments={environments.data} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setStep(undefined)}>
                Keep editing
              </Button>
              <Button onClick={requestSave} loading={saving}>
                {critical.length > 0 ? 'Save…' : 'Save'}
              </Button>
            </Group>
          </Stack>
        )}
        {shown?.name === 'confirm' && (
          <Stack>
            <Text size="sm">
              {listOf(critical.map((environment) => environment.name))}{' '}
              {critical.length === 1 ? 'is a critical environment' : 'are critical environments'}: its SDKs serve these
              changes as soon as you save.
            </Text>
            <ChangeList changes={criticalChanges} environments={environments.data} />
            {criticalChanges.length < count && (
              <Text size="sm" c="dimmed">
                Also saved: {count - criticalChanges.length} other{' '}
                {count - criticalChanges.length === 1 ? 'change' : 'changes'} (see Review).
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setStep(undefined)} disabled={saving}>
                Cancel
              </Button>
              <Button color="red" onClick={() => void save()} loading={saving}>
                Save to {listOf(critical.map((environment) => environment.name))}
              </Button>
            </Group>
          </Stack>
        )}
        {shown?.name === 'discard' && (
          <Stack>
            <Text size="sm">These unsaved changes will be lost:</Text>
            <ChangeList changes={draft.changes} environments={environments.data} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setStep(undefined)}>
                Keep them
              </Button>
              <Button color="red" onClick={discard}>
                Discard {count} {count === 1 ? 'change' : 'changes'}
              </Button>
            </Group>
          </Stack>
        )}
        {shown?.name === 'conflict' && (
          <ConflictStep
            conflict={shown.conflict}
            mine={store.state.draft}
            environments={environments.data}
            diff={(before, after) => diffFlag(before, after, store.diffOptions)}
            environmentName={(key) => environmentName(key) ?? key}
            onRebase={() => rebase(shown.conflict)}
            onTakeTheirs={() => takeTheirs(shown.conflict)}
          />
        )}
      </Modal>

      <Modal
        opened={leaving.blocked}
        onClose={leaving.stay}
        title="Leave without saving?"
        size="md"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <Stack>
          <Text size="sm">
            Your {count} unsaved {count === 1 ? 'change' : 'changes'} to {saved.name || saved.key} will be lost.
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
    </>
  );
}

const TITLES: Record<Step['name'], (critical: string[]) => string> = {
  review: () => 'Review your changes',
  confirm: (critical) => `Save changes to ${listOf(critical)}?`,
  discard: () => 'Discard your changes?',
  conflict: () => 'Someone else saved this flag',
};

interface ConflictStepProps {
  conflict: Conflict;
  mine: FlagWithStates;
  environments: Parameters<typeof ChangeList>[0]['environments'];
  diff: (before: FlagWithStates, after: FlagWithStates) => FieldChange[];
  environmentName: (key: string) => string;
  onRebase(): void;
  onTakeTheirs(): void;
}

/** Their change, in words; what reapplying the draft would keep; the two ways on. Nothing is overwritten. */
function ConflictStep({
  conflict,
  mine,
  environments,
  diff,
  environmentName,
  onRebase,
  onTakeTheirs,
}: ConflictStepProps) {
  const theirs = diff(conflict.written, conflict.current.flag);
  const yours = diff(conflict.written, mine);
  const { overlaps } = rebaseDraft(conflict.written, mine, conflict.current.flag, environmentName);
  return (
    <Stack>
      <Text size="sm">
        The flag changed after you started editing, so nothing more of yours was saved and nothing of theirs was
        overwritten.
      </Text>
      <Stack gap="xs" component="section" aria-label="Their changes">
        <Title order={3} size="h5">
          What they changed
        </Title>
        <ChangeList changes={theirs} environments={environments} order={4} empty="Nothing you can see changed." />
      </Stack>
      <Stack gap="xs" component="section" aria-label="Your unsaved changes">
        <Title order={3} size="h5">
          Your unsaved changes
        </Title>
        <ChangeList changes={yours} environments={environments} order={4} />
      </Stack>
      {overlaps.length > 0 ? (
        <Alert color="yellow" variant="light" title="You both changed the same fields">
          <Text size="sm">Reapplying keeps your version of:</Text>
          <List size="sm">
            {overlaps.map((overlap) => (
              <List.Item key={overlap}>{overlap}</List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        <Text size="sm" c="dimmed">
          Your changes and theirs touch different fields: reapplying yours keeps both.
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" color="red" onClick={onTakeTheirs}>
          Discard mine, keep theirs
        </Button>
        <Button onClick={onRebase}>Reapply my changes</Button>
      </Group>
    </Stack>
  );
}

/** "Production", "Production and EU production", "A, B and C". */
function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Unsaved changes keep the member on the page: leaving the flag (another page of the console)
 * asks first, and closing or reloading the tab gets the browser's own warning. Moving between the
 * page's tabs and environments keeps the draft, so it is not leaving.
 */
function useLeaveWarning(dirty: boolean) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
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

/** The value, or while it is undefined the last value it had: content that outlives its state during an exit transition. */
function useLastDefined<T>(value: T | undefined): T | undefined {
  const [last, setLast] = useState(value);
  if (value !== undefined && value !== last) setLast(value);
  return value ?? last;
}
