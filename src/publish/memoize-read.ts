/**
 * One cached read: the first call for `key` runs `read` and keeps its promise; later calls share it. A read that
 * fails is forgotten, so a retry by the caller asks again. Used by the hosts' per-repository read caches.
 *
 * @see ./github/github-read-cache.ts
 * @see ./gitlab/gitlab-read-cache.ts
 */
export function memoizeRead<K, V>(cache: Map<K, Promise<V>>, key: K, read: () => Promise<V>): Promise<V> {
  let found = cache.get(key);
  if (!found) {
    found = read();
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}
