// Where a Git remote lives: host and repository path from any remote URL spelling (https, ssh://, scp-like
// `git@host:owner/repo.git`, git://), and the web address a browser opens. Credentials never survive parsing.

export interface RemoteRepository {
  /** Host name, lower case, without port or user. */
  readonly host: string;
  /** `owner/repo`, or `group/subgroup/project` on GitLab; no `.git`. */
  readonly path: string;
  readonly owner: string;
  readonly name: string;
  /** `https://host[:port]/path` (the port only when the remote was https with one). */
  readonly webUrl: string;
}

/** Undefined when the URL names no host and path (a local path, a file:// URL). */
export function parseRemoteUrl(url: string): RemoteRepository | undefined {
  const text = url.trim();
  let host: string;
  let port = '';
  let path: string;
  const withScheme = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^/:]+)(?::(\d*))?(\/.*)?$/i.exec(text);
  if (withScheme) {
    const scheme = (withScheme[1] as string).toLowerCase();
    if (scheme === 'file') return undefined;
    host = withScheme[2] as string;
    if ((scheme === 'https' || scheme === 'http') && withScheme[3]) port = `:${withScheme[3]}`;
    path = withScheme[4] ?? '';
    if (scheme === 'http') return build(host, path, port, 'http');
  } else {
    const scp = /^(?:[^@/]+@)?([^/:]+):(?!\/\/)(.+)$/.exec(text);
    if (!scp) return undefined;
    host = scp[1] as string;
    path = scp[2] as string;
  }
  return build(host, path, port, 'https');
}

function build(host: string, rawPath: string, port: string, scheme: string): RemoteRepository | undefined {
  const path = rawPath.replace(/^\/+|\/+$/g, '').replace(/\.git$/i, '').replace(/^~/, '');
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.length < 2 || host === '') return undefined;
  const lowerHost = host.toLowerCase();
  return { host: lowerHost, path: parts.join('/'), owner: parts.slice(0, -1).join('/'), name: parts[parts.length - 1] as string, webUrl: `${scheme}://${lowerHost}${port}/${parts.join('/')}` };
}
