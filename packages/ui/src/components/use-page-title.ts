import { useEffect } from 'react';

/** The browser tab (and screen readers, on navigation) name the page. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Vexil`;
  }, [title]);
}
