// `codify` usage errors exit 2 with the reason, before any cluster or repository is touched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../../../src/cli/run-cli.js';

async function codify(...argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await runCli(['codify', ...argv], { stdout: () => undefined, stderr: (t) => (stderr += t), readStdin: () => '', isTty: false, version: 'test' });
  return { code, stderr };
}

test('codify: bad options exit 2 and say what is wrong', async () => {
  const cases: [string[], RegExp][] = [
    [['--layer', 'overlay'], /--layer must be one of environment, base/],
    [['--pr', 'bitbucket'], /--pr must be one of github, gitlab/],
    [['--branch', 'a..b'], /--branch 'a\.\.b' is not a valid branch name/],
    [['--resource', 'api-server'], /--resource must be KIND\/NAMESPACE\/NAME/],
    [['--timeout', 'soon'], /--timeout must be a number of seconds/],
    [['a', 'b'], /codify takes one repository path/],
    [['--bogus'], /unknown option --bogus/],
  ];
  for (const [argv, message] of cases) {
    const r = await codify(...argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.stderr, message);
  }
});
