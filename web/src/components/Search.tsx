import { useState } from 'preact/hooks';
import { ApiError, getJson } from '../api';
import { href } from '../router';

/** Kinds searched, in order; the first that knows the id wins. */
const kinds = ['operators', 'services', 'stakers', 'vaults', 'lrts'] as const;

/** Finds any entity by id or address (addresses are compared in lowercase, as the ledger stores them). */
export function Search() {
  const [message, setMessage] = useState('');
  async function find(raw: string) {
    const q = raw.trim();
    if (q === '') return;
    const candidates = /^0x[0-9a-fA-F]+$/.test(q) ? [q.toLowerCase(), q] : [q];
    for (const id of candidates) {
      for (const kind of kinds) {
        try {
          await getJson(`/v1/${kind}/${encodeURIComponent(id)}`);
          setMessage('');
          location.hash = href(kind, id);
          return;
        } catch (e) {
          if (!(e instanceof ApiError) || e.status !== 404) {
            setMessage(`Search failed: ${e instanceof Error ? e.message : String(e)}`);
            return;
          }
        }
      }
    }
    setMessage(`No operator, service, staker, vault or LRT “${q}”.`);
  }
  return (
    <form
      role="search"
      class="search"
      onSubmit={(e) => {
        e.preventDefault();
        const input = (e.currentTarget as HTMLFormElement).elements.namedItem('q') as HTMLInputElement;
        void find(input.value);
      }}
    >
      <label for="search-q">Find an entity</label>
      <input id="search-q" name="q" type="search" placeholder="id or 0x address" autocomplete="off" />
      <button type="submit">Go</button>
      <span class="search-msg" role="status">
        {message}
      </span>
    </form>
  );
}
