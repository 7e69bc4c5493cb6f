// The SchemaSource port in a web worker: each chunk fetched on first use from the page's own origin
// (`schemas/<chunkId>.json`, copied there by the build). The port is synchronous, and a worker may make
// synchronous requests: the engine waits only for the chunks it needs, the page never waits at all.
import { isSchemaChunkId, type SchemaSource } from '../core/schema/schema-source.js';

export function createHttpSchemaSource(baseUrl: string): SchemaSource {
  const cache = new Map<string, unknown>();
  return {
    load(chunkId) {
      if (!isSchemaChunkId(chunkId)) return undefined;
      if (cache.has(chunkId)) return cache.get(chunkId);
      let value: unknown;
      try {
        const request = new XMLHttpRequest();
        request.open('GET', new URL(`${chunkId}.json`, baseUrl).href, false);
        request.send();
        value = request.status === 200 ? (JSON.parse(request.responseText) as unknown) : undefined;
      } catch {
        value = undefined; // offline and not cached: the registry reports the kind as unknown, nothing throws
      }
      cache.set(chunkId, value);
      return value;
    },
  };
}
