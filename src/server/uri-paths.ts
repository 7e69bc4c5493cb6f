import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Maps document URIs to the repository-relative POSIX paths core uses, for one workspace root. */
export class UriPaths {
  constructor(readonly root: string | undefined) {}

  /** Repository path of a URI; files outside the root (or non-file URIs) get a stable path of their own. */
  toPath(uri: string): string {
    if (!uri.startsWith('file:')) return `untitled/${encodeURIComponent(uri)}`;
    const absolute = fileURLToPath(uri);
    if (this.root) {
      const rel = relative(this.root, absolute);
      if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
    }
    return `outside${absolute.split(sep).join('/')}`;
  }

  toUri(path: string): string {
    if (path.startsWith('untitled/')) return decodeURIComponent(path.slice('untitled/'.length));
    if (path.startsWith('outside/')) return pathToFileURL(path.slice('outside'.length)).href;
    return pathToFileURL(`${this.root ?? ''}/${path}`).href;
  }

  isInsideRoot(path: string): boolean {
    return !path.startsWith('untitled/') && !path.startsWith('outside/');
  }
}
