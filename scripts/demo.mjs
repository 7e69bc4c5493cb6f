#!/usr/bin/env node
// `npm start`: builds the product and runs it on the demo GitOps repository.
import { spawnSync } from 'node:child_process';

const step = (title, cmd, args) => {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  return r.status ?? 1;
};

if (step('Building', process.execPath, ['scripts/build.mjs']) !== 0) process.exit(1);
step('Linting the demo repository (test/fixtures/demo-repo)', process.execPath, ['bin/gitops-authoring.js', 'lint', 'test/fixtures/demo-repo']);
