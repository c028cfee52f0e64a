import { Box, Stack, Tabs } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { useEnvironments } from '../../api/environments';
import { PageLoading } from '../../components/PageLoading';
import { DraftBar } from '../draft/DraftBar';
import { useFlagDraft } from '../draft/FlagDraftContext';
import { TargetingTab } from '../targeting/TargetingTab';
import { FlagHeader } from './FlagHeader';
import { type FlagTab, useFlagTab } from './flag-tabs';

// The other tabs, the test panel and "where used" load when first shown.
const TestPanel = lazy(() => import('../testing/TestPanel').then((module) => ({ default: module.TestPanel })));
const InsightsTab = lazy(() => import('../insights/InsightsTab').then((module) => ({ default: module.InsightsTab })));
const HistoryTab = lazy(() => import('../history/HistoryTab').then((module) => ({ default: module.HistoryTab })));
const SettingsTab = lazy(() => import('../settings/SettingsTab').then((module) => ({ default: module.SettingsTab })));
const WhereUsed = lazy(() => import('../settings/WhereUsed').then((module) => ({ default: module.WhereUsed })));

/** The test panel's own `?test-panel=closed` (testing/use-test-context.ts): closed, it needs little room. */
const TEST_PANEL_PARAM = 'test-panel';

/** The flag page inside its draft: header, tabs (in the URL), and the draft bar under every tab. */
export function FlagPageBody({ environment }: { environment: string }) {
  const { project } = useFlagDraft();
  const environments = useEnvironments(project);
  const [tab, setTab] = useFlagTab();
  const [params] = useSearchParams();
  const testPanelOpen = params.get(TEST_PANEL_PARAM) !== 'closed';
  return (
    <Stack gap="md">
      <FlagHeader environment={environment} environments={environments.data ?? []} />
      <Tabs value={tab} onChange={(value) => value && setTab(value as FlagTab)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="targeting">Targeting</Tabs.Tab>
          <Tabs.Tab value="insights">Insights</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
          <Tabs.Tab value="settings">Settings</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="targeting" pt="md">
          <Box style={{ display: 'flex', gap: 'var(--mantine-spacing-md)', alignItems: 'flex-start' }}>
            <Box style={{ flex: '1 1 0', minWidth: 0 }}>
              <TargetingTab environment={environment} />
            </Box>
            <Box
              component="aside"
              aria-label="Test the flag"
              style={{
                flex: testPanelOpen ? '0 0 40%' : '0 0 180px',
                minWidth: 0,
                position: 'sticky',
                top: 'calc(60px + var(--mantine-spacing-md))',
                maxHeight: 'calc(100vh - 60px - 2 * var(--mantine-spacing-md))',
                overflowY: 'auto',
              }}
            >
              <Suspense fallback={<PageLoading label="Loading the test panel…" />}>
                <TestPanel />
              </Suspense>
            </Box>
          </Box>
        </Tabs.Panel>
        <Tabs.Panel value="insights" pt="md">
          <Suspense fallback={<PageLoading />}>
            <InsightsTab environment={environment} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <Suspense fallback={<PageLoading />}>
            <HistoryTab />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="md">
          <Suspense fallback={<PageLoading />}>
            <Stack gap="md">
              <SettingsTab />
              <WhereUsed />
            </Stack>
          </Suspense>
        </Tabs.Panel>
      </Tabs>
      <DraftBar />
    </Stack>
  );
}
