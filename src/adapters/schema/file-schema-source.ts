// Node implementation of the SchemaSource port: reads `<dir>/<chunkId>.json` on demand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSchemaChunkId, type SchemaSource } from '../../core/schema/schema-source.js';

/** A source reading chunk files from `directory` (the generated data is in src/core/schema/data). */
export function createFileSchemaSource(directory: string): SchemaSource {
  return {
    load(chunkId) {
      // Chunk ids are file names, never paths: refuse anything that could leave the directory.
      if (!isSchemaChunkId(chunkId)) return undefined;
      try {
        return JSON.parse(readFileSync(join(directory, `${chunkId}.json`), 'utf8')) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}
