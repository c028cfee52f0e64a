import { Textarea } from '@mantine/core';
import type { EvaluationContext } from '@vexil/engine';
import { useState } from 'react';
import { contextJson, parseContextJson } from '../logic/contexts';

interface ContextJsonEditorProps {
  initial: EvaluationContext | undefined;
  /** Called after every edit with the context typed, or undefined while the text is not one. */
  onContext(context: EvaluationContext | undefined): void;
}

const EXAMPLE = '{\n  "key": "ada",\n  "email": "ada@example.com"\n}';

/** The context as JSON, for engineers and for pasting what an SDK sends; checked as it is typed. */
export function ContextJsonEditor({ initial, onContext }: ContextJsonEditorProps) {
  const [text, setText] = useState(() => (initial === undefined ? '' : contextJson(initial)));
  const parsed = parseContextJson(text);
  return (
    <Textarea
      label="Context (JSON)"
      description='Single-kind, or { "kind": "multi", "user": {…}, "organization": {…} }'
      placeholder={EXAMPLE}
      autosize
      minRows={5}
      maxRows={18}
      spellCheck={false}
      styles={{
        input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-xs)' },
      }}
      value={text}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        const result = parseContextJson(next);
        onContext(result.ok ? result.context : undefined);
      }}
      error={text.trim() !== '' && !parsed.ok ? parsed.message : undefined}
    />
  );
}
