import { type CSSVariablesResolver, createTheme } from '@mantine/core';

/** One spacing scale, one radius, the system's fonts (nothing is fetched from elsewhere). */
export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8 keeps white on buttons and links on tinted backgrounds above WCAG's 4.5:1.
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  headings: { fontWeight: '600' },
  focusRing: 'auto',
  cursorType: 'pointer',
});

/** Dimmed and error text darker than the library's, so they stay readable on white (WCAG 4.5:1). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
