import { Button, Group, Loader, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useRef } from 'react';
import classes from './VirtualList.module.css';

/** Ask for the next page while this many loaded rows are still below the screen. */
const PREFETCH_ROWS = 30;

interface VirtualListProps<T> {
  items: readonly T[];
  /** Rows matching, loaded or not (for screen readers' "row 3 of 100,000"); unknown for cursor pages. */
  total?: number;
  itemKey(item: T): string | number;
  renderItem(item: T, index: number): ReactNode;
  /** A row's height before it is measured; rows may grow (an expanded entry) and are measured. */
  estimateSize: number;
  label: string;
  more: {
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    failed: boolean;
    fetchNextPage: () => void;
  };
  /** Changes when the rows are a new result (a new search): the list goes back to the top. */
  resetKey: string;
}

/**
 * A long list, virtualised: only the rows on screen are in the page, each measured as it renders,
 * and the next page is fetched as the end of the loaded rows comes near. Rows hold links and
 * buttons, reached with Tab as anywhere else.
 */
export function VirtualList<T>({
  items,
  total,
  itemKey,
  renderItem,
  estimateSize,
  label,
  more,
  resetKey,
}: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const count = items.length + (more.hasNextPage || more.failed ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimateSize,
    getItemKey: (index) => {
      const item = items[index];
      return item === undefined ? '(more)' : itemKey(item);
    },
    overscan: 6,
  });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows.at(-1)?.index ?? 0;

  const { hasNextPage, isFetchingNextPage, failed, fetchNextPage } = more;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !failed && lastShown >= items.length - PREFETCH_ROWS) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, failed, lastShown, items.length, fetchNextPage]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new result (resetKey) starts at the top
  useEffect(() => {
    if ((virtualizer.scrollOffset ?? 0) > 0) virtualizer.scrollToOffset(0);
  }, [resetKey, virtualizer]);

  return (
    <div ref={scroller} className={classes.scroller} data-testid="virtual-list">
      <ul className={classes.list} aria-label={label} style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => {
          const item = items[row.index];
          return (
            <li
              key={row.key}
              ref={virtualizer.measureElement}
              data-index={row.index}
              className={classes.item}
              style={{ transform: `translateY(${row.start}px)` }}
              aria-setsize={total ?? -1}
              aria-posinset={row.index + 1}
            >
              {item === undefined ? (
                <Group justify="center" p="sm" gap="xs">
                  {failed ? (
                    <>
                      <Text size="sm" c="red.9">
                        Could not load more.
                      </Text>
                      <Button size="compact-sm" variant="default" onClick={fetchNextPage}>
                        Try again
                      </Button>
                    </>
                  ) : (
                    <>
                      <Loader size="xs" />
                      <Text size="sm" c="dimmed">
                        Loading more…
                      </Text>
                    </>
                  )}
                </Group>
              ) : (
                renderItem(item, row.index)
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export { classes as virtualListClasses };
