import { readFileSync } from 'node:fs';
import { runCli } from './run-cli.js';

declare const PACKAGE_VERSION: string | undefined;

const version = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev';
void Promise.resolve(runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: () => readFileSync(0, 'utf8'),
  isTty: process.stdout.isTTY === true,
  version,
})).then((code) => {
  process.exitCode = code;
});
