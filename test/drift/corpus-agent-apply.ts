// Applies a repository's GitOps units to the test cluster the way their agent would, independently of the
// drift engine's own rendering: Flux kustomize-controller (a generated kustomization over spec.path with the
// Kustomization's targetNamespace, patches, images, namePrefix/nameSuffix and commonMetadata, postBuild
// substitution, its ownership labels, then server-side apply as `kustomize-controller`, CRDs and Namespaces
// first) and Argo CD (the directory or kustomization, destination namespace filled in, the tracking-id
// annotation, client-side apply as `argocd-controller`). What the agent could not render here (Helm charts,
// config management plugins) is reported as skipped, never applied.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { loadWorkspace } from '../../src/adapters/fs/load-workspace.js';
import { detectEnvironments } from '../../src/core/environments/detect-environments.js';

export interface AgentUnit {
  /** The drift environment name (`--env`). */
  readonly env: string;
  readonly agent: 'flux' | 'argocd' | 'kubectl';
  /** Repository-relative directory. */
  readonly path: string;
  /** Flux targetNamespace / Argo CD destination.namespace / kubectl -n. */
  readonly namespace?: string;
  /** The Flux Kustomization or Argo CD Application object (its spec drives patches, substitution, recursion). */
  readonly spec?: Record<string, unknown>;
  /** Flux: `namespace/name` of the Kustomization; Argo CD: the Application name. */
  readonly owner?: string;
}

export interface UnitApplyResult {
  readonly unit: AgentUnit;
  /** Objects sent to the API server. */
  readonly objects: number;
  /** Why the agent could not render the unit here; undefined when it rendered. */
  readonly skipped?: string;
  /** kubectl's complaints (kinds not served, invalid objects), one line each. */
  readonly failures: readonly string[];
}

type Obj = Record<string, unknown> & { apiVersion?: string; kind?: string; metadata?: Record<string, unknown> };

const YAML_FILE = /\.ya?ml$/;
const HOOKS = ['argocd.argoproj.io/hook', 'helm.sh/hook'];
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

function hasKustomization(dir: string): boolean {
  return KUSTOMIZATION_FILES.some((f) => existsSync(join(dir, f)));
}

function isManifest(o: unknown): o is Obj {
  return typeof o === 'object' && o !== null && typeof (o as Obj).apiVersion === 'string' && typeof (o as Obj).kind === 'string';
}

function parseObjects(text: string): Obj[] {
  return parseAllDocuments(text).map((d) => d.toJS() as unknown).filter(isManifest).filter((o) => !/^kustomize\.config\.k8s\.io\//.test(o.apiVersion ?? ''));
}

/** Files of a directory as kustomize-controller lists them when it generates the kustomization (recursive). */
function manifestFiles(dir: string, recurse: boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (recurse && !name.startsWith('.')) out.push(...(hasKustomization(p) ? [p] : manifestFiles(p, recurse)));
    } else if (YAML_FILE.test(name)) {
      try {
        if (parseObjects(readFileSync(p, 'utf8')).length > 0) out.push(p);
      } catch {
        // not YAML (a template): kustomize-controller would fail on it too; skipped here
      }
    }
  }
  return out;
}

