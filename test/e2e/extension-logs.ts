// code-server writes each extension's output channel to a file under its user-data dir
// (`logs/<session>/exthost1/output_logging_<time>/<n>-<channel>.log`): read ours from there.
import { existsSync, readdirSync, readFileSync, statSync, watch } from 'node:fs';
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

/** The next write under `dir` (any depth), or the end of `withinMs`. */
function fileChange(dir: string): (withinMs: number) => Promise<void> {
  return (withinMs) => new Promise<void>((resolve) => {
    const done = () => {
      watcher.close();
      clearTimeout(limit);
      resolve();
    };
    const watcher = watch(dir, { recursive: true }, done);
    const limit = setTimeout(done, withinMs);
  });
}

/** Waits for the `GitOps Authoring activated in N ms` line of our output channel; returns N. */
export async function waitForActivationMs(userDataDir: string, timeoutMs = 60_000): Promise<number> {
  const pattern = /GitOps Authoring activated in (\d+(?:\.\d+)?) ms/;
  const text = await waitForValue('the "GitOps Authoring activated in N ms" line in the output channel', async () => outputChannelText(userDataDir, 'GitOps Authoring'), (t) => pattern.test(t), fileChange(userDataDir), timeoutMs);
  return Number(pattern.exec(text)?.[1]);
}
