// Container image references as kustomize's `images:` transformer reads them: name[:tag][@digest], where a
// `:` before the last `/` belongs to a registry port, not a tag.

export interface ImageReference {
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
}

export function parseImageReference(image: string): ImageReference {
  const at = image.indexOf('@');
  const digest = at === -1 ? undefined : image.slice(at + 1);
  const rest = at === -1 ? image : image.slice(0, at);
  const colon = rest.lastIndexOf(':');
  const hasTag = colon > rest.lastIndexOf('/');
  return {
    name: hasTag ? rest.slice(0, colon) : rest,
    ...(hasTag ? { tag: rest.slice(colon + 1) } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}
