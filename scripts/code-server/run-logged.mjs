// Runs a long command with its output in a log file and a heartbeat on the console, so a first install that
// takes minutes shows it is alive without flooding the terminal with node-gyp compiler warnings.
/* global setInterval, clearInterval */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

const HEARTBEAT_MS = 10_000;

/**
 * @param {{ label: string, command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv,
 *   logFile: string, log?: (line: string) => void }} options
 * @returns {Promise<void>} resolves when the command exits 0; rejects with the log's tail otherwise
 */
export function runLogged({ label, command, args, cwd, env, logFile, log = defaultLog }) {
  const started = Date.now();
  const fd = openSync(logFile, 'a');
  log(`  ${label} (log: ${logFile})`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['ignore', fd, fd] });
    const timer = setInterval(() => {
      log(`  … ${label}: ${Math.round((Date.now() - started) / 1000)} s, ${lastLine(logFile)}`);
    }, HEARTBEAT_MS);
    const finish = (error) => {
      clearInterval(timer);
      closeSync(fd);
      if (error) reject(error);
      else resolve();
    };
    child.on('error', (error) => finish(new Error(`${label}: could not start ${command}: ${error.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) {
        log(`  ✓ ${label} (${Math.round((Date.now() - started) / 1000)} s)`);
        finish();
        return;
      }
      finish(new Error(`${label} failed (${signal ?? `exit code ${code}`}). Last lines of ${logFile}:\n${tail(logFile, 25)}`));
    });
  });
}

function defaultLog(line) {
  console.log(line);
}

function tail(file, count) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count).map((l) => `    ${l}`).join('\n');
  } catch {
    return '    (no log)';
  }
}

function lastLine(file) {
  let lines = [];
  try {
    lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  } catch {
    // No output yet.
  }
  // npm's config warnings repeat on every nested install and say nothing about progress.
  const line = (lines.filter((l) => l.trim() && !/^npm warn/.test(l)).pop() ?? 'working').trim();
  return line.length > 100 ? `${line.slice(0, 97)}…` : line;
}
