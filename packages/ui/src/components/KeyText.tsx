import { Button, Code, CopyButton, Group } from '@mantine/core';

interface KeyTextProps {
  /** What is shown, in monospace. */
  text: string;
  /** What Copy puts on the clipboard, when it differs from the text shown. */
  value?: string;
  /** What the key is, for the copy button's accessible name: "the key production". */
  label: string;
}

/** A key as the console shows keys: monospace, with a copy button beside it. */
export function KeyText({ text, value, label }: KeyTextProps) {
  return (
    <Group gap={4} wrap="nowrap">
      <Code fz="sm" style={{ whiteSpace: 'nowrap' }}>
        {text}
      </Code>
      <CopyButton value={value ?? text} timeout={1500}>
        {({ copied, copy }) => (
          <Button
            size="compact-xs"
            variant="subtle"
            color={copied ? 'teal' : 'gray'}
            onClick={copy}
            aria-label={copied ? `Copied ${label}` : `Copy ${label}`}
          >
            {copied ? 'Copied' : 'Copy'}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
