import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Collapse,
  Group,
  Menu,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import type { DraggableAttributes, DraggableSyntheticListeners } from '@dnd-kit/core';
import type { Allocation } from '@vexil/engine';
import type { CSSProperties, Ref } from 'react';
import { allocationSentence } from '../logic/sentences';
import { ConditionEditor } from './ConditionEditor';
import { SentenceView } from './SentenceView';
import { ServeEditor } from './ServeEditor';
import { instantFromInput, instantInputValue } from './targeting-model';
import { useTargetingScope } from './TargetingScope';

/** The drag handle's wiring from dnd-kit's `useSortable`, kept out of the card's own concerns. */
export interface DragHandle {
  ref: Ref<HTMLButtonElement>;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
}

export interface AllocationCardProps {
  allocation: Allocation;
  index: number;
  count: number;
  expanded: boolean;
  onToggleExpanded(): void;
  onChange(allocation: Allocation): void;
  onMove(to: number): void;
  onDuplicate(): void;
  onDelete(): void;
  drag?: DragHandle;
  /** dnd-kit's transform while dragging. */
  style?: CSSProperties;
  cardRef?: Ref<HTMLDivElement>;
  dragging?: boolean;
}

/** An allocation's name for labels: its name, or its place in the waterfall. */
export function allocationTitle(allocation: Allocation, index: number): string {
  return allocation.name ? `Allocation “${allocation.name}”` : `Allocation ${index + 1}`;
}

/**
 * One allocation of the waterfall: what it does in words first; behind that sentence (expand to
 * edit) its name, conditions, exposure, what it serves, its time window and tracking.
 */
