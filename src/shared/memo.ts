/**
 * A bounded memo for pure functions of one string: ranking a pool calls the same clock and date
 * parsers for every candidate with the same few inputs. Bounded, so odd input cannot grow it
 * without limit; when full it simply starts over.
 */
export function memoise<T>(fn: (key: string) => T, maxEntries = 4096): (key: string) => T {
  const cache = new Map<string, T>();
  return (key: string): T => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) {
      return hit as T;
    }
    if (cache.size >= maxEntries) {
      cache.clear();
    }
    const value = fn(key);
    cache.set(key, value);
    return value;
  };
}
