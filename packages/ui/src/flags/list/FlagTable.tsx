import { Button, ColorSwatch, Group, Loader, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { Environment } from '../../api/environments';
import type { FlagSummary } from '../../api/flags-list';
import { environmentColor, isCritical } from '../../environments/colors';
import type { ToggleRequest } from './EnvironmentSwitch';
import classes from './FlagList.module.css';
import { FlagRow } from './FlagRow';
import { environmentStyle, ROW_HEIGHT } from './layout';

const HEADER_HEIGHT = 40;
/** Ask for the next page while this many loaded rows are still below the screen. */
const PREFETCH_ROWS = 40;

interface FlagTableProps {
  environments: readonly Environment[];
  selectedEnvironment: string;
  flags: readonly FlagSummary[];
  /** Flags matching the filters, loaded or not. */
  total: number;
  more: {
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    failed: boolean;
    fetchNextPage: () => void;
  };
  /** Rows can be selected (for bulk archive): the member may archive flags. */
  selectable: boolean;
  selection: ReadonlySet<string>;
  onSelectionChange: (selection: Set<string>) => void;
  canToggle: (environment: string) => boolean;
  /** Toggles on their way to the server: `"<flag>/<environment>"` → the state asked for. */
  pending: ReadonlyMap<string, boolean>;
  flagHref: (flag: string) => string;
  onOpen: (flag: string) => void;
  onToggle: (request: ToggleRequest) => void;
}

/**
 * The flags as a virtualised grid: only the rows on screen are rendered, and the next page is
 * fetched as the end of the loaded ones comes near. Keyboard: the list is one tab stop; ↑ ↓ Home
 * End PageUp PageDown move between rows, Enter opens the flag, Space selects it.
 */
export function FlagTable(props: FlagTableProps) {
  const { flags, total, more, environments, selectable, selection } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  // The row to focus once it is rendered (after the virtualiser scrolled to it).
  const focusWanted = useRef<number | null>(null);

  const count = flags.length + (more.hasNextPage ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows.at(-1)?.index ?? 0;

  const { hasNextPage, isFetchingNextPage, failed, fetchNextPage } = more;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !failed && lastShown >= flags.length - PREFETCH_ROWS) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, failed, lastShown, flags.length, fetchNextPage]);

  // A new search or filter starts at the top.
  const firstKey = flags[0]?.key;
  useEffect(() => {
    if (firstKey === undefined) return;
    setActive(0);
    // The virtualiser knows the offset from scroll events: asking the element would force a layout.
    if ((virtualizer.scrollOffset ?? 0) > 0) virtualizer.scrollToOffset(0);
  }, [firstKey, virtualizer]);

  useEffect(() => {
    const index = focusWanted.current;
    if (index === null) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (row) {
      focusWanted.current = null;
      row.focus({ preventScroll: true });
    }
  });

  // Rows are memoised: handlers reach the latest props through a ref, so they never change.
  const latest = useRef(props);
  latest.current = props;
  const toggleSelected = useCallback((key: string) => {
    const next = new Set(latest.current.selection);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    latest.current.onSelectionChange(next);
  }, []);
  const onRowKeyDown = useCallback(
    (event: KeyboardEvent<HTMLTableRowElement>, index: number, flag: FlagSummary) => {
      // Keys typed in the row's own controls (its switches, checkbox) are theirs.
      if (event.target !== event.currentTarget) return;
      const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1);
      const last = latest.current.flags.length - 1;
      const moves: Record<string, number> = {
        ArrowDown: index + 1,
        ArrowUp: index - 1,
        PageDown: index + page,
        PageUp: index - page,
        Home: 0,
        End: last,
      };
      const to = moves[event.key];
      if (to !== undefined) {
        event.preventDefault();
        const target = Math.max(0, Math.min(last, to));
        setActive(target);
        focusWanted.current = target;
        virtualizer.scrollToIndex(target, { align: 'auto' });
      } else if (event.key === 'Enter') {
        event.preventDefault();
        latest.current.onOpen(flag.key);
      } else if (event.key === ' ' && latest.current.selectable) {
        event.preventDefault();
        toggleSelected(flag.key);
      }
    },
    [virtualizer, toggleSelected],
  );

  const columns = [
    ...(selectable ? ['44px'] : []),
    'minmax(240px, 1fr)',
    `repeat(${environments.length}, 136px)`,
    '150px',
    '96px',
  ].join(' ');
  const loadedSelected = flags.filter((flag) => selection.has(flag.key)).length;

  return (
    <div ref={scroller} className={classes.scroller}>
      <table
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: rows are navigated with arrow keys, as in an ARIA grid
        role="grid"
        aria-label="Flags"
        aria-rowcount={total + 1}
        className={classes.grid}
        style={{ '--flag-columns': columns } as CSSProperties}
      >
        <thead className={classes.head}>
          <tr aria-rowindex={1} className={classes.header}>
            {selectable && (
              <th scope="col" className={classes.cell}>
                <input
                  type="checkbox"
                  className={classes.checkbox}
                  aria-label="Select every loaded flag"
                  checked={flags.length > 0 && loadedSelected === flags.length}
                  ref={(input) => {
                    if (input) input.indeterminate = loadedSelected > 0 && loadedSelected < flags.length;
                  }}
                  onChange={(event) => {
                    const next = new Set(selection);
                    for (const flag of flags) {
                      if (event.currentTarget.checked) next.add(flag.key);
                      else next.delete(flag.key);
                    }
                    props.onSelectionChange(next);
                  }}
                />
              </th>
            )}
            <th scope="col" className={classes.cell}>
              Flag
            </th>
            {environments.map((environment) => (
              <EnvironmentHeader
                key={environment.key}
                environment={environment}
                selected={environment.key === props.selectedEnvironment}
              />
            ))}
            <th scope="col" className={classes.cell}>
              Last change
            </th>
            <th scope="col" className={classes.cell}>
              Status
            </th>
          </tr>
        </thead>
        <tbody className={classes.body} style={{ height: virtualizer.getTotalSize() - HEADER_HEIGHT }}>
          {rows.map((row) => {
            const flag = flags[row.index];
            const top = row.start - HEADER_HEIGHT;
            if (flag === undefined)
              return <MoreRow key="more" index={row.index} top={top} failed={more.failed} onRetry={fetchNextPage} />;
            return (
              <FlagRow
                key={flag.key}
                flag={flag}
                index={row.index}
                top={top}
                active={row.index === active}
                selectable={selectable}
                selected={selection.has(flag.key)}
                environments={environments}
                selectedEnvironment={props.selectedEnvironment}
                canToggle={props.canToggle}
                pending={pendingOf(props.pending, flag.key, environments)}
                href={props.flagHref(flag.key)}
                onFocusRow={setActive}
                onKeyDown={onRowKeyDown}
                onToggleSelected={toggleSelected}
                onToggle={props.onToggle}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** One flag's pending toggles as a string (`development=1`): equal strings keep its row from rendering again. */
function pendingOf(pending: ReadonlyMap<string, boolean>, flag: string, environments: readonly Environment[]): string {
  if (pending.size === 0) return '';
  return environments
    .flatMap((environment) => {
      const on = pending.get(`${flag}/${environment.key}`);
      return on === undefined ? [] : [`${environment.key}=${on ? 1 : 0}`];
    })
    .join(',');
}

/** The row after the loaded ones while more are coming (or could not be loaded). */
function MoreRow({
  index,
  top,
  failed,
  onRetry,
}: {
  index: number;
  top: number;
  failed: boolean;
  onRetry: () => void;
}) {
  return (
    <tr
      aria-rowindex={index + 2}
      className={classes.more}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
    >
      <td>
        {failed ? (
          <Group gap="sm">
            <Text size="sm" c="red.9">
              Could not load more flags.
            </Text>
            <Button size="xs" variant="default" onClick={onRetry}>
              Try again
            </Button>
          </Group>
        ) : (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              Loading more flags…
            </Text>
          </Group>
        )}
      </td>
    </tr>
  );
}

function EnvironmentHeader({ environment, selected }: { environment: Environment; selected: boolean }) {
  const critical = isCritical(environment);
  return (
    <th
      scope="col"
      className={`${classes.cell} ${classes.stack} ${classes.environmentHeader} ${selected ? classes.selectedEnvironment : ''}`}
      style={environmentStyle(environment)}
      aria-current={selected ? 'true' : undefined}
    >
      <Group gap={6} wrap="nowrap" maw="100%">
        <ColorSwatch color={`var(--mantine-color-${environmentColor(environment.key)}-6)`} size={10} aria-hidden />
        <Text size="sm" fw={600} truncate>
          {environment.name}
        </Text>
      </Group>
      {critical && (
        <Text size="10px" fw={700} c="red.9" tt="uppercase" lh={1}>
          Critical
        </Text>
      )}
    </th>
  );
}
