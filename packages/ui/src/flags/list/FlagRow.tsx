import { type KeyboardEvent, memo } from 'react';
import { Link } from 'react-router';
import type { Environment } from '../../api/environments';
import type { FlagSummary } from '../../api/flags-list';
import { RelativeTime } from '../../components/RelativeTime';
import { isCritical } from '../../environments/colors';
import { EnvironmentSwitch, type ToggleRequest } from './EnvironmentSwitch';
import classes from './FlagList.module.css';
import { environmentStyle, ROW_HEIGHT } from './layout';
import { StatusBadge } from './StatusBadge';

const SHOWN_TAGS = 3;

interface FlagRowProps {
  flag: FlagSummary;
  index: number;
  /** Where the row sits in the list's body, in pixels. */
  top: number;
  /** The row that takes the list's one tab stop. */
  active: boolean;
  selectable: boolean;
  selected: boolean;
  environments: readonly Environment[];
  selectedEnvironment: string;
  canToggle: (environment: string) => boolean;
  /** Toggles on their way to the server, as `development=1,production=0` (a string keeps the row memoised). */
  pending: string;
  href: string;
  onFocusRow: (index: number) => void;
  onKeyDown: (event: KeyboardEvent<HTMLTableRowElement>, index: number, flag: FlagSummary) => void;
  onToggleSelected: (key: string) => void;
  onToggle: (request: ToggleRequest) => void;
}

/**
 * One flag of the list. Memoised, and built of plain elements where the component library would
 * add nothing: a search re-renders only rows whose flag changed, and each render is cheap.
 */
export const FlagRow = memo(function FlagRow(props: FlagRowProps) {
  const { flag, index, selectable, selected } = props;
  return (
    <tr
      aria-rowindex={index + 2}
      aria-selected={selectable ? selected : undefined}
      tabIndex={props.active ? 0 : -1}
      data-index={index}
      data-flag={flag.key}
      className={classes.row}
      style={{ height: ROW_HEIGHT, transform: `translateY(${props.top}px)` }}
      onFocus={() => props.onFocusRow(index)}
      onKeyDown={(event) => props.onKeyDown(event, index, flag)}
    >
      {selectable && (
        <td className={classes.cell}>
          <input
            type="checkbox"
            className={classes.checkbox}
            aria-label={`Select ${flag.key}`}
            checked={selected}
            onChange={() => props.onToggleSelected(flag.key)}
            tabIndex={-1}
          />
        </td>
      )}
      <FlagCell flag={flag} href={props.href} />
      {props.environments.map((environment) => (
        <td
          key={environment.key}
          className={`${classes.cell} ${classes.environmentCell} ${environment.key === props.selectedEnvironment ? classes.selectedEnvironment : ''}`}
          style={environmentStyle(environment)}
        >
          <EnvironmentSwitch
            flag={flag}
            environment={environment}
            // An archived flag is in no SDK's ruleset: its switches would change nothing anyone sees.
            editable={!flag.archived && props.canToggle(environment.key)}
            critical={isCritical(environment)}
            pending={pendingIn(props.pending, environment.key)}
            onToggle={props.onToggle}
          />
        </td>
      ))}
      <td className={`${classes.cell} ${classes.stack}`}>
        {flag.lastChange === null ? (
          <RelativeTime at={flag.createdAt} prefix="created " size="xs" c="dimmed" />
        ) : (
          <>
            <span className={classes.truncate} title={flag.lastChange.actor}>
              {flag.lastChange.actor}
            </span>
            <RelativeTime at={flag.lastChange.at} size="xs" c="dimmed" />
          </>
        )}
      </td>
      <td className={classes.cell}>
        <StatusBadge flag={flag} />
      </td>
    </tr>
  );
});

/** The state asked for in one environment, from the row's `pending` string. */
function pendingIn(pending: string, environment: string): boolean | undefined {
  if (pending === '') return undefined;
  for (const entry of pending.split(',')) {
    const [key, on] = entry.split('=');
    if (key === environment) return on === '1';
  }
  return undefined;
}

function FlagCell({ flag, href }: { flag: FlagSummary; href: string }) {
  const named = flag.name !== flag.key;
  const hidden = flag.tags.length - SHOWN_TAGS;
  return (
    <td className={`${classes.cell} ${classes.stack}`}>
      <span className={classes.line}>
        <Link to={href} className={`${classes.name} ${named ? '' : classes.key}`} tabIndex={-1} data-testid="flag-link">
          {flag.name}
        </Link>
        <span className={classes.chip}>{flag.type}</span>
        {!flag.temporary && <span className={`${classes.chip} ${classes.outlined}`}>permanent</span>}
      </span>
      <span className={classes.line}>
        {named && <span className={`${classes.key} ${classes.dimmed} ${classes.truncate}`}>{flag.key}</span>}
        {flag.tags.slice(0, SHOWN_TAGS).map((tag) => (
          <span key={tag} className={`${classes.chip} ${classes.tag}`}>
            {tag}
          </span>
        ))}
        {hidden > 0 && (
          <span className={classes.dimmed} title={flag.tags.slice(SHOWN_TAGS).join(', ')}>
            +{hidden}
          </span>
        )}
      </span>
    </td>
  );
}
