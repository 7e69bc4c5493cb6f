// Starts the test Kubernetes API server: start({…}) → { url, kubeconfigPath, stop(), requests, faults }.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandler, type RecordedRequest } from './api-server.js';
import { builtinResources } from './builtin-resources.js';
import { printerColumnsOf, watchCrds } from './crd-registration.js';
import { startGarbageCollector } from './delete-object.js';
import { startDeploymentController } from './deployment-controller.js';
import { startWorkloadStatusController } from './workload-status-controller.js';
import { startHpaController } from './hpa-controller.js';
import { createKubernetesService, startNamespaceController } from './namespace-controller.js';
import { registerNode } from './node-bootstrap.js';
import { Faults, type FaultSettings } from './faults.js';
import { WatchRegistry } from './handle-watch.js';
import { writeKubeconfig } from './kubeconfig.js';
import { ResourceRegistry } from './resource-registry.js';
import { readManifests, seedManifests } from './seed.js';
import { ServerContext } from './server-context.js';
import { Storage } from './storage.js';
import { generateTls, type TlsMaterial } from './tls.js';
import type { JsonObject } from './types.js';
import { createObject } from './write-pipeline.js';

export interface StartOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Bearer token required on every request (none: no authentication). */
  token?: string;
  /** Tokens allowed to read only; writes answer 403. */
  readOnlyTokens?: string[];
  /** Serve HTTPS with a generated CA (needs the openssl CLI). */
  tls?: boolean;
  /** Manifests applied at start (CRDs and namespaces first). */
  seedDir?: string;
  /** Extra manifests applied at start, after seedDir. */
  seedObjects?: JsonObject[];
  /** Where to write the kubeconfig (default: a new temp directory, removed by stop()). */
  kubeconfigPath?: string;
  /** Namespace of the kubeconfig context. */
  namespace?: string;
  /** How often watches that allow bookmarks get one (default 1000 ms). */
  bookmarkIntervalMs?: number;
  /** Run the deployment controller and the garbage collector (default true). */
  controllers?: boolean;
}

export interface ClusterFaults {
  /** Latency and error injection, kept until reset(). */
  set(settings: Partial<FaultSettings>): void;
  reset(): void;
  /** Ends every open watch stream; returns how many were open. */
  dropWatches(): number;
  /** Forgets the event history: watches from an older resourceVersion get 410 Gone. */
  compact(): void;
  /** Stops and starts again on the same port, keeping or losing the stored objects. */
  restart(options: { keepState: boolean }): Promise<void>;
  /** Stops listening and cuts every connection (connection refused from then on). */
  goAway(): Promise<void>;
}

export interface ClusterHandle {
  url: string;
  kubeconfigPath: string;
  token?: string;
  caPem?: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  faults: ClusterFaults;
  /** Creates objects directly (as kubectl apply would), e.g. to prepare a test. */
  seed(objects: JsonObject[]): string[];
  /** The current resourceVersion of the whole server. */
  resourceVersion(): number;
  stop(): Promise<void>;
}

const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

function bootstrap(ctx: ServerContext): void {
  const rt = ctx.registry.find('', 'v1', 'namespaces');
  if (!rt) return;
  for (const name of SYSTEM_NAMESPACES) {
    if (ctx.store.get('/namespaces', '', name)) continue;
    createObject(ctx, rt, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { manager: 'kube-apiserver', dryRun: false, fieldValidation: 'Ignore', force: false, warnings: [] });
  }
}

export async function start(options: StartOptions = {}): Promise<ClusterHandle> {
  const host = options.host ?? '127.0.0.1';
  const tls: TlsMaterial | undefined = options.tls ? generateTls() : undefined;
  const registry = new ResourceRegistry();
  for (const rt of builtinResources()) registry.add(rt);
  let store = new Storage();
  let ctx = new ServerContext(store, registry);
  const faults = new Faults();
  const watches = new WatchRegistry();
  const requests: RecordedRequest[] = [];
  const scheme = tls ? 'https' : 'http';
  let port = options.port ?? 0;
  let stopBackground: (() => void)[] = [];

  const startBackground = () => {
    stopBackground = [watchCrds(ctx)];
    if (options.controllers !== false) {
      stopBackground.push(startDeploymentController(ctx), startWorkloadStatusController(ctx), startHpaController(ctx), startGarbageCollector(ctx, registry));
    }
  };
  const initState = () => {
    store = new Storage();
    ctx = new ServerContext(store, registry);
    for (const rt of registry.all().filter((r) => r.crdName)) registry.removeCrd(String(rt.crdName));
    startBackground();
    bootstrap(ctx);
    createKubernetesService(ctx);
    registerNode(ctx);
    if (options.controllers !== false) stopBackground.push(startNamespaceController(ctx, tls?.caPem));
  };
  initState();
  const errors: string[] = [];
  if (options.seedDir) errors.push(...seedManifests(ctx, readManifests(options.seedDir)));
  if (options.seedObjects) errors.push(...seedManifests(ctx, options.seedObjects));
  if (errors.length) throw new Error(`seeding failed:\n${errors.join('\n')}`);

  let server: Server;
  const sockets = new Set<Socket>();
  const listen = async () => {
    const handler = createHandler({
      get ctx() {
        return ctx;
      },
      auth: { token: options.token, readOnlyTokens: options.readOnlyTokens },
      faults,
      watches,
      watchSettings: { bookmarkIntervalMs: options.bookmarkIntervalMs ?? 1000 },
      requests,
      serverAddress: () => `${host}:${port}`,
      crdPrinterColumns: printerColumnsOf,
    });
    server = tls ? createHttpsServer({ cert: tls.certPem, key: tls.keyPem }, handler) : createHttpServer(handler);
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
  };
  const close = async () => {
    watches.dropAll();
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  await listen();

  const url = `${scheme}://${host}:${port}`;
  let tempDir: string | undefined;
  let kubeconfigPath = options.kubeconfigPath;
  if (!kubeconfigPath) {
    tempDir = mkdtempSync(join(tmpdir(), 'test-apiserver-'));
    kubeconfigPath = join(tempDir, 'kubeconfig');
  }
  writeKubeconfig({ path: kubeconfigPath, server: url, token: options.token, caPem: tls?.caPem, namespace: options.namespace });

  let listening = true;
  const faultApi: ClusterFaults = {
    set: (s) => faults.set(s),
    reset: () => faults.reset(),
    dropWatches: () => watches.dropAll(),
    compact: () => store.compact(),
    restart: async ({ keepState }) => {
      if (listening) await close();
      for (const stop of stopBackground) stop();
      if (keepState) {
        const snapshot = store.snapshot();
        store = new Storage();
        store.restore(snapshot);
        ctx = new ServerContext(store, registry);
        startBackground();
        if (options.controllers !== false) stopBackground.push(startNamespaceController(ctx, tls?.caPem));
      } else initState();
      await listen();
      listening = true;
    },
    goAway: async () => {
      if (!listening) return;
      listening = false;
      await close();
    },
  };

  return {
    url,
    kubeconfigPath,
    token: options.token,
    caPem: tls?.caPem,
    requests,
    faults: faultApi,
    seed: (objects) => seedManifests(ctx, objects),
    resourceVersion: () => store.currentRevision,
    stop: async () => {
      for (const stop of stopBackground) stop();
      if (listening) await close();
      listening = false;
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
