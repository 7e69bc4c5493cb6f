// A lock made of a directory (mkdir is atomic), so that `npm start` and an e2e test started at the same time
// do not install code-server twice into the same folder. A lock whose owner process died is taken over.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const POLL_MS = 500;
const MAX_WAIT_MS = 20 * 60_000;

/**
 * @param {string} lockDir
 * @param {{ onWait?: () => void }} [options]
 * @returns {Promise<() => void>} the release function
 */
export async function acquireDirLock(lockDir, { onWait } = {}) {
  const deadline = Date.now() + MAX_WAIT_MS;
  let warned = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
    }
    if (!isOwnerAlive(lockDir)) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for the lock ${lockDir}`);
    if (!warned && onWait) onWait();
    warned = true;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

function isOwnerAlive(lockDir) {
  let pid;
  try {
    pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
  } catch {
    // The owner may be between mkdir and writing its pid: alive unless that moment is long past.
    try {
      return Date.now() - statSync(lockDir).mtimeMs < 10_000;
    } catch {
      return false;
    }
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
