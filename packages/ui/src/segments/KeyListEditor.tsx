import { ActionIcon, Alert, Button, Code, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useSlashFocus } from '../components/use-slash-focus';
import { addKeys, type KeysAdded, MAX_KEYS, removeKeys, searchKeys } from './segment-model';

const ROW_HEIGHT = 34;
const LIST_HEIGHT = 340;

interface KeyListEditorProps {
  /** "Included keys": names the inputs and the list. */
  label: string;
  /** What the list does, under its title. */
  description: string;
  keys: readonly string[];
  /** Absent for members who may not edit: the list and its search only. */
  onChange?: (keys: string[]) => void;
  /** The search text, kept in the URL by the page. */
  search: string;
  onSearch(search: string): void;
  /** The server's message for this list (or one of its keys) from the last save. */
  error?: string | undefined;
}

/**
 * A list of context keys that stays smooth at 100,000: pasted in bulk (newlines, commas or spaces),
 * deduplicated, searched, and removed one by one or all those a search finds. Only the rows on
 * screen are rendered.
 */
export function KeyListEditor({ label, description, keys, onChange, search, onSearch, error }: KeyListEditorProps) {
  const shown = useMemo(() => searchKeys(keys, search), [keys, search]);
  const [pasted, setPasted] = useState('');
  const [added, setAdded] = useState<KeysAdded | undefined>(undefined);
  const searching = search.trim() !== '';
  const lower = label.charAt(0).toLowerCase() + label.slice(1);
  const searchInput = useRef<HTMLInputElement>(null);
  useSlashFocus(searchInput);

  const add = () => {
    if (!onChange) return;
    const result = addKeys(keys, pasted);
    setAdded(result);
    if (result.added > 0) onChange(result.keys);
    setPasted('');
  };
  const removeShown = () => onChange?.(removeKeys(keys, new Set(shown)));

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {description}
      </Text>
      {onChange && (
        <Stack gap={6}>
          <Textarea
            label={`Add ${lower}`}
            description="Paste one key per line, or keys separated by commas or spaces; duplicates are skipped"
            placeholder={'ada\ngrace\nlinus'}
            autosize
            minRows={2}
            maxRows={6}
            value={pasted}
            onChange={(event) => setPasted(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
                event.preventDefault();
                add();
              }
            }}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          <Group gap="sm">
            <Button size="xs" variant="light" onClick={add} disabled={pasted.trim() === ''}>
              Add keys
            </Button>
            {added && (
              <Text size="sm" role="status" data-testid="keys-added">
                {addedText(added)}
              </Text>
            )}
          </Group>
          {added && added.tooLong.length > 0 && (
            <Alert color="yellow" p="xs">
              {added.tooLong.length === 1 ? 'One key was' : `${added.tooLong.length} keys were`} left out: a key has at
              most 1,024 characters.
            </Alert>
          )}
        </Stack>
      )}
      <Group gap="sm" align="flex-end" wrap="nowrap">
        <TextInput
          ref={searchInput}
          label={`Search ${lower}`}
          description="Press / to come back here"
          placeholder="Part of a key"
          value={search}
          onChange={(event) => onSearch(event.currentTarget.value)}
          style={{ flexGrow: 1 }}
          type="search"
        />
        {onChange && searching && shown.length > 0 && (
          <Button size="sm" variant="light" color="red" onClick={removeShown}>
            Remove {shown.length === keys.length ? 'all' : `these ${shown.length.toLocaleString('en')}`}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" aria-live="polite" data-testid="key-count">
        {searching
          ? `${shown.length.toLocaleString('en')} of ${keys.length.toLocaleString('en')} keys match`
          : `${keys.length.toLocaleString('en')} ${keys.length === 1 ? 'key' : 'keys'}`}
        {keys.length > MAX_KEYS && ` — at most ${MAX_KEYS.toLocaleString('en')} can be saved`}
      </Text>
      {error && (
        <Text size="sm" c="red.9" role="alert" data-field-error>
          {error}
        </Text>
      )}
      {shown.length === 0 ? (
        <Paper withBorder p="md">
          <Text size="sm" c="dimmed">
            {searching ? 'No key matches the search.' : `No ${lower} yet.`}
          </Text>
        </Paper>
      ) : (
        <VirtualKeys
          keys={shown}
          label={label}
          onRemove={onChange && ((key) => onChange(removeKeys(keys, new Set([key]))))}
        />
      )}
    </Stack>
  );
}

function addedText({ added, duplicates }: KeysAdded): string {
  const parts = [`Added ${added.toLocaleString('en')} ${added === 1 ? 'key' : 'keys'}`];
  if (duplicates > 0)
    parts.push(`${duplicates.toLocaleString('en')} ${duplicates === 1 ? 'was a duplicate' : 'were duplicates'}`);
  return `${parts.join('; ')}.`;
}

interface VirtualKeysProps {
  keys: readonly string[];
  label: string;
  onRemove: ((key: string) => void) | undefined;
}

/** The rows on screen only; the list scrolls with the keyboard when focused. */
function VirtualKeys({ keys, label, onRemove }: VirtualKeysProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: keys.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  return (
    <Paper
      withBorder
      ref={scroller}
      // A scrolling region must be reachable by keyboard (axe: scrollable-region-focusable).
      tabIndex={0}
      role="region"
      aria-label={`${label} (${keys.length.toLocaleString('en')})`}
      style={{ height: Math.min(LIST_HEIGHT, keys.length * ROW_HEIGHT + 2), overflowY: 'auto' }}
    >
      <ul
        aria-label={label}
        style={{ height: virtualizer.getTotalSize(), position: 'relative', margin: 0, padding: 0, listStyle: 'none' }}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const key = keys[row.index] ?? '';
          return (
            <li
              key={key}
              data-testid="segment-key"
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW_HEIGHT,
                transform: `translateY(${row.start}px)`,
                borderBottom: '1px solid var(--mantine-color-gray-2)',
              }}
            >
              <Group justify="space-between" px="sm" h="100%" wrap="nowrap">
                <Code fz="sm" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {key}
                </Code>
                {onRemove && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="sm"
                    aria-label={`Remove ${key}`}
                    onClick={() => onRemove(key)}
                  >
                    ×
                  </ActionIcon>
                )}
              </Group>
            </li>
          );
        })}
      </ul>
    </Paper>
  );
}
