import { listContainers, WORKLOAD_KINDS } from '../../resource/pod-template.js';
import { replaceValueEdit } from '../../edit/yaml-text-edits.js';
import { fixOf } from '../../findings/finding.js';
import type { Rule } from '../rule.js';

/** Splits an image reference into repository, tag and digest (a registry port is not a tag). */
export function parseImageReference(image: string): { repository: string; tag?: string; digest?: string } {
  const at = image.indexOf('@');
  const digest = at === -1 ? undefined : image.slice(at + 1);
  const rest = at === -1 ? image : image.slice(0, at);
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) return { repository: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { repository: rest, digest };
}

export const imageTagRule: Rule = {
  meta: {
    id: 'image-tag',
    title: 'Container images are pinned',
    rationale: 'An image without a tag, or tagged `latest`, changes under the same manifest: Git no longer says what runs, and rollbacks do not roll back.',
    remediation: 'Pin a version tag (e.g. `nginx:1.27.3`), or a digest (`@sha256:…`) when the rule option `requireDigest` is on.',
    defaultSeverity: 'warning',
    kinds: WORKLOAD_KINDS,
  },
  check(resource, context) {
    const requireDigest = context.options.ruleOptions['image-tag']?.requireDigest === true;
    for (const { container, path, name } of listContainers(resource)) {
      const image = container.image;
      if (typeof image !== 'string' || image === '' || image.includes('${')) continue;
      const ref = parseImageReference(image);
      const imagePath = [...path, 'image'];
      if (ref.digest) continue;
      const pin = (title: string, text: string) => fixOf(title, replaceValueEdit(resource, imagePath, text));
      if (!ref.tag) {
        context.report({ path: imagePath, on: 'value', message: `Container '${name}' uses image '${image}' without a tag: it runs whatever 'latest' is at pull time.`, fixes: pin('Pin a version tag (placeholder)', `${ref.repository}:REPLACE_WITH_VERSION`) });
      } else if (ref.tag === 'latest') {
        context.report({ path: imagePath, on: 'value', message: `Container '${name}' uses ':latest': the running version is not recorded in Git.`, fixes: pin('Pin a version tag (placeholder)', `${ref.repository}:REPLACE_WITH_VERSION`) });
      } else if (requireDigest) {
        context.report({ path: imagePath, on: 'value', message: `Container '${name}' image '${image}' is not pinned by digest.` });
      }
    }
  },
};
