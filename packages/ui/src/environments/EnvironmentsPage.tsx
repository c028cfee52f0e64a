import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Alert, Button, ColorSwatch, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { type CSSProperties, type Ref, useState } from 'react';
import { useParams } from 'react-router';
import type { DraggableAttributes, DraggableSyntheticListeners } from '@dnd-kit/core';
import { type Environment, useEnvironments, useReorderEnvironments } from '../api/environments';
import { isProblem } from '../api/problem';
import { can } from '../auth/permissions';
import { KeyText } from '../components/KeyText';
import { PageError } from '../components/PageError';
import { PageLoading } from '../components/PageLoading';
import { RelativeTime } from '../components/RelativeTime';
import { usePageTitle } from '../components/use-page-title';
import { useSignedIn } from '../shell/session-context';
import { environmentColor, isCritical } from './colors';
import { DeleteEnvironmentDialog } from './DeleteEnvironmentDialog';
import { EnvironmentDialog } from './EnvironmentDialog';
import { moveInOrder } from './environment-list';
import { CriticalBadge } from './EnvironmentSelector';

type Editing = { mode: 'create' } | { mode: 'edit'; environment: Environment } | undefined;

/**
 * `/projects/:project/environments`: the project's environments in their order (the order of the
 * selector and of the flag list's columns), created, renamed, marked critical, reordered by dragging
 * or with the keyboard, and deleted after a typed confirmation that names what goes with them.
 */
export function EnvironmentsPage() {
  const { project = '' } = useParams();
  const { member } = useSignedIn();
  usePageTitle(`Environments · ${project}`);
  const environments = useEnvironments(project);
  const reorder = useReorderEnvironments(project);
  const [editing, setEditing] = useState<Editing>(undefined);
  const [deleting, setDeleting] = useState<Environment | undefined>(undefined);

  if (environments.isPending) return <PageLoading />;
  if (environments.isError)
    return (
      <PageError
        error={environments.error}
        title="Could not load the environments"
        onRetry={() => void environments.refetch()}
      />
    );
  const list = environments.data;
  const canManage = can(member, 'environment:manage', { project });
  const canManageOne = (key: string) => can(member, 'environment:manage', { project, environment: key });
  const move = (key: string, to: number) =>
    reorder.mutate(
      moveInOrder(
        list.map((environment) => environment.key),
        key,
        to,
      ),
    );

  return (
    <Stack gap="lg" maw={960}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Stack gap={2}>
          <Title order={1}>Environments</Title>
          <Text size="sm" c="dimmed">
            Each environment has its own flag states and SDK keys. Their order here is the order of the environment
            selector and of the flag list’s columns.
          </Text>
        </Stack>
        {canManage && (
          <Button onClick={() => setEditing({ mode: 'create' })} style={{ flexShrink: 0 }}>
            Create environment
          </Button>
        )}
      </Group>
      {reorder.error !== null && (
        <Alert color="red" role="alert" title="The order was not saved" withCloseButton onClose={reorder.reset}>
          {isProblem(reorder.error)
            ? (reorder.error.detail ?? reorder.error.title)
            : 'Something unexpected went wrong.'}
        </Alert>
      )}
      <EnvironmentList
        environments={list}
        sortable={canManage}
        canManage={canManageOne}
        canDelete={list.length > 1}
        onMove={move}
        onEdit={(environment) => setEditing({ mode: 'edit', environment })}
        onDelete={setDeleting}
      />
      {canManage && list.length > 1 && (
        <Text size="xs" c="dimmed">
          To reorder with the keyboard, focus an environment’s handle (⠿), press Space, move it with the arrow keys, and
          press Space again to drop it (Escape cancels).
        </Text>
      )}
      {!canManage && (
        <Text size="sm" c="dimmed">
          You can view this project’s environments; owners and admins create, change and delete them.
        </Text>
      )}
      <EnvironmentDialog
        project={project}
        editing={editing}
        onClose={() => setEditing(undefined)}
        position={list.length}
      />
      <DeleteEnvironmentDialog project={project} environment={deleting} onClose={() => setDeleting(undefined)} />
    </Stack>
  );
}

interface EnvironmentListProps {
  environments: readonly Environment[];
  sortable: boolean;
  canManage: (key: string) => boolean;
  canDelete: boolean;
  onMove: (key: string, to: number) => void;
  onEdit: (environment: Environment) => void;
  onDelete: (environment: Environment) => void;
}