function kubectlKustomize(dir: string): string {
  return execFileSync('kubectl', ['kustomize', '--load-restrictor=LoadRestrictionsNone', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `${VAR}`, `${VAR:=default}`, `${VAR:-default}` as kustomize-controller's envsubst (unset → default or ''). */
function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[=-]([^}]*))?\}/g, (_m, name: string, def: string | undefined) => vars[name] ?? def ?? '');
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function renderFlux(root: string, unit: AgentUnit, work: string): Obj[] {
  const dir = join(root, unit.path);
  const spec = unit.spec ?? {};
  const wrapper: Record<string, unknown> = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };
  wrapper.resources = hasKustomization(dir) ? [relative(work, dir)] : manifestFiles(dir, true).map((f) => relative(work, f));
  if (typeof spec.targetNamespace === 'string') wrapper.namespace = spec.targetNamespace;
  for (const k of ['patches', 'images', 'namePrefix', 'nameSuffix']) if (spec[k] !== undefined) wrapper[k] = spec[k];
  // Flux's components are relative to spec.path.
  if (Array.isArray(spec.components)) wrapper.components = spec.components.map((c) => relative(work, join(dir, String(c))));
  const common = record(spec.commonMetadata);
  if (common.labels) wrapper.labels = [{ pairs: common.labels, includeSelectors: false, includeTemplates: false }];
  if (common.annotations) wrapper.commonAnnotations = common.annotations;
  writeFileSync(join(work, 'kustomization.yaml'), stringify(wrapper));
  // kustomize-controller substitutes only when the Kustomization has a postBuild section.
  const post = spec.postBuild === undefined ? undefined : record(spec.postBuild);
  const vars = Object.fromEntries(Object.entries(record(post?.substitute)).map(([k, v]) => [k, String(v)]));
  const objects = parseObjects(kubectlKustomize(work)).map((o) => {
    const disabled = record(o.metadata?.annotations)['kustomize.toolkit.fluxcd.io/substitute'] === 'disabled';
    // On the YAML text, as kustomize-controller does (`replicas: ${N}` becomes a number).
    return post && !disabled ? (parseObjects(substitute(stringify(o), vars))[0] ?? o) : o;
  });
  const [ns, name] = (unit.owner ?? '/').split('/');
  for (const o of objects) {
    const meta = (o.metadata ??= {});
    meta.labels = { ...record(meta.labels), 'kustomize.toolkit.fluxcd.io/name': name, 'kustomize.toolkit.fluxcd.io/namespace': ns };
  }
  return objects;
}

function renderPlain(root: string, unit: AgentUnit, recurse: boolean): Obj[] | string {
  const dir = join(root, unit.path);
  const spec = record(unit.spec);
  const source = record(spec.source ?? (Array.isArray(spec.sources) ? spec.sources[0] : undefined));
  if (source.plugin !== undefined) return 'config management plugin: the agent renders it with its plugin, not available here';
  if (existsSync(join(dir, 'Chart.yaml'))) return 'Helm chart: the agent renders it with helm, which is not installed here';
  if (hasKustomization(dir)) return parseObjects(kubectlKustomize(dir));
  return manifestFiles(dir, recurse).flatMap((f) => parseObjects(readFileSync(f, 'utf8')));
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? ((error as { stderr?: unknown }).stderr ? String((error as { stderr?: unknown }).stderr) : error.message) : String(error);
  return text.trim().split('\n')[0] ?? '';
}

async function clusterScopedKinds(cluster: TestCluster): Promise<Set<string>> {
  const out = await cluster.run('api-resources', '--namespaced=false', '--no-headers');
  return new Set(out.split('\n').map((l) => l.trim().split(/\s+/).pop() ?? '').filter((k) => k !== ''));
}

function isFirst(o: Obj): boolean {
  return o.kind === 'CustomResourceDefinition' || o.kind === 'Namespace';
}

/**
 * Namespaces first (made when no object of the repository declares them: created beforehand, as Argo CD's
 * CreateNamespace or an operator would), CRDs and Namespaces next, then the rest one kind at a time, so a kind
 * the cluster does not serve fails alone, as it does for the agent.
 */
async function applyObjects(cluster: TestCluster, objects: readonly Obj[], args: string[]): Promise<string[]> {
  const failures: string[] = [];
  const declared = new Set(objects.filter((o) => o.kind === 'Namespace').map((o) => String(o.metadata?.name)));
  const used = new Set(objects.map((o) => o.metadata?.namespace).filter((n): n is string => typeof n === 'string' && n !== '' && !declared.has(n)));
  for (const ns of used) {
    const r = await cluster.kubectl(['create', 'namespace', ns]);
    if (r.code !== 0 && !r.stderr.includes('AlreadyExists')) failures.push(r.stderr.trim());
  }
  const rest = objects.filter((o) => !isFirst(o));
  const kinds = [...new Set(rest.map((o) => `${String(o.apiVersion)} ${String(o.kind)}`))];
  const batches = [objects.filter(isFirst), ...kinds.map((k) => rest.filter((o) => `${String(o.apiVersion)} ${String(o.kind)}` === k))];
  for (const batch of batches) {
    if (batch.length === 0) continue;
    // YAML documents written as JSON: YAML 1.2 re-emitted could lose quotes that kubectl's YAML 1.1 reader
    // needs ("off", "yes"); a stream starting with `{` would be read as one JSON value.
    const r = await cluster.kubectl(['apply', ...args, '-f', '-'], { input: batch.map((o) => `---\n${JSON.stringify(o)}\n`).join('') });
    if (r.code !== 0) failures.push(...r.stderr.split('\n').filter((l) => l.trim() !== ''));
  }
  return failures;
}

