// Where Add Ignore Rule writes, as a person would choose: the rule belongs to the agent object that deploys the
// resource, in that agent's dialect. An Argo CD environment: its Application (`ignoreDifferences`); a resource
// a Flux HelmRelease of the repository installed (its live labels say which): that HelmRelease
// (`driftDetection.ignore`); a Flux environment: its Kustomization (`driftIgnoreRules`); otherwise the
// repository's `.gitops-authoring.yaml`, in the dialect of the agent the repository uses (Flux when it declares
// Flux objects, else Argo CD's).
import type { Environment } from '../environments/environment.js';
import type { ManifestResource } from '../resource/manifest-resource.js';
import type { IgnoreRuleTarget } from './plan-ignore-rule.js';

export interface IgnoreRuleTargetInput {
  /** The drift environment of the resource; undefined for the whole repository. */
  readonly env: Environment | undefined;
  /** The repository's objects (the workspace index). */
  readonly resources: readonly ManifestResource[];
  /** Labels of the live object (Helm's and Flux's ownership labels name a HelmRelease). */
  readonly liveLabels: Readonly<Record<string, string>>;
  readonly configPath: string;
  /** The config file's text; undefined when it does not exist. */
  readonly configText: string | undefined;
}

const HELM_RELEASE_NAME = 'helm.toolkit.fluxcd.io/name';
const HELM_RELEASE_NAMESPACE = 'helm.toolkit.fluxcd.io/namespace';

export function chooseIgnoreRuleTarget(input: IgnoreRuleTargetInput): IgnoreRuleTarget {
  const { env, resources } = input;
  const find = (group: string, kind: string, name: string, namespace?: string) =>
    resources.find((r) => r.key.group === group && r.kind === kind && r.name === name && (namespace === undefined || r.namespace === '' || r.namespace === namespace));
  if (env?.detectedFrom === 'argocd') {
    const application = declaredAt(resources, env, 'argoproj.io', 'Application') ?? find('argoproj.io', 'Application', env.name);
    if (application) return { kind: 'argocd-application', resource: application };
  }
  const releaseName = input.liveLabels[HELM_RELEASE_NAME];
  if (releaseName) {
    const release = find('helm.toolkit.fluxcd.io', 'HelmRelease', releaseName, input.liveLabels[HELM_RELEASE_NAMESPACE]);
    if (release) return { kind: 'flux-helmrelease', resource: release };
  }
  if (env?.detectedFrom === 'flux') {
    const kustomization = declaredAt(resources, env, 'kustomize.toolkit.fluxcd.io', 'Kustomization') ?? find('kustomize.toolkit.fluxcd.io', 'Kustomization', env.name);
    if (kustomization) return { kind: 'flux-kustomization', resource: kustomization };
  }
  const usesFlux = resources.some((r) => r.key.group.endsWith('.toolkit.fluxcd.io'));
  const usesArgo = resources.some((r) => r.key.group === 'argoproj.io');
  return { kind: 'settings', path: input.configPath, text: input.configText, dialect: usesFlux || !usesArgo ? 'flux' : 'argocd' };
}

/** The agent object the environment was detected from, by the file and name it was read at. */
function declaredAt(resources: readonly ManifestResource[], env: Environment, group: string, kind: string): ManifestResource | undefined {
  const path = env.source?.path;
  if (!path) return undefined;
  return resources.find((r) => r.file.path === path && r.key.group === group && r.kind === kind && r.name === env.name);
}
