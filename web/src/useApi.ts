import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';

export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: string } | { state: 'ok'; data: T };

/**
 * Loads `fetcher` and again whenever `deps` change (the live head's seq is one of them, so every
 * page follows new blocks).
 */
export function useApi<T>(fetcher: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    const ctl = new AbortController();
    fetcher(ctl.signal).then(
      (data) => {
        if (!ctl.signal.aborted) setLoaded({ state: 'ok', data });
      },
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        const msg = e instanceof ApiError ? `${e.code}: ${e.message}` : String(e);
        setLoaded({ state: 'error', error: msg });
      },
    );
    return () => ctl.abort();
  }, deps);
  return loaded;
}
