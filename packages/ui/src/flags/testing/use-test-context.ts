import type { EvaluationContext } from '@vexil/engine';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { CONTEXT_PARAM, contextFromParam, IN_SESSION, paramForContext, sessionContextStore } from './context-url';

/** How the context is entered: as a form of attributes, or as JSON. */
export type ContextEditorMode = 'form' | 'json';

/** `?context-editor=json`; the form is the default and leaves the URL alone. */
const EDITOR_PARAM = 'context-editor';
/** `?test-panel=closed` when the panel is folded away. */
const PANEL_PARAM = 'test-panel';

export interface TestContextState {
  /** The context in the URL, when there is a valid one. */
  context: EvaluationContext | undefined;
  /** Whether the context is kept in this tab's sessionStorage (too long for a link). */
  inSession: boolean;
  setContext(context: EvaluationContext | undefined): void;
  editor: ContextEditorMode;
  setEditor(mode: ContextEditorMode): void;
  open: boolean;
  setOpen(open: boolean): void;
}

/**
 * The test panel's state, all of it in the URL beside the page's own (`?env=`, the tab), so a
 * link reproduces the panel: the context, how it is entered, whether the panel is open. Each
 * change replaces the history entry: typing a context is not a trail of pages to go back through.
 */
export function useTestContext(project: string, flag: string): TestContextState {
  const [params, setParams] = useSearchParams();
  const store = useMemo(() => sessionContextStore(project, flag), [project, flag]);
  const param = params.get(CONTEXT_PARAM);
  const context = useMemo(() => contextFromParam(param, store), [param, store]);
  const set = (name: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === undefined) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  return {
    context,
    inSession: param === IN_SESSION,
    setContext: (value) => set(CONTEXT_PARAM, value === undefined ? undefined : paramForContext(value, store)),
    editor: params.get(EDITOR_PARAM) === 'json' ? 'json' : 'form',
    setEditor: (mode) => set(EDITOR_PARAM, mode === 'json' ? 'json' : undefined),
    open: params.get(PANEL_PARAM) !== 'closed',
    setOpen: (open) => set(PANEL_PARAM, open ? undefined : 'closed'),
  };
}
