import { Alert, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { FlagState } from '@vexil/engine';
import { type ReactNode, useMemo } from 'react';
import { useEnvironments } from '../../api/environments';
import { humanize } from '../../api/problem';
import { useSegments } from '../../api/segments';
import { isCritical } from '../../environments/colors';
import { useFlagDraft } from '../draft/FlagDraftContext';
import { errorFor, errorsAt, joinPath, relativePath } from '../logic/problems';
import { fallthroughSentence } from '../logic/sentences';
import { IndividualTargets } from './IndividualTargets';
import { KillSwitch } from './KillSwitch';
import { Prerequisites } from './Prerequisites';
import { SentenceView } from './SentenceView';
import { ServeEditor } from './ServeEditor';
import { withField } from './targeting-model';
import { type TargetingScope, TargetingScopeContext, useTargetingScope } from './TargetingScope';
import { Waterfall } from './Waterfall';

/** The fields of a state that a section of this tab shows; the server's errors elsewhere are listed on top. */
const SECTION_FIELDS = ['on', 'offVariation', 'prerequisites', 'targets', 'allocations', 'fallthrough'];

/**
 * The Targeting tab: the selected environment's state, top to bottom in the order the engine
 * evaluates it — kill switch, prerequisites, individual targets, the allocation waterfall, the
 * fallthrough. Members who may not edit this environment read it as sentences, with no controls.
 */
export function TargetingTab({ environment }: { environment: string }) {
  const draft = useFlagDraft();
  const environments = useEnvironments(draft.project);
  const segments = useSegments(draft.project);
  const state = draft.draft.environments[environment];
  const info = environments.data?.find((candidate) => candidate.key === environment);
  const environmentName = info?.name ?? environment;
  const root = `environments.${environment}`;
  const { problem, updateState } = draft;

  const scope = useMemo<TargetingScope>(() => {
    const segmentNames = new Map(segments.data?.map((segment) => [segment.key, segment.name]));
    const under = (path: string) => joinPath(root, path);
    return {
      project: draft.project,
      flagKey: draft.draft.key,
      environment,
      editable: draft.canEdit(environment),
      variations: draft.draft.variations,
      segments: segments.data,
      vocabulary: { variations: draft.draft.variations, segmentName: (key) => segmentNames.get(key) },
      root,
      errorAt: (path) => {
        const message = errorFor(problem, under(path));
        return message === undefined ? undefined : humanize(message);
      },
      errorsBelow: (path) =>
        errorsAt(problem, under(path)).map((error) => ({
          path: relativePath(error.path, under(path)) ?? error.path,
          message: humanize(error.message),
        })),
      update: (change) => updateState(environment, change),
    };
  }, [draft, environment, root, problem, updateState, segments.data]);

  if (state === undefined)
    return (
      <Alert color="yellow" title="No state in this environment">
        This flag has no state in {environmentName} yet. Reload the page; if it stays, the environment may have been
        deleted.
      </Alert>
    );

  const unclaimed = errorsAt(problem, root).filter(
    (error) => !SECTION_FIELDS.some((field) => relativePath(error.path, `${root}.${field}`) !== undefined),
  );

  return (
    <TargetingScopeContext.Provider value={scope}>
      <Stack gap="md">
        {!scope.editable && (
          <Text size="sm" c="dimmed">
            You can read this environment’s targeting; changing it needs an editor role here.
          </Text>
        )}
        {unclaimed.length > 0 && (
          <Alert color="red" title="The server refused these settings" role="alert">
            <List size="sm">
              {unclaimed.map((error) => (
                <List.Item key={`${error.path}:${error.message}`}>
                  {relativePath(error.path, root) || 'state'}: {humanize(error.message)}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Section
          step={1}
          title="Kill switch"
          hint="Off serves the off variation to everyone; nothing below is looked at."
          badge={info && isCritical(info) ? 'critical environment' : undefined}
        >
          <KillSwitch state={state} environmentName={environmentName} />
        </Section>
        <Section
          step={2}
          title="Prerequisites"
          hint="Flags that must serve given variations first; if not, the off variation is served."
        >
          <Prerequisites prerequisites={state.prerequisites ?? []} />
        </Section>
        <Section step={3} title="Individual targets" hint="Context keys that always get a variation.">
          <IndividualTargets targets={state.targets ?? []} />
        </Section>
        <Section
          step={4}
          title="Allocations"
          hint="Checked top to bottom; the first whose conditions match decides. Outside its exposure, a context is not exposed."
        >
          <Waterfall allocations={state.allocations ?? []} />
        </Section>
        <Section step={5} title="Fallthrough" hint="Everyone no allocation took.">
          <Fallthrough state={state} />
        </Section>
      </Stack>
    </TargetingScopeContext.Provider>
  );
}

interface SectionProps {
  step: number;
  title: string;
  hint: string;
  badge?: string;
  children: ReactNode;
}

function Section({ step, title, hint, badge, children }: SectionProps) {
  const id = `targeting-${title.toLowerCase().replace(/\s+/g, '-')}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <div>
          <Group gap="xs">
            <Badge variant="outline" color="gray" circle aria-hidden>
              {step}
            </Badge>
            <Title order={2} size="h4" id={id}>
              {title}
            </Title>
            {badge && (
              <Badge color="red" variant="light">
                {badge}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" mt={4}>
            {hint}
          </Text>
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

function Fallthrough({ state }: { state: FlagState }) {
  const { editable, update, vocabulary, variations } = useTargetingScope();
  const afterRules = (state.allocations?.length ?? 0) > 0 || (state.targets?.length ?? 0) > 0;
  if (!editable) return <SentenceView sentence={fallthroughSentence(state.fallthrough, vocabulary, afterRules)} />;
  return (
    <Stack gap="xs">
      <SentenceView sentence={fallthroughSentence(state.fallthrough, vocabulary, afterRules)} />
      {state.fallthrough ? (
        <ServeEditor
          serve={state.fallthrough}
          onChange={(serve) => update((current) => withField(current, 'fallthrough', serve))}
          path="fallthrough"
          label="Fallthrough"
        />
      ) : (
        <Button
          size="compact-sm"
          variant="light"
          style={{ alignSelf: 'flex-start' }}
          onClick={() =>
            update((current) => withField(current, 'fallthrough', { variation: variations[0]?.key ?? '' }))
          }
        >
          Serve a variation instead
        </Button>
      )}
    </Stack>
  );
}
