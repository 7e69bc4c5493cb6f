// The language client's static configuration, free of `vscode` so it is unit-tested in plain Node.
import { SETTINGS_SECTION } from '../protocol/settings.js';

export const CLIENT_ID = 'gitopsAuthoring';
export const CLIENT_NAME = 'GitOps Authoring';

/** Bundled server, relative to the extension's root (scripts/build.mjs writes it). */
export const SERVER_MODULE = 'dist/server.js';

/** Documents the server looks at: YAML and JSON files on disk (untitled buffers have no repository). */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json', pattern: '**/*.json' },
] as const;

/** Files whose changes on disk the server must hear about (manifests, kustomizations, the repo config). */
export const WATCHED_FILES_GLOB = '**/{*.yaml,*.yml,*.json,Kustomization}';

export const CONFIGURATION_SECTION = SETTINGS_SECTION;

/** Node options for the server process; the debug variant opens the inspector port that launch.json attaches to. */
export const SERVER_DEBUG_PORT = 6009;
export function serverExecArgv(debug: boolean): string[] {
  return debug ? ['--nolazy', `--inspect=${SERVER_DEBUG_PORT}`] : [];
}

/** Whether an opened document should start the (deferred) server. */
export function needsServer(document: { readonly uri: { readonly scheme: string; readonly path: string }; readonly languageId: string }): boolean {
  if (document.uri.scheme !== 'file') return false;
  if (document.languageId === 'yaml') return true;
  return document.languageId === 'json' && document.uri.path.toLowerCase().endsWith('.json');
}

/** The message shown when the server cannot start: what failed and where to look. */
export function describeStartFailure(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `GitOps Authoring: the language server failed to start (${reason}). See the "${CLIENT_NAME}" output channel.`;
}
