import { useSearchParams } from 'react-router';

/** The flag page's tabs, in order; the first is the default and stays out of the URL. */
export const FLAG_TABS = ['targeting', 'insights', 'history', 'settings'] as const;
export type FlagTab = (typeof FLAG_TABS)[number];

/** The query parameter naming the open tab: `?env=production&tab=history`. */
export const TAB_PARAM = 'tab';

/** The tab a `?tab=` value names; anything else (or nothing) is the Targeting tab. */
export function parseFlagTab(value: string | null | undefined): FlagTab {
  return FLAG_TABS.find((tab) => tab === value) ?? 'targeting';
}

/** The open tab, from the URL, and a way to open another (a new history entry, so Back returns). */
export function useFlagTab(): [FlagTab, (tab: FlagTab) => void] {
  const [params, setParams] = useSearchParams();
  const select = (tab: FlagTab) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (tab === 'targeting') next.delete(TAB_PARAM);
        else next.set(TAB_PARAM, tab);
        return next;
      },
      { preventScrollReset: true },
    );
  return [parseFlagTab(params.get(TAB_PARAM)), select];
}
