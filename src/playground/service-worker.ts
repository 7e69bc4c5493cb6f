// Offline once loaded: on install, every file of the build is cached (the build prepends the list and a
// version); requests to this origin are answered from the cache first. Nothing else is ever fetched.
interface PlaygroundWorkerScope {
  readonly PLAYGROUND_FILES: readonly string[];
  readonly PLAYGROUND_VERSION: string;
  readonly registration: { readonly scope: string };
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: { waitUntil(p: Promise<unknown>): void }) => void): void;
  addEventListener(type: 'fetch', listener: (event: { readonly request: Request; respondWith(r: Promise<Response>): void }) => void): void;
}

const scope = self as unknown as PlaygroundWorkerScope;
const CACHE = `gitops-playground-${scope.PLAYGROUND_VERSION}`;

scope.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([...scope.PLAYGROUND_FILES])).then(() => scope.skipWaiting()));
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key.startsWith('gitops-playground-') && key !== CACHE).map((key) => caches.delete(key))))
    .then(() => scope.clients.claim()));
});

scope.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== new URL(scope.registration.scope).origin) return;
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    const cached = await cache.match(event.request, { ignoreSearch: true });
    return cached ?? fetch(event.request);
  }));
});
