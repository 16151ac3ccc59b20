import type { Loaded } from '../useApi';

/** Loading and error line for a data source (errors show the API's code and message). */
export function Status({ loaded, what }: { loaded: Loaded<unknown>; what: string }) {
  if (loaded.state === 'loading')
    return (
      <p class="status" role="status">
        Loading {what}…
      </p>
    );
  if (loaded.state === 'error')
    return (
      <p class="status error" role="alert">
        Could not load {what}: {loaded.error}
      </p>
    );
  return null;
}
