import { Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { EvaluationContext } from '@vexil/engine';
import { useState } from 'react';
import { isProblem } from '../../api/problem';
import { type KnownUser, useUserSearch } from '../../api/users';

interface KnownUserPickerProps {
  project: string;
  environment: string | undefined;
  environmentName: string | undefined;
  onPick(context: EvaluationContext): void;
}

/** The context of a user an SDK reported: its attributes, with its kind and key winning over any attribute so named. */
export function userContext(user: KnownUser): EvaluationContext {
  const { kind: _kind, key: _key, ...attributes } = user.attributes;
  return user.kind === 'user' ? { key: user.key, ...attributes } : { kind: user.kind, key: user.key, ...attributes };
}

const userValue = (user: KnownUser) => `${user.kind}\u0000${user.key}`;

/**
 * Search the users SDKs reported in the selected environment, and test with one of them exactly
 * as they were last seen: "what does Ada see?" without typing Ada's attributes.
 */
export function KnownUserPicker({ project, environment, environmentName, onPick }: KnownUserPickerProps) {
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  const [query] = useDebouncedValue(search.trim(), 250);
  const users = useUserSearch(project, environment, query, opened || query !== '');
  const found = users.data?.users ?? [];
  const forbidden = isProblem(users.error, 403);
  return (
    <Select
      label="Known user"
      description={
        forbidden
          ? 'You may not read the users of this environment.'
          : `Users SDKs reported in ${environmentName ?? environment ?? 'this environment'}`
      }
      placeholder="Search by key or attribute"
      searchable
      clearable={false}
      value={null}
      searchValue={search}
      onSearchChange={setSearch}
      onDropdownOpen={() => setOpened(true)}
      onDropdownClose={() => setOpened(false)}
      // The server searches; the list shows what it found.
      filter={({ options }) => options}
      data={found.map((user) => ({ value: userValue(user), label: userLabel(user) }))}
      nothingFoundMessage={
        users.isFetching ? 'Searching…' : users.isError ? 'Could not search the users' : 'No user reported matches'
      }
      onChange={(value) => {
        const user = found.find((candidate) => userValue(candidate) === value);
        if (!user) return;
        setSearch('');
        onPick(userContext(user));
      }}
      renderOption={({ option }) => {
        const user = found.find((candidate) => userValue(candidate) === option.value);
        return (
          <div>
            <Text size="sm" ff="monospace">
              {user?.key}
            </Text>
            <Text size="xs" c="dimmed" lineClamp={1}>
              {user ? attributesSummary(user) : ''}
            </Text>
          </div>
        );
      }}
    />
  );
}

function userLabel(user: KnownUser): string {
  return user.kind === 'user' ? user.key : `${user.key} (${user.kind})`;
}

/** "organization · email ada@example.com · plan pro": enough to tell two users apart. */
function attributesSummary(user: KnownUser): string {
  const attributes = Object.entries(user.attributes)
    .filter(([name]) => name !== 'key' && name !== 'kind')
    .slice(0, 3)
    .map(([name, value]) => `${name} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [user.kind, ...attributes].join(' · ');
}
