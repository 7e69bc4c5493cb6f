// Parses an API path into group, version, namespace, resource, name and subresource (like RequestInfo).
export interface ResourceRequest {
  group: string;
  version: string;
  namespace: string;
  plural: string;
  name: string;
  subresource: string;
}

export function parseResourcePath(pathname: string): ResourceRequest | undefined {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1] as string;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1] as string;
    version = parts[2] as string;
    rest = parts.slice(3);
  } else return undefined;
  let namespace = '';
  // /namespaces/{ns}/{resource}… addresses namespaced resources; /namespaces/{name}[/status] is a Namespace.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1] as string;
    rest = rest.slice(2);
    if (rest[0] === 'finalize' || rest[0] === 'status') {
      return { group, version, namespace: '', plural: 'namespaces', name: namespace, subresource: rest[0] };
    }
  }
  const [plural, name = '', subresource = ''] = rest;
  if (!plural || rest.length > 3) return undefined;
  return { group, version, namespace, plural, name, subresource };
}
