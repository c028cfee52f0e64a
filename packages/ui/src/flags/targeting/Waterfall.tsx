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
import { Button, Stack, Text } from '@mantine/core';
import type { Allocation } from '@vexil/engine';
import { useState } from 'react';
import {
  addAllocation,
  deleteAllocation,
  duplicateAllocation,
  moveAllocation,
  updateAllocation,
} from '../logic/waterfall';
import { AllocationCard, type AllocationCardProps, allocationTitle } from './AllocationCard';
import { withField } from './targeting-model';
import { useTargetingScope } from './TargetingScope';

/**
 * The allocation waterfall: cards in evaluation order, reordered by dragging, by the keyboard
 * (focus a card's handle, Space to pick it up, arrow keys to move it, Space to drop it, Escape
 * to cancel) or by its move up/down buttons. waterfall.ts makes every edit.
 */
export function Waterfall({ allocations }: { allocations: readonly Allocation[] }) {
  const { editable, update, variations } = useTargetingScope();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const edit = (change: (list: readonly Allocation[]) => Allocation[]) =>
    update((state) => withField(state, 'allocations', change(state.allocations ?? [])));
  const toggle = (id: string, open?: boolean) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (open ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });

  const titleOf = (id: UniqueIdentifier) => {
    const index = allocations.findIndex((allocation) => allocation.id === id);
    return index < 0 ? 'the allocation' : allocationTitle(allocations[index] as Allocation, index);
  };
  const positionOf = (id: UniqueIdentifier | undefined) =>
    allocations.findIndex((allocation) => allocation.id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up ${titleOf(active.id)}, position ${positionOf(active.id)} of ${allocations.length}.`,
    onDragOver: ({ active, over }) =>
      over ? `${titleOf(active.id)} is over position ${positionOf(over.id)} of ${allocations.length}.` : undefined,
    onDragEnd: ({ active, over }) =>
      over ? `${titleOf(active.id)} dropped at position ${positionOf(over.id)} of ${allocations.length}.` : undefined,
    onDragCancel: ({ active }) => `Reordering cancelled; ${titleOf(active.id)} is back in its place.`,
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    edit((list) => moveAllocation(list, String(active.id), positionOf(over.id) - 1));
  };

  const add = () => {
    // Made outside the state update, so the new id is known here (and one id only, even when React replays updates).
    const next = addAllocation(allocations, { serve: { variation: variations[0]?.key ?? '' } });
    const added = next.find((allocation) => !allocations.includes(allocation));
    edit(() => next);
    // The new card opens for editing: an allocation for everyone is rarely what was meant.
    if (added) toggle(added.id, true);
  };

  if (allocations.length === 0 && !editable)
    return (
      <Text size="sm" c="dimmed">
        No allocations: every context goes on to the fallthrough.
      </Text>
    );

  const cardProps = (allocation: Allocation, index: number): AllocationCardProps => ({
    allocation,
    index,
    count: allocations.length,
    expanded: expanded.has(allocation.id),
    onToggleExpanded: () => toggle(allocation.id),
    onChange: (next) => edit((list) => updateAllocation(list, allocation.id, () => next)),
    onMove: (to) => edit((list) => moveAllocation(list, allocation.id, to)),
    onDuplicate: () => edit((list) => duplicateAllocation(list, allocation.id)),
    onDelete: () => edit((list) => deleteAllocation(list, allocation.id)),
  });

  return (
    <Stack gap="sm">
      {allocations.length === 0 && (
        <Text size="sm" c="dimmed">
          No allocations yet: every context goes on to the fallthrough. Add one to target a group, roll out to a share
          of contexts, or run an experiment.
        </Text>
      )}
      {editable ? (
        <DndContext
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={onDragEnd}
          accessibility={{
            announcements,
            screenReaderInstructions: {
              draggable:
                'To reorder this allocation, press Space to pick it up, the up and down arrow keys to move it, Space again to drop it, or Escape to cancel.',
            },
          }}
        >
          <SortableContext
            items={allocations.map((allocation) => allocation.id)}
            strategy={verticalListSortingStrategy}
          >
            {allocations.map((allocation, index) => (
              <SortableAllocation key={allocation.id} {...cardProps(allocation, index)} />
            ))}
          </SortableContext>
        </DndContext>
      ) : (
        allocations.map((allocation, index) => <AllocationCard key={allocation.id} {...cardProps(allocation, index)} />)
      )}
      {editable && (
        <Button variant="light" onClick={add} style={{ alignSelf: 'flex-start' }}>
          Add allocation
        </Button>
      )}
    </Stack>
  );
}

function SortableAllocation(props: AllocationCardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: props.allocation.id,
  });
  return (
    <AllocationCard
      {...props}
      cardRef={setNodeRef}
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
