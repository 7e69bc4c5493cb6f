// Server-side printing (Accept: …;as=Table;g=meta.k8s.io): the columns kubectl get shows.
import type { ResourceType } from './resource-registry.js';
import { getPath, isObject, type JsonObject, type JsonValue, type KubeObject } from './types.js';

interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
  cell: (o: KubeObject) => JsonValue;
}

export function wantsTable(accept: string | undefined): boolean {
  return Boolean(accept && /as=Table/.test(accept));
}

export function humanAge(since: string | undefined, now = Date.now()): string {
  if (!since) return '<unknown>';
  const s = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  return d < 730 ? `${d}d` : `${Math.floor(d / 365)}y`;
}

const col = (name: string, cell: (o: KubeObject) => JsonValue, type = 'string', priority = 0): Column => ({
  name,
  type,
  format: name === 'Name' ? 'name' : '',
  description: name === 'Name' ? 'Name must be unique within a namespace.' : name,
  priority,
  cell,
});
const nameCol = col('Name', (o) => String(o.metadata.name ?? ''));
const ageCol = col('Age', (o) => humanAge(o.metadata.creationTimestamp as string | undefined));
const num = (o: KubeObject, path: string[]): number => Number(getPath(o, path) ?? 0);

function containerField(o: KubeObject, field: string): string {
  const cs = getPath(o, ['spec', 'template', 'spec', 'containers']);
  return Array.isArray(cs) ? cs.filter(isObject).map((c) => String(c[field] ?? '')).join(',') : '';
}

function selectorText(sel: JsonValue | undefined): string {
  const ml = isObject(sel) && isObject(sel.matchLabels) ? sel.matchLabels : {};
  return Object.entries(ml).map(([k, v]) => `${k}=${String(v)}`).join(',');
}

