// Searching people as the core matches them: the query is folded by the
// core (`search_key`: umlauts spelled out, accents and tone marks dropped,
// lower case, no spaces), the same folding as each person's `search_key`,
// so "mueller", "muller" and "Müller" find the same entry and a search finds
// whom an import would match. No folding rule is written in TypeScript.
import { api } from "./api";
import type { PersonEntry } from "./api/types";

/** The folded form of `query()`, kept current; "" while the query is empty. */
export function foldedQuery(query: () => string): { readonly key: string } {
  let key = $state("");
  $effect(() => {
    const q = query().trim();
    if (!q) {
      key = "";
      return;
    }
    let current = true;
    api.searchKey(q).then(
      (k) => {
        if (current) key = k;
      },
      () => {
        // Without an answer the search still narrows, if less kindly.
        if (current) key = q.toLowerCase();
      },
    );
    return () => {
      current = false;
    };
  });
  return {
    get key() {
      return key;
    },
  };
}

/** Whether a person is found by a folded query ("" finds everyone). */
export const finds = (entry: PersonEntry, key: string): boolean => !key || entry.search_key.includes(key);
