import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';

export interface JsonValueEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** The accessible name of the editing area ("Value of variation 2"). */
  label: string;
  /** Ids of the texts describing it (its error), as `aria-describedby`. */
  describedBy?: string | undefined;
  invalid: boolean;
}

const theme = EditorView.theme({
  '&': {
    fontSize: 'var(--mantine-font-size-sm)',
    border: '1px solid var(--mantine-color-gray-4)',
    borderRadius: 'var(--mantine-radius-md)',
    background: 'var(--mantine-color-white)',
  },
  '&.cm-focused': { outline: '2px solid var(--mantine-primary-color-filled)', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'var(--mantine-font-family-monospace)', minHeight: '72px', maxHeight: '220px' },
  '.cm-gutters': { borderRadius: 'var(--mantine-radius-md) 0 0 var(--mantine-radius-md)' },
});
const invalidTheme = EditorView.theme({ '&': { borderColor: 'var(--mantine-color-error)' } });

/**
 * A JSON variation value in CodeMirror 6: highlighting, bracket matching, and the parser's error
 * marked where it is. Loaded only when a JSON flag is being made, so it is not in the first load.
 */
export function JsonValueEditor({ value, onChange, label, describedBy, invalid }: JsonValueEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const attributes = useRef(new Compartment());
  // The editor is made once, with the first value; later values arrive through the effect below.
  const initial = useRef(value);

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initial.current,
        extensions: [
          lineNumbers(),
          history(),
          bracketMatching(),
          syntaxHighlighting(defaultHighlightStyle),
          json(),
          linter(jsonParseLinter(), { delay: 200 }),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          theme,
          attributes.current.of([]),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changed.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);

  // A value set from outside (the form reset) replaces the document; typing does not come back here.
  useEffect(() => {
    const editor = view.current;
    if (!editor || editor.state.doc.toString() === value) return;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: attributes.current.reconfigure([
        EditorView.contentAttributes.of({
          'aria-label': label,
          'aria-invalid': String(invalid),
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        }),
        invalid ? invalidTheme : [],
      ]),
    });
  }, [label, invalid, describedBy]);

  return <div ref={host} data-testid="json-editor" />;
}
