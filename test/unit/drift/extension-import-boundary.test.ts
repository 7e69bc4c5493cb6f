// The extension shows drift but never computes it: eslint keeps src/extension away from adapters/, the
// Kubernetes client and simple-git (it talks to the language server; src/protocol and pure src/core are fine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const probe = (source: string) => new ESLint({ cwd: process.cwd() }).lintText(source, { filePath: join(process.cwd(), 'src/extension/boundary-probe.ts') });
const restricted = (results: ESLint.LintResult[]) => results.flatMap((r) => r.messages).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.line);

test('src/extension may not import adapters (even types), @kubernetes/client-node or simple-git', async () => {
  const results = await probe([
    "import type { DriftService } from '../adapters/drift/drift-service-api.js';",
    "import { createDriftService } from '../adapters/drift/drift-service.js';",
    "import type { KubeConfig } from '@kubernetes/client-node';",
    "import type { SimpleGit } from 'simple-git';",
    'export type X = [DriftService, typeof createDriftService, KubeConfig, SimpleGit];',
    '',
  ].join('\n'));
  assert.deepEqual(restricted(results), [1, 2, 3, 4]);
});

test('src/extension may import the protocol and pure core modules', async () => {
  const results = await probe([
    "import type { DriftDeltaParams } from '../protocol/drift-messages.js';",
    "import { DriftStatus } from '../core/drift/drift-types.js';",
    'export const x: [DriftDeltaParams | undefined, string] = [undefined, DriftStatus.Synced];',
    '',
  ].join('\n'));
  assert.deepEqual(restricted(results), []);
});
