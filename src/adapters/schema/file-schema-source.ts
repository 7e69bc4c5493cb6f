// Node implementation of the SchemaSource port: reads `<dir>/<chunkId>.json` on demand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaSource } from '../../core/schema/schema-source.js';

const CHUNK_ID = /^[A-Za-z0-9._-]+$/;

/** A source reading chunk files from `directory` (the generated data is in src/core/schema/data). */
export function createFileSchemaSource(directory: string): SchemaSource {
  return {
    load(chunkId) {
      // Chunk ids are file names, never paths: refuse anything that could leave the directory.
      if (!CHUNK_ID.test(chunkId) || chunkId.startsWith('.')) return undefined;
      try {
        return JSON.parse(readFileSync(join(directory, `${chunkId}.json`), 'utf8')) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}