const KIND_COLUMNS: Record<string, Column[]> = {
  // The scale subresource (kubectl get --subresource=scale).
  Scale: [nameCol, col('Desired', (o) => num(o, ['spec', 'replicas']), 'integer'), col('Available', (o) => num(o, ['status', 'replicas']), 'integer')],
  Deployment: [
    nameCol,
    col('Ready', (o) => `${num(o, ['status', 'readyReplicas'])}/${num(o, ['spec', 'replicas'])}`),
    col('Up-to-date', (o) => num(o, ['status', 'updatedReplicas']), 'integer'),
    col('Available', (o) => num(o, ['status', 'availableReplicas']), 'integer'),
    ageCol,
    col('Containers', (o) => containerField(o, 'name'), 'string', 1),
    col('Images', (o) => containerField(o, 'image'), 'string', 1),
    col('Selector', (o) => selectorText(getPath(o, ['spec', 'selector'])), 'string', 1),
  ],
  HorizontalPodAutoscaler: [
    nameCol,
    col('Reference', (o) => `${String(getPath(o, ['spec', 'scaleTargetRef', 'kind']) ?? '')}/${String(getPath(o, ['spec', 'scaleTargetRef', 'name']) ?? '')}`),
    col('Targets', (o) => {
      const metrics = getPath(o, ['spec', 'metrics']);
      const cpu = Array.isArray(metrics) ? metrics.find((m) => isObject(m) && isObject(m.resource) && m.resource.name === 'cpu') : undefined;
      const target = isObject(cpu) ? getPath(cpu, ['resource', 'target', 'averageUtilization']) : getPath(o, ['spec', 'targetCPUUtilizationPercentage']);
      return target === undefined ? '<none>' : `cpu: <unknown>/${String(target)}%`;
    }),
    col('MinPods', (o) => num(o, ['spec', 'minReplicas']), 'integer'),
    col('MaxPods', (o) => num(o, ['spec', 'maxReplicas']), 'integer'),
    col('Replicas', (o) => num(o, ['status', 'currentReplicas']), 'integer'),
    ageCol,
  ],
  CustomResourceDefinition: [nameCol, col('Created At', (o) => String(o.metadata.creationTimestamp ?? ''), 'date')],
  Pod: [
    nameCol,
    col('Ready', (o) => `0/${Array.isArray(getPath(o, ['spec', 'containers'])) ? (getPath(o, ['spec', 'containers']) as JsonValue[]).length : 0}`),
    col('Status', (o) => String(getPath(o, ['status', 'phase']) ?? 'Pending')),
    col('Restarts', () => 0, 'integer'),
    ageCol,
  ],
  Service: [
    nameCol,
    col('Type', (o) => String(getPath(o, ['spec', 'type']) ?? '')),
    col('Cluster-IP', (o) => String(getPath(o, ['spec', 'clusterIP']) ?? '<none>')),
    col('External-IP', () => '<none>'),
    col('Port(s)', (o) => {
      const ports = getPath(o, ['spec', 'ports']);
      return Array.isArray(ports) && ports.length ? ports.filter(isObject).map((p) => `${String(p.port)}/${String(p.protocol ?? 'TCP')}`).join(',') : '<none>';
    }),
    ageCol,
  ],
  ReplicaSet: [
    nameCol,
    col('Desired', (o) => num(o, ['spec', 'replicas']), 'integer'),
    col('Current', (o) => num(o, ['status', 'replicas']), 'integer'),
    col('Ready', (o) => num(o, ['status', 'readyReplicas']), 'integer'),
    ageCol,
  ],
  StatefulSet: [nameCol, col('Ready', (o) => `${num(o, ['status', 'readyReplicas'])}/${num(o, ['spec', 'replicas'])}`), ageCol],
  DaemonSet: [
    nameCol,
    col('Desired', (o) => num(o, ['status', 'desiredNumberScheduled']), 'integer'),
    col('Current', (o) => num(o, ['status', 'currentNumberScheduled']), 'integer'),
    col('Ready', (o) => num(o, ['status', 'numberReady']), 'integer'),
    col('Up-to-date', (o) => num(o, ['status', 'updatedNumberScheduled']), 'integer'),
    col('Available', (o) => num(o, ['status', 'numberAvailable']), 'integer'),
    col('Node Selector', (o) => {
      const ns = getPath(o, ['spec', 'template', 'spec', 'nodeSelector']);
      return isObject(ns) && Object.keys(ns).length ? Object.entries(ns).map(([k, v]) => `${k}=${String(v)}`).join(',') : '<none>';
    }),
    ageCol,
  ],
  Event: [
    col('Last Seen', (o) => humanAge(String(o.lastTimestamp ?? o.metadata.creationTimestamp ?? ''))),
    col('Type', (o) => String(o.type ?? '')),
    col('Reason', (o) => String(o.reason ?? '')),
    col('Object', (o) => `${String(getPath(o, ['involvedObject', 'kind']) ?? '').toLowerCase()}/${String(getPath(o, ['involvedObject', 'name']) ?? '')}`),
    col('Message', (o) => String(o.message ?? '')),
  ],
  Job: [
    nameCol,
    col('Status', (o) => {
      const conds = getPath(o, ['status', 'conditions']);
      const done = Array.isArray(conds) && conds.some((c) => isObject(c) && c.type === 'Complete' && c.status === 'True');
      return done ? 'Complete' : 'Running';
    }),
    col('Completions', (o) => `${num(o, ['status', 'succeeded'])}/${num(o, ['spec', 'completions']) || 1}`),
    col('Duration', (o) => {
      const start = getPath(o, ['status', 'startTime']);
      const end = getPath(o, ['status', 'completionTime']);
      return typeof start === 'string' ? humanAge(start, typeof end === 'string' ? Date.parse(end) : Date.now()) : '';
    }),
    ageCol,
  ],
  CronJob: [
    nameCol,
    col('Schedule', (o) => String(getPath(o, ['spec', 'schedule']) ?? '')),
    col('Timezone', (o) => String(getPath(o, ['spec', 'timeZone']) ?? '<none>')),
    col('Suspend', (o) => String(getPath(o, ['spec', 'suspend']) ?? false)),
    col('Active', () => 0, 'integer'),
    col('Last Schedule', () => '<none>'),
    ageCol,
  ],
  Ingress: [
    nameCol,
    col('Class', (o) => String(getPath(o, ['spec', 'ingressClassName']) ?? '<none>')),
    col('Hosts', (o) => {
      const rules = getPath(o, ['spec', 'rules']);
      const hosts = Array.isArray(rules) ? rules.filter(isObject).map((r) => String(r.host ?? '*')) : [];
      return hosts.length ? hosts.join(',') : '*';
    }),
    col('Address', () => ''),
    col('Ports', (o) => (Array.isArray(getPath(o, ['spec', 'tls'])) ? '80, 443' : '80')),
    ageCol,
  ],
  ServiceAccount: [nameCol, col('Secrets', (o) => (Array.isArray(o.secrets) ? o.secrets.length : 0), 'integer'), ageCol],
  ConfigMap: [nameCol, col('Data', (o) => Object.keys(isObject(o.data) ? o.data : {}).length + Object.keys(isObject(o.binaryData) ? o.binaryData : {}).length, 'integer'), ageCol],
  Secret: [nameCol, col('Type', (o) => String(o.type ?? '')), col('Data', (o) => Object.keys(isObject(o.data) ? o.data : {}).length, 'integer'), ageCol],
  Node: [
    nameCol,
    col('Status', (o) => {
      const conds = getPath(o, ['status', 'conditions']);
      const ready = Array.isArray(conds) ? conds.find((c) => isObject(c) && c.type === 'Ready') : undefined;
      return isObject(ready) && ready.status === 'True' ? 'Ready' : 'NotReady';
    }),
    col('Roles', (o) => {
      const labels = isObject(o.metadata.labels) ? o.metadata.labels : {};
      const roles = Object.keys(labels).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice('node-role.kubernetes.io/'.length));
      return roles.length ? roles.join(',') : '<none>';
    }),
    ageCol,
    col('Version', (o) => String(getPath(o, ['status', 'nodeInfo', 'kubeletVersion']) ?? '')),
  ],
  Namespace: [nameCol, col('Status', (o) => String(getPath(o, ['status', 'phase']) ?? '')), ageCol],
};

