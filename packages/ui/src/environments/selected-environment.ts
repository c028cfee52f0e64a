import { useSearchParams } from 'react-router';

/** The query parameter naming the selected environment on every project page: `?env=production`. */
export const ENV_PARAM = 'env';

/** The environment selected in the URL (the project layout makes sure it names one of the project's). */
export function useSelectedEnvironmentKey(): [string | undefined, (key: string) => void] {
  const [params, setParams] = useSearchParams();
  const select = (key: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set(ENV_PARAM, key);
      return next;
    });
  return [params.get(ENV_PARAM) ?? undefined, select];
}

/** A project page's address, keeping the selected environment: `/projects/default/flags?env=staging`. */
export function projectPath(project: string, page: string, environment: string | undefined): string {
  const path = `/projects/${encodeURIComponent(project)}/${page}`;
  return environment === undefined ? path : `${path}?${ENV_PARAM}=${encodeURIComponent(environment)}`;
}
