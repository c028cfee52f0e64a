import { CloseButton, Group, Kbd, NativeSelect, TextInput } from '@mantine/core';
import { memo, useEffect, useRef, useState } from 'react';
import type { FlagListFilters } from '../../api/flags-list';
import { type FilterChanges, MAX_SEARCH_LENGTH } from './filters';
import { useOneAtATime } from './one-at-a-time';

interface FlagListToolbarProps {
  filters: FlagListFilters;
  /** Tags seen on the loaded flags, offered as the tag filter is typed (any tag can be typed). */
  knownTags: readonly string[];
  /** Sends a search; resolves when its answer is in. */
  onSearch: (q: string) => Promise<void>;
  onFilter: (changes: FilterChanges) => void;
}

/**
 * The filters are the browser's own selects: light to render with the list, and usable from the
 * keyboard as people expect. Each one's first option undoes it.
 */
const ANY = 'any';
const TAG_SUGGESTIONS = 'flag-tag-suggestions';
const TYPE_OPTIONS = [
  { value: ANY, label: 'Any type' },
  { value: 'boolean', label: 'Boolean' },
  { value: 'string', label: 'String' },
  { value: 'number', label: 'Number' },
  { value: 'json', label: 'JSON' },
];
const LIFETIME_OPTIONS = [
  { value: ANY, label: 'Any lifetime' },
  { value: 'temporary', label: 'Temporary' },
  { value: 'permanent', label: 'Permanent' },
];
const STATUS_OPTIONS = [
  { value: ANY, label: 'Any live flag' },
  { value: 'new', label: 'New' },
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Inactive' },
  { value: 'archived', label: 'Archived' },
];
/** What each status means (the select's tooltip once chosen). */
const STATUS_MEANING: Record<string, string> = {
  new: 'Created in the last 7 days, not evaluated yet',
  active: 'Evaluated by an SDK in the last 7 days',
  inactive: 'Not evaluated in the last 7 days',
  archived: 'No longer served to SDKs',
};

/**
 * Search (key, name, description, tags; `/` focuses it) and the filters, all kept in the URL by the
 * page. Memoised: new results alone do not render it again.
 */
export const FlagListToolbar = memo(function FlagListToolbar({
  filters,
  knownTags,
  onSearch,
  onFilter,
}: FlagListToolbarProps) {
  const search = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(filters.q ?? '');
  // Searches this box sent that the URL may not show yet (the page renders them a moment later, in order):
  // a `q` among them is this box's own; any other came from elsewhere (a link, "clear filters") and is shown.
  const unconfirmed = useRef<string[]>([]);
  // A search answers as one types: each keystroke's goes once the previous one has answered.
  const send = useOneAtATime((value: string) => {
    unconfirmed.current.push(value.trim());
    return onSearch(value);
  });
  useEffect(() => {
    const q = filters.q ?? '';
    const index = unconfirmed.current.indexOf(q);
    if (index >= 0) unconfirmed.current.splice(0, index + 1);
    else {
      unconfirmed.current = [];
      setText(q);
    }
  }, [filters.q]);

  useEffect(() => {
    const focusSearch = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isEditable(event.target)) return;
      event.preventDefault();
      search.current?.focus();
      search.current?.select();
    };
    document.addEventListener('keydown', focusSearch);
    return () => document.removeEventListener('keydown', focusSearch);
  }, []);

  const [tag, setTag] = useState(filters.tag ?? '');
  useEffect(() => setTag(filters.tag ?? ''), [filters.tag]);
  const commitTag = (value: string) => {
    const trimmed = value.trim();
    if (trimmed !== (filters.tag ?? '')) onFilter({ tag: trimmed || null });
  };

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        ref={search}
        type="search"
        label="Search"
        placeholder="Key, name, description or tag"
        value={text}
        maxLength={MAX_SEARCH_LENGTH}
        onChange={(event) => {
          setText(event.currentTarget.value);
          send(event.currentTarget.value);
        }}
        w={280}
        rightSectionWidth={text ? 36 : 32}
        rightSection={
          text ? (
            <CloseButton
              size="sm"
              aria-label="Clear the search"
              onClick={() => {
                setText('');
                send('');
                search.current?.focus();
              }}
            />
          ) : (
            <Kbd size="xs" title="Press / to search">
              /
            </Kbd>
          )
        }
      />
      <TextInput
        label="Tag"
        placeholder="Any tag"
        // The browser's own suggestions (no popover to position on every render of the list).
        list={TAG_SUGGESTIONS}
        value={tag}
        onChange={(event) => setTag(event.currentTarget.value)}
        onBlur={() => commitTag(tag)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commitTag(event.currentTarget.value);
        }}
        w={150}
      />
      <datalist id={TAG_SUGGESTIONS}>
        {knownTags.map((known) => (
          <option key={known} value={known} />
        ))}
      </datalist>
      <NativeSelect
        label="Type"
        data={TYPE_OPTIONS}
        value={filters.type ?? ANY}
        onChange={(event) => onFilter({ type: chosen<FlagListFilters['type']>(event.currentTarget.value) })}
        w={130}
      />
      <NativeSelect
        label="Lifetime"
        data={LIFETIME_OPTIONS}
        value={filters.lifetime ?? ANY}
        onChange={(event) => onFilter({ lifetime: chosen<FlagListFilters['lifetime']>(event.currentTarget.value) })}
        w={140}
      />
      <NativeSelect
        label="Status"
        title={STATUS_MEANING[filters.status ?? '']}
        data={STATUS_OPTIONS}
        value={filters.status ?? (filters.archived ? 'archived' : ANY)}
        // `archived=true` (the API's spelling, in a pasted link) gives way to the status picked here.
        onChange={(event) =>
          onFilter({ status: chosen<FlagListFilters['status']>(event.currentTarget.value), archived: null })
        }
        w={170}
      />
    </Group>
  );
});

/** A select's value as a filter: "any" (or nothing) removes it. */
function chosen<T>(value: string | null): T | null {
  return value === null || value === ANY ? null : (value as T);
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