/** Renders and applies one unit as its agent would; what cannot be rendered here is reported, not applied. */
export async function applyUnit(cluster: TestCluster, root: string, unit: AgentUnit): Promise<UnitApplyResult> {
  const work = mkdtempSync(join(tmpdir(), 'ga-agent-'));
  try {
    if (unit.agent === 'flux') {
      // kustomize-controller reconciles the Kustomization as it is live: patched by a parent Kustomization
      // (home-ops' cluster-apps) when one applied it.
      // (Its namespace may come from a kustomization's `namespace:` rather than its file: found by name.)
      const [ns, name] = (unit.owner ?? '/').split('/');
      const list = await cluster.kubectl(['get', 'kustomizations.kustomize.toolkit.fluxcd.io', '-A', '-o', 'json']);
      const items = list.code === 0 ? ((JSON.parse(list.stdout) as { items: Obj[] }).items).filter((k) => k.metadata?.name === name) : [];
      const live = items.find((k) => k.metadata?.namespace === ns) ?? (items.length === 1 ? items[0] : undefined);
      const reconciled = live ? { ...unit, spec: record(live.spec) } : unit;
      let objects: Obj[];
      try {
        objects = renderFlux(root, reconciled, work);
      } catch (error) {
        return { unit, objects: 0, skipped: `kustomize build failed: ${firstLine(error)}`, failures: [] };
      }
      const failures = await applyObjects(cluster, objects, ['--server-side', '--force-conflicts', '--field-manager=kustomize-controller']);
      return { unit, objects: objects.length, failures };
    }
    let rendered: Obj[] | string;
    try {
      rendered = renderPlain(root, unit, record(record(record(unit.spec).source).directory).recurse === true);
    } catch (error) {
      rendered = `kustomize build failed: ${firstLine(error)}`;
    }
    if (typeof rendered === 'string') return { unit, objects: 0, skipped: rendered, failures: [] };
    // Argo CD runs hooks at sync time and deletes them by their policy; they are not part of the application.
    if (unit.agent === 'argocd') rendered = rendered.filter((o) => !HOOKS.some((a) => record(o.metadata?.annotations)[a] !== undefined));
    const scoped = await clusterScopedKinds(cluster);
    for (const o of rendered) {
      const meta = (o.metadata ??= {});
      if (unit.namespace && !scoped.has(String(o.kind)) && !meta.namespace) meta.namespace = unit.namespace;
      if (unit.agent === 'argocd') {
        const group = String(o.apiVersion).includes('/') ? String(o.apiVersion).split('/')[0] : '';
        meta.annotations = { ...record(meta.annotations), 'argocd.argoproj.io/tracking-id': `${unit.owner}:${group}/${String(o.kind)}:${String(meta.namespace ?? '')}/${String(meta.name)}` };
      }
    }
    const failures = await applyObjects(cluster, rendered, unit.agent === 'argocd' ? ['--field-manager=argocd-controller'] : []);
    return { unit, objects: rendered.length, failures };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A private copy of a corpus repository (drift reads it; nothing is written to the fixture). */
export function copyRepository(source: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ga-corpus-'));
  cpSync(source, dir, { recursive: true });
  mkdirSync(dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The units the repository's own Flux Kustomizations and Argo CD Applications declare (drift's environments). */
export function declaredUnits(root: string): AgentUnit[] {
  const { index } = loadWorkspace(root);
  const units: AgentUnit[] = [];
  for (const env of detectEnvironments(index.resources)) {
    if (env.detectedFrom === 'settings' || !env.source) continue;
    const declaring = index.resources.find((r) => r.file.path === env.source?.path && (env.owner === r.name || env.owner === `${r.namespace || 'flux-system'}/${r.name}`));
    if (!declaring) continue;
    units.push({
      env: env.name, agent: env.detectedFrom, path: env.path, spec: record(declaring.object.spec),
      ...(env.namespace ? { namespace: env.namespace } : {}), ...(env.owner ? { owner: env.owner } : {}),
    });
  }
  return units;
}

const FIXTURES = 'test/fixtures'; // tests and scripts run from the repository root

/**
 * A test cluster with the CRDs the corpus's agents bring: Argo CD's (test/fixtures/cluster/crds) and Flux's and
 * cert-manager's with every version upstream serves and no pruning of fields upstream knows
 * (test/fixtures/cluster/agent-crds).
 */
export function startAgentCluster(): Promise<TestCluster> {
  const files = [
    ...['argocd-applications.yaml', 'argocd-appprojects.yaml'].map((f) => join(FIXTURES, 'cluster/crds', f)),
    ...readdirSync(join(FIXTURES, 'cluster/agent-crds')).filter((f) => YAML_FILE.test(f)).map((f) => join(FIXTURES, 'cluster/agent-crds', f)),
  ];
  return startTestCluster({ seedObjects: files.flatMap((f) => parseObjects(readFileSync(f, 'utf8'))) as never });
}

/**
 * What each corpus repository deploys: the units its Flux Kustomizations and Argo CD Applications declare, and
 * for repositories without agent objects the directories their READMEs apply (with drift settings naming them).
 */
export function corpusUnits(repo: string, root: string): { units: AgentUnit[]; settings?: string } {
  const manual: Record<string, AgentUnit[]> = {
    podinfo: [
      { env: 'podinfo', agent: 'kubectl', path: 'kustomize', namespace: 'default' },
      { env: 'podinfo-staging', agent: 'kubectl', path: 'deploy/overlays/staging' },
      { env: 'podinfo-secure', agent: 'flux', path: 'deploy/secure', owner: 'flux-system/podinfo-secure' },
    ],
    'microservices-demo': [{ env: 'online-boutique', agent: 'kubectl', path: 'kubernetes-manifests', namespace: 'default' }],
    'fleet-examples-equivalent': [
      { env: 'simple', agent: 'kubectl', path: 'simple', namespace: 'fleet-simple' },
      { env: 'kustomize-dev', agent: 'kubectl', path: 'single-cluster/kustomize/overlays/dev', namespace: 'fleet-kustomize' },
      { env: 'helm', agent: 'kubectl', path: 'single-cluster/helm/chart', namespace: 'fleet-helm' },
    ],
    'werf-jenkins-x-equivalent': [
      { env: 'jx', agent: 'kubectl', path: 'config-root/namespaces/jx', namespace: 'jx' },
      { env: 'werf', agent: 'kubectl', path: '.helm', namespace: 'werf' },
    ],
    'source-watcher': [{ env: 'samples', agent: 'kubectl', path: 'config/samples', namespace: 'default' }],
    'flux-operator-equivalent': [{ env: 'tenants', agent: 'flux', path: 'tenants', owner: 'flux-system/tenants' }],
    // Fetched, not in the corpus: https://github.com/argoproj/argocd-example-apps (its Applications are Helm templates).
    'argocd-example-apps': ['guestbook', 'kustomize-guestbook', 'sock-shop', 'sync-waves', 'pre-post-sync', 'blue-green', 'helm-guestbook']
      .map((p) => ({ env: p, agent: 'argocd' as const, path: p, namespace: `ex-${p}`, owner: p })),
  };
  const units = manual[repo];
  if (!units) return { units: declaredUnits(root) };
  const settings = stringify({ drift: { environments: units.map((u) => ({ name: u.env, path: u.path, ...(u.namespace ? { namespace: u.namespace } : {}) })) } });
  return { units, settings };
}
