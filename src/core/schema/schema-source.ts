// The port through which the schema registry receives its data. Core never reads files: Node passes a
// directory-backed source (src/adapters/schema/file-schema-source.ts), a browser bundle passes statically
// imported chunks, tests pass a memory source.

const CHUNK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** True for a chunk id that is a plain file name (`k8s-1.33`, `desc-0`): sources that read files or URLs refuse anything else. */
export function isSchemaChunkId(chunkId: string): boolean {
  return CHUNK_ID.test(chunkId);
}

/** Loads one named chunk of schema data (`index`, `k8s-1.33`, `desc-0`, …) synchronously. */
export interface SchemaSource {
  /** The parsed JSON of the chunk, or undefined when there is no such chunk. Must not throw. */
  load(chunkId: string): unknown | undefined;
}

/**
 * A source over chunks already in memory. A value may be a function, called on the first load of its
 * chunk: a browser bundle can keep chunks lazy behind it.
 */
export function createMemorySchemaSource(chunks: Readonly<Record<string, unknown>>): SchemaSource {
  const cache = new Map<string, unknown>();
  return {
    load(chunkId) {
      if (cache.has(chunkId)) return cache.get(chunkId);
      if (!Object.prototype.hasOwnProperty.call(chunks, chunkId)) return undefined;
      const entry = chunks[chunkId];
      let value: unknown;
      try {
        value = typeof entry === 'function' ? (entry as () => unknown)() : entry;
      } catch {
        value = undefined;
      }
      cache.set(chunkId, value);
      return value;
    },
  };
}
