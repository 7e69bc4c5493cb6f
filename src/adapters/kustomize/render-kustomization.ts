import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { RenderedObject } from '../../core/drift/desired-from-rendered.js';
import { DEFAULT_PARSE_LIMITS } from '../../core/manifest/parse-limits.js';
import { parseManifest } from '../../core/manifest/parse-manifest.js';
import { isKubeObject, isRecord } from '../../core/resource/manifest-resource.js';
import type { KustomizeOverlay } from '../../core/environments/environment.js';
import type { KustomizeTool } from './find-kustomize.js';

const ORIGIN = 'config.kubernetes.io/origin';
const RENDERED_OUTPUT_LIMITS = { ...DEFAULT_PARSE_LIMITS, maxFileChars: 512 * 1024 * 1024 };
const TRANSFORMATIONS = 'alpha.config.kubernetes.io/transformations';

export class KustomizeRenderError extends Error {}

/** What the temporary kustomization adds around the user's (Flux's generated kustomization). */
export interface RenderWrapper {
  /** Repository-relative resources to include instead of `dir` (plain manifests Flux lists itself). */
  readonly resources?: readonly string[];
  readonly overlay?: KustomizeOverlay;
  /** The repository file declaring the overlay (a Flux Kustomization): where its patches are configured. */
  readonly overlaySource?: string;
}

/**
 * Renders a kustomization directory with the real kustomize, asking it for origin and transformer
 * annotations so that every object maps back to the file that declares it (or the generator that made it)
 * and the overlays that changed it. The user's kustomization is not touched: a temporary kustomization
 * that includes it carries `buildMetadata` (and, for a Flux Kustomization, its patches, images, components,
 * name prefix/suffix and common metadata, as kustomize-controller's generated kustomization does). Our
 * annotations are removed from the objects afterwards.
 */
export async function renderKustomization(repoRoot: string, dir: string, tool: KustomizeTool, timeoutMs = 60_000, wrapper: RenderWrapper = {}): Promise<RenderedObject[]> {
  const wrap = mkdtempSync(join(tmpdir(), 'ga-kustomize-'));
  try {
    const fromWrap = (p: string) => relative(wrap, resolve(repoRoot, p)).split(sep).join('/');
    const overlay = wrapper.overlay;
    const kustomization = {
      resources: (wrapper.resources ?? [dir]).map(fromWrap),
      ...(overlay?.fields ?? {}),
      ...(overlay && overlay.components.length > 0 ? { components: overlay.components.map(fromWrap) } : {}),
      buildMetadata: ['originAnnotations', 'transformerAnnotations'],
    };
    // JSON is YAML: no quoting questions for patches written as multi-line strings.
    writeFileSync(join(wrap, 'kustomization.yaml'), JSON.stringify(kustomization, null, 2));
    // Plain files outside the temporary directory are resources only without kustomize's load restriction
    // (kustomize-controller writes its kustomization inside the directory instead).
    const stdout = await run(tool, wrap, timeoutMs, wrapper.resources ? ['--load-restrictor=LoadRestrictionsNone'] : []);
    const toRepoPath = (p: string) => {
      const abs = resolve(wrap, p);
      if (wrapper.overlaySource && (abs === wrap || abs.startsWith(`${wrap}${sep}`))) return wrapper.overlaySource;
      return relative(repoRoot, abs).split(sep).join('/');
    };
    const out: RenderedObject[] = [];
    // Read as manifests are (linear in size: a 200,000-key ConfigMap renders to a document as wide), without
    // the size limit meant for one file of the repository: this is the whole rendered environment.
    for (const doc of parseManifest('kustomize-build.yaml', stdout, RENDERED_OUTPUT_LIMITS).documents) {
      if (doc.problems.some((p) => p.severity === 'error')) throw new KustomizeRenderError(`kustomize output could not be read: ${doc.problems[0]?.message ?? ''}`);
      if (!isKubeObject(doc.value)) continue;
      out.push(readMetadata(doc.value, toRepoPath));
    }
    return out;
  } finally {
    rmSync(wrap, { recursive: true, force: true });
  }
}

function readMetadata(object: RenderedObject['object'], toRepoPath: (p: string) => string): RenderedObject {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const annotations = isRecord(metadata.annotations) ? { ...metadata.annotations } : {};
  let originPath: string | undefined;
  let generatedBy: string | undefined;
  const transformedIn: string[] = [];
  const origin = annotations[ORIGIN];
  if (typeof origin === 'string') {
    const o = parseYaml(origin);
    if (isRecord(o) && typeof o.path === 'string') originPath = toRepoPath(o.path);
    if (isRecord(o) && typeof o.configuredIn === 'string') generatedBy = toRepoPath(o.configuredIn);
  }
  const transformations = annotations[TRANSFORMATIONS];
  if (typeof transformations === 'string') {
    const t = parseYaml(transformations);
    if (Array.isArray(t)) for (const e of t) if (isRecord(e) && typeof e.configuredIn === 'string') transformedIn.push(toRepoPath(e.configuredIn));
  }
  delete annotations[ORIGIN];
  delete annotations[TRANSFORMATIONS];
  const { annotations: _drop, ...restMetadata } = metadata;
  const cleaned = { ...object, metadata: Object.keys(annotations).length > 0 ? { ...restMetadata, annotations } : restMetadata };
  return {
    object: cleaned,
    ...(originPath ? { originPath } : {}),
    ...(generatedBy ? { generatedBy } : {}),
    transformedIn: [...new Set(transformedIn)],
  };
}

function parseYaml(text: string): unknown {
  try {
    return parseAllDocuments(text)[0]?.toJS() as unknown;
  } catch {
    return undefined;
  }
}

function run(tool: KustomizeTool, dir: string, timeoutMs: number, flags: readonly string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(tool.command, [...tool.args, ...flags, dir], { timeout: timeoutMs, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        const detail = (stderr || error.message).trim().split('\n').slice(-3).join('\n');
        reject(new KustomizeRenderError(`${tool.label} failed: ${detail}`));
      } else resolvePromise(stdout);
    });
  });
}