function crdColumns(rt: ResourceType, printerColumns: JsonValue | undefined): Column[] {
  if (!Array.isArray(printerColumns)) return [nameCol, ageCol];
  const cols: Column[] = [nameCol];
  for (const c of printerColumns.filter(isObject)) {
    const path = String(c.jsonPath ?? '');
    if (path === '.metadata.creationTimestamp') {
      cols.push({ ...ageCol, name: String(c.name ?? 'Age') });
      continue;
    }
    cols.push(col(String(c.name ?? ''), (o) => evaluateJsonPath(o, path), String(c.type ?? 'string'), Number(c.priority ?? 0)));
  }
  void rt;
  return cols;
}

/** The small part of JSONPath printer columns use: .a.b, and .a[?(@.type=="Ready")].status. */
function evaluateJsonPath(o: KubeObject, path: string): JsonValue {
  const m = /^\.(.+?)\[\?\(@\.(\w+)==["'](.+?)["']\)\]\.(.+)$/.exec(path);
  if (m) {
    const list = getPath(o, (m[1] as string).split('.'));
    const hit = Array.isArray(list) ? list.find((x) => isObject(x) && x[m[2] as string] === m[3]) : undefined;
    return hit ? (getPath(hit, (m[4] as string).split('.')) ?? '') : '';
  }
  return getPath(o, path.replace(/^\./, '').split('.')) ?? '';
}

export function toTable(rt: ResourceType, objects: KubeObject[], listMeta: JsonObject, includeObject: string, printerColumns?: JsonValue): JsonObject {
  const columns = rt.modelName ? (KIND_COLUMNS[rt.kind] ?? [nameCol, ageCol]) : crdColumns(rt, printerColumns);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: columns.map(({ cell: _cell, ...c }) => c),
    rows: objects.map((o) => {
      const row: JsonObject = { cells: columns.map((c) => c.cell(o)) };
      if (includeObject === 'Object') row.object = o;
      else if (includeObject !== 'None') row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
      return row;
    }),
  };
}
