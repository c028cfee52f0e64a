import { Button, Code, CopyButton, Stack } from '@mantine/core';

/** Code to paste, as a block, with a copy button under it. */
export function CodeSnippet({ code, label }: { code: string; label: string }) {
  return (
    <Stack gap={4} align="flex-start">
      <Code
        block
        w="100%"
        style={{ whiteSpace: 'pre', overflowX: 'auto' }}
        role="group"
        aria-label={label}
        tabIndex={0}
      >
        {code}
      </Code>
      <CopyButton value={code}>
        {({ copied, copy }) => (
          <Button size="xs" variant="default" onClick={copy} aria-label={copied ? 'Copied' : `Copy ${label}`}>
            {copied ? 'Copied' : 'Copy'}
          </Button>
        )}
      </CopyButton>
    </Stack>
  );
}