function EnvironmentList({
  environments,
  sortable,
  canManage,
  canDelete,
  onMove,
  onEdit,
  onDelete,
}: EnvironmentListProps) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const nameOf = (id: UniqueIdentifier) => environments.find((environment) => environment.key === id)?.name ?? id;
  const positionOf = (id: UniqueIdentifier | undefined) =>
    environments.findIndex((environment) => environment.key === id) + 1;
  const count = environments.length;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}, position ${positionOf(active.id)} of ${count}.`,
    onDragOver: ({ active, over }) =>
      over ? `${nameOf(active.id)} is over position ${positionOf(over.id)} of ${count}.` : undefined,
    onDragEnd: ({ active, over }) =>
      over ? `${nameOf(active.id)} dropped at position ${positionOf(over.id)} of ${count}.` : undefined,
    onDragCancel: ({ active }) => `Reordering cancelled; ${nameOf(active.id)} is back in its place.`,
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onMove(String(active.id), positionOf(over.id) - 1);
  };
  const rowProps = (environment: Environment, index: number): EnvironmentRowProps => ({
    environment,
    index,
    editable: canManage(environment.key),
    deletable: canDelete && canManage(environment.key),
    onEdit: () => onEdit(environment),
    onDelete: () => onDelete(environment),
  });

  const rows = environments.map((environment, index) =>
    sortable ? (
      <SortableEnvironmentRow key={environment.key} {...rowProps(environment, index)} />
    ) : (
      <EnvironmentRow key={environment.key} {...rowProps(environment, index)} />
    ),
  );
  const list = (
    <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Environments in order">
      {rows}
    </Stack>
  );
  if (!sortable) return list;
  // The context's live region (reorder announcements) sits beside the list, not inside it: an <ol> holds only <li>.
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            'To reorder this environment, press Space to pick it up, the up and down arrow keys to move it, Space again to drop it, or Escape to cancel.',
        },
      }}
    >
      <SortableContext
        items={environments.map((environment) => environment.key)}
        strategy={verticalListSortingStrategy}
      >
        {list}
      </SortableContext>
    </DndContext>
  );
}

interface EnvironmentRowProps {
  environment: Environment;
  index: number;
  editable: boolean;
  deletable: boolean;
  onEdit(): void;
  onDelete(): void;
  drag?: { ref: Ref<HTMLButtonElement>; attributes: DraggableAttributes; listeners: DraggableSyntheticListeners };
  rowRef?: Ref<HTMLLIElement>;
  style?: CSSProperties;
  dragging?: boolean;
}

function SortableEnvironmentRow(props: EnvironmentRowProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: props.environment.key,
  });
  return (
    <EnvironmentRow
      {...props}
      rowRef={setNodeRef}
      style={{
        transform: CSS.Translate.toString(transform),
        transition,
        position: 'relative',
        zIndex: isDragging ? 2 : undefined,
      }}
      dragging={isDragging}
      drag={{ ref: setActivatorNodeRef, attributes, listeners }}
    />
  );
}

/** One environment: its colour, name and key, whether it is critical, when it was made; its controls for managers. */
function EnvironmentRow({
  environment,
  index,
  editable,
  deletable,
  onEdit,
  onDelete,
  drag,
  rowRef,
  style,
  dragging,
}: EnvironmentRowProps) {
  const critical = isCritical(environment);
  return (
    <li ref={rowRef} style={style} data-testid="environment" data-key={environment.key}>
      <Paper withBorder p="sm" shadow={dragging ? 'md' : undefined}>
        <Group gap="sm" wrap="nowrap">
          {drag && (
            <Tooltip label="Drag, or focus and press Space then the arrow keys" openDelay={600}>
              <ActionIcon
                ref={drag.ref}
                variant="subtle"
                color="gray"
                aria-label={`Reorder ${environment.name}`}
                {...drag.attributes}
                {...drag.listeners}
                style={{ cursor: 'grab', touchAction: 'none' }}
              >
                <span aria-hidden>⠿</span>
              </ActionIcon>
            </Tooltip>
          )}
          <Text size="sm" c="dimmed" w={20} ta="right" aria-hidden>
            {index + 1}
          </Text>
          <ColorSwatch color={`var(--mantine-color-${environmentColor(environment.key)}-6)`} size={16} aria-hidden />
          <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
            <Group gap="xs" wrap="nowrap">
              <Text fw={600} truncate>
                {environment.name}
              </Text>
              {critical && <CriticalBadge />}
            </Group>
            <Group gap="md" wrap="nowrap">
              <KeyText text={environment.key} label={`the key ${environment.key}`} />
              <RelativeTime at={environment.createdAt} prefix="created " size="xs" c="dimmed" />
            </Group>
          </Stack>
          {editable && (
            <Group gap="xs" wrap="nowrap">
              <Button variant="default" size="xs" onClick={onEdit} aria-label={`Edit ${environment.name}`}>
                Edit
              </Button>
              {deletable && (
                <Button
                  variant="subtle"
                  color="red"
                  size="xs"
                  onClick={onDelete}
                  aria-label={`Delete ${environment.name}`}
                >
                  Delete
                </Button>
              )}
            </Group>
          )}
        </Group>
      </Paper>
    </li>
  );
}
