import { listContainers, WORKLOAD_KINDS } from '../../resource/pod-template.js';
import { parseImageReference } from '../../edit/image-reference.js';
import { replaceValueEdit } from '../../edit/yaml-text-edits.js';
import { fixOf } from '../../findings/finding.js';
import { describeRendering, renderedImage, renderingsOf } from '../../kustomize/kustomize-renderings.js';
import type { Rule } from '../rule.js';

type Problem = 'untagged' | 'latest' | 'unpinned';

function problemOf(image: string, requireDigest: boolean): Problem | undefined {
  const ref = parseImageReference(image);
  if (ref.digest) return undefined;
  if (!ref.tag) return 'untagged';
  if (ref.tag === 'latest') return 'latest';
  return requireDigest ? 'unpinned' : undefined;
}

/** `where` says how a kustomize build renders it (empty for the image as written). */
function describeProblem(problem: Problem, name: string, image: string, where = ''): string {
  if (problem === 'untagged') return `Container '${name}' uses image '${image}' without a tag${where}: it runs whatever 'latest' is at pull time.`;
  if (problem === 'latest') return `Container '${name}' uses ${where ? `'${image}'${where}` : "':latest'"}: the running version is not recorded in Git.`;
  return `Container '${name}' image '${image}' is not pinned by digest${where}.`;
}

export const imageTagRule: Rule = {
  meta: {
    id: 'image-tag',
    title: 'Container images are pinned',
    rationale: 'An image without a tag, or tagged `latest`, changes under the same manifest: Git no longer says what runs, and rollbacks do not roll back. Judged as kustomize renders it: an `images:` entry of a kustomization that renders the object (newTag, digest) pins or unpins it, per overlay.',
    remediation: 'Pin a version tag (e.g. `nginx:1.27.3`), or a digest (`@sha256:…`) when the rule option `requireDigest` is on; in a kustomize base, an overlay\'s `images:` `newTag` pins it too.',
    defaultSeverity: 'warning',
    kinds: WORKLOAD_KINDS,
  },
  check(resource, context) {
    const requireDigest = context.options.ruleOptions['image-tag']?.requireDigest === true;
    const renderings = renderingsOf(context.workspace, resource.file.path);
    for (const { container, path, name } of listContainers(resource)) {
      const image = container.image;
      if (typeof image !== 'string' || image === '' || image.includes('${')) continue;
      const imagePath = [...path, 'image'];
      const pin = () => fixOf('Pin a version tag (placeholder)', replaceValueEdit(resource, imagePath, `${parseImageReference(image).name}:REPLACE_WITH_VERSION`));
      if (renderings.length === 0) {
        const problem = problemOf(image, requireDigest);
        if (problem) context.report({ path: imagePath, on: 'value', message: describeProblem(problem, name, image), fixes: problem === 'unpinned' ? undefined : pin() });
        continue;
      }
      // Part of kustomize builds: judged per rendering, reported once per distinct rendered fault.
      const faults = new Map<string, { problem: Problem; rendered: string; setIn?: string; overlays: string[] }>();
      for (const rendering of renderings) {
        const rendered = renderedImage(image, rendering);
        const problem = problemOf(rendered.image, requireDigest);
        if (!problem) continue;
        const key = `${problem}\u0000${rendered.image}`;
        const fault = faults.get(key) ?? { problem, rendered: rendered.image, ...(rendered.setIn !== undefined ? { setIn: rendered.setIn } : {}), overlays: [] };
        fault.overlays.push(describeRendering(rendering));
        faults.set(key, fault);
      }
      for (const fault of faults.values()) {
        const sourceFault = fault.rendered === image;
        const overlays = [...new Set(fault.overlays)].join(', ');
        const where = fault.overlays.length === renderings.length && sourceFault ? '' : ` as ${overlays} render${fault.overlays.length === 1 ? 's' : ''} it`;
        const setBy = fault.setIn !== undefined ? ` (images: in ${fault.setIn || '.'})` : '';
        context.report({
          path: imagePath,
          on: 'value',
          message: describeProblem(fault.problem, name, fault.rendered, `${where}${setBy}`),
          fixes: sourceFault && fault.problem !== 'unpinned' ? pin() : undefined,
        });
      }
    }
  },
};
