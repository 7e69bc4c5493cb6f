// code-server writes each extension's output channel to a file under its user-data dir
// (`logs/<session>/exthost1/output_logging_<time>/<n>-<channel>.log`): read ours from there.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { waitForValue } from './drift-page.js';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Everything the output channel named `channel` printed so far ('' before it exists). */
export function outputChannelText(userDataDir: string, channel: string): string {
  return filesUnder(join(userDataDir, 'logs'))
    .filter((path) => path.endsWith(`-${channel}.log`))
    .map((path) => readFileSync(path, 'utf8'))
    .join('');
}

/** Waits for the `GitOps Authoring activated in N ms` line of our output channel; returns N. */
export async function waitForActivationMs(userDataDir: string, timeoutMs = 60_000): Promise<number> {
  const pattern = /GitOps Authoring activated in (\d+(?:\.\d+)?) ms/;
  const text = await waitForValue('the "GitOps Authoring activated in N ms" line in the output channel', async () => outputChannelText(userDataDir, 'GitOps Authoring'), (t) => pattern.test(t), timeoutMs);
  return Number(pattern.exec(text)?.[1]);
}