export function AllocationCard(props: AllocationCardProps) {
  const { allocation, index, count, expanded } = props;
  const { editable, vocabulary, errorsBelow } = useTargetingScope();
  const title = allocationTitle(allocation, index);
  const path = `allocations[${index}]`;
  const errors = errorsBelow(path);
  const disabled = allocation.enabled === false;
  const panelId = `allocation-${allocation.id}-editor`;
  return (
    <Paper
      ref={props.cardRef}
      withBorder
      p="sm"
      style={{
        ...props.style,
        borderColor: errors.length > 0 ? 'var(--mantine-color-red-6)' : undefined,
        opacity: props.dragging ? 0.85 : undefined,
        background: disabled ? 'var(--mantine-color-gray-0)' : undefined,
      }}
      shadow={props.dragging ? 'md' : undefined}
      data-testid="allocation"
      aria-label={title}
      component="section"
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        {editable && props.drag && (
          <Tooltip label="Drag, or focus and press Space then the arrow keys" openDelay={600}>
            <ActionIcon
              ref={props.drag.ref}
              variant="subtle"
              color="gray"
              aria-label={`Reorder ${title}`}
              {...props.drag.attributes}
              {...props.drag.listeners}
              style={{ cursor: 'grab', touchAction: 'none' }}
            >
              <span aria-hidden>⠿</span>
            </ActionIcon>
          </Tooltip>
        )}
        <Badge variant="light" color={disabled ? 'gray' : 'indigo'} circle mt={2} aria-hidden>
          {index + 1}
        </Badge>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          {allocation.name && (
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {allocation.name}
            </Text>
          )}
          <SentenceView sentence={allocationSentence(allocation, vocabulary)} />
          {errors.length > 0 && !expanded && (
            <Text size="xs" c="red.9">
              {errors.length === 1 ? 'A problem to fix' : `${errors.length} problems to fix`} — open it to see where.
            </Text>
          )}
        </Stack>
        {editable && (
          <Group gap={4} wrap="nowrap">
            <Switch
              size="sm"
              aria-label={`${title} enabled`}
              checked={!disabled}
              onChange={(event) => {
                const { enabled: _enabled, ...rest } = allocation;
                props.onChange(event.currentTarget.checked ? rest : { ...rest, enabled: false });
              }}
              mr={4}
              mt={4}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Move ${title} up`}
              disabled={index === 0}
              onClick={() => props.onMove(index - 1)}
            >
              <span aria-hidden>↑</span>
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Move ${title} down`}
              disabled={index === count - 1}
              onClick={() => props.onMove(index + 1)}
            >
              <span aria-hidden>↓</span>
            </ActionIcon>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${title}`}>
                  <span aria-hidden>⋯</span>
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={props.onDuplicate}>Duplicate</Menu.Item>
                <Menu.Item color="red" onClick={props.onDelete}>
                  Delete
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Button
              size="compact-sm"
              variant={expanded ? 'light' : 'default'}
              aria-expanded={expanded}
              aria-controls={panelId}
              aria-label={`${expanded ? 'Close' : 'Edit'} ${title}`}
              onClick={props.onToggleExpanded}
            >
              {expanded ? 'Close' : 'Edit'}
            </Button>
          </Group>
        )}
      </Group>
      {editable && (
        <Collapse expanded={expanded} id={panelId}>
          {expanded && (
            <AllocationEditor allocation={allocation} index={index} title={title} onChange={props.onChange} />
          )}
        </Collapse>
      )}
    </Paper>
  );
}

interface AllocationEditorProps {
  allocation: Allocation;
  index: number;
  title: string;
  onChange(allocation: Allocation): void;
}

/** The allocation's fields, in the order its sentence reads them. */
function AllocationEditor({ allocation, index, title, onChange }: AllocationEditorProps) {
  const { errorAt, errorsBelow } = useTargetingScope();
  const path = `allocations[${index}]`;
  const set = <K extends keyof Allocation>(field: K, value: Allocation[K] | undefined) => {
    const next = { ...allocation };
    if (value === undefined) delete next[field];
    else next[field] = value;
    onChange(next);
  };
  // Errors of this allocation that no input below shows.
  const shown = ['name', 'enabled', 'conditions', 'startAt', 'endAt', 'exposure', 'serve', 'track'];
  const others = errorsBelow(path).filter((error) => !shown.some((field) => error.path.startsWith(field)));
  return (
    <Stack gap="md" mt="md" pt="md" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Group gap="md" align="flex-start">
        <TextInput
          label="Name"
          description="How people refer to it, in history and experiments"
          placeholder={`Allocation ${index + 1}`}
          value={allocation.name ?? ''}
          onChange={(event) => set('name', event.currentTarget.value || undefined)}
          error={errorAt(`${path}.name`)}
          w={260}
        />
        <Checkbox
          mt={30}
          label="Track exposures for experiments"
          checked={allocation.track === true}
          onChange={(event) => set('track', event.currentTarget.checked || undefined)}
        />
      </Group>
      <ConditionEditor
        conditions={allocation.conditions ?? []}
        onChange={(conditions) => set('conditions', conditions)}
        path={`${path}.conditions`}
        owner={title}
      />
      <NumberInput
        label="Exposure"
        description="Of the contexts that match: the others are not exposed (they get the code’s default)"
        value={allocation.exposure ?? 100}
        onChange={(value) => {
          const exposure = typeof value === 'number' ? value : Number(value);
          set('exposure', Number.isFinite(exposure) && exposure !== 100 ? exposure : undefined);
        }}
        min={0}
        max={100}
        step={5}
        decimalScale={2}
        suffix=" %"
        w={360}
        error={errorAt(`${path}.exposure`)}
      />
      <ServeEditor
        serve={allocation.serve}
        onChange={(serve) => set('serve', serve)}
        path={`${path}.serve`}
        label={`${title} serves`}
      />
      <Group gap="md" align="flex-start">
        <TextInput
          type="datetime-local"
          label="Starts (UTC)"
          description="Leave empty to start now"
          value={instantInputValue(allocation.startAt)}
          onChange={(event) => set('startAt', instantFromInput(event.currentTarget.value))}
          error={errorAt(`${path}.startAt`)}
          w={240}
        />
        <TextInput
          type="datetime-local"
          label="Ends (UTC)"
          description="Leave empty to run until changed"
          value={instantInputValue(allocation.endAt)}
          onChange={(event) => set('endAt', instantFromInput(event.currentTarget.value))}
          error={errorAt(`${path}.endAt`)}
          w={240}
        />
      </Group>
      {others.map((error) => (
        <Text key={`${error.path}:${error.message}`} size="sm" c="red.9">
          {error.path}: {error.message}
        </Text>
      ))}
    </Stack>
  );
}
