import type { Environment } from '../../api/environments';
import type { FlagSummary } from '../../api/flags-list';
import classes from './FlagList.module.css';

/** A flag to turn on or off in one environment, as the list shows it. */
export interface ToggleRequest {
  flag: FlagSummary;
  environment: Environment;
  on: boolean;
}

interface EnvironmentSwitchProps {
  flag: FlagSummary;
  environment: Environment;
  /** May the member change this flag here; if not, the state is shown read-only (no disabled switch). */
  editable: boolean;
  critical: boolean;
  /** The state asked for and not yet confirmed by the server, if any. */
  pending: boolean | undefined;
  /** The page decides: at once, or after a confirmation (critical environments). */
  onToggle: (request: ToggleRequest) => void;
}

/**
 * A flag's on/off switch in one environment: a native checkbox with the switch role (the list
 * shows three per row, so it is plain HTML styled by the list's CSS). While a change is on its way
 * it shows the state asked for, marked `data-pending`, and falls back if the server refuses it.
 */
export function EnvironmentSwitch({
  flag,
  environment,
  editable,
  critical,
  pending,
  onToggle,
}: EnvironmentSwitchProps) {
  const state = flag.environments[environment.key];
  if (state === undefined)
    return (
      <span className={classes.dimmed} title="You cannot see this environment">
        —
      </span>
    );
  if (!editable)
    return (
      <span className={classes.readOnly} data-on={state.on || undefined} data-testid="read-only-state">
        {state.on ? 'On' : 'Off'}
      </span>
    );
  return (
    <input
      type="checkbox"
      role="switch"
      className={classes.switch}
      aria-label={`${flag.key} in ${environment.name}`}
      checked={pending ?? state.on}
      aria-checked={pending ?? state.on}
      data-pending={pending === undefined ? undefined : true}
      data-critical={critical || undefined}
      onChange={(event) => {
        if (pending !== undefined) return;
        onToggle({ flag, environment, on: event.currentTarget.checked });
      }}
    />
  );
}
