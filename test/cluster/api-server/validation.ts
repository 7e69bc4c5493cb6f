// Validation of the built-in kinds the demo uses, with the field paths and messages of the real server.
import { labelSelectorMatches } from './selectors.js';
import { invalid, type StatusCause } from './status-errors.js';
import { deepEqual, isObject, type JsonObject, type JsonValue, type KubeObject } from './types.js';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

const LABEL_NAMED_KINDS = new Set(['Namespace']);

/** Go's %#v of the values messages quote. */
export function goValue(v: JsonValue | undefined): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (isObject(v) && Object.values(v).every((x) => typeof x === 'string')) {
    const entries = Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(v[k])}`);
    return `map[string]string{${entries.join(', ')}}`;
  }
  return JSON.stringify(v);
}

const required = (field: string): StatusCause => ({ reason: 'FieldValueRequired', message: 'Required value', field });
const badValue = (field: string, value: JsonValue | undefined, detail: string): StatusCause => ({
  reason: 'FieldValueInvalid',
  message: `Invalid value: ${goValue(value)}: ${detail}`,
  field,
});

function validateMetadata(obj: KubeObject, causes: StatusCause[]): void {
  const name = obj.metadata.name;
  if (typeof name !== 'string' || name === '') {
    causes.push({ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' });
  } else if (obj.kind === 'Service' && !DNS1035_LABEL.test(name)) {
    causes.push(badValue('metadata.name', name, DNS1035_MSG));
  } else if (LABEL_NAMED_KINDS.has(obj.kind) && !DNS1123_LABEL.test(name)) {
    causes.push(badValue('metadata.name', name, LABEL_MSG));
  } else if (!DNS1123_SUBDOMAIN.test(name) && !obj.kind.startsWith('Cluster') && obj.kind !== 'Role' && obj.kind !== 'RoleBinding') {
    causes.push(badValue('metadata.name', name, SUBDOMAIN_MSG));
  }
  const labels = obj.metadata.labels;
  if (isObject(labels)) {
    for (const [k, v] of Object.entries(labels)) {
      if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) {
        causes.push(badValue(`metadata.labels`, v, "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
      }
      void k;
    }
  }
}

function validateContainers(spec: JsonValue | undefined, path: string, causes: StatusCause[]): void {
  if (!isObject(spec)) {
    causes.push(required(`${path}.containers`));
    return;
  }
  const cs = spec.containers;
  if (!Array.isArray(cs) || cs.length === 0) {
    causes.push(required(`${path}.containers`));
    return;
  }
  const names = new Set<string>();
  cs.forEach((c, i) => {
    if (!isObject(c)) return;
    const p = `${path}.containers[${i}]`;
    if (typeof c.name !== 'string' || c.name === '') causes.push(required(`${p}.name`));
    else if (!DNS1123_LABEL.test(c.name)) causes.push(badValue(`${p}.name`, c.name, LABEL_MSG));
    else if (names.has(c.name)) causes.push({ reason: 'FieldValueDuplicate', message: `Duplicate value: ${JSON.stringify(c.name)}`, field: `${p}.name` });
    if (typeof c.name === 'string') names.add(c.name);
    if (typeof c.image !== 'string' || c.image === '') causes.push(required(`${p}.image`));
  });
  const rp = spec.restartPolicy;
  if (rp !== undefined && rp !== 'Always' && rp !== 'OnFailure' && rp !== 'Never') {
    causes.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: ${JSON.stringify(rp)}: supported values: "Always", "OnFailure", "Never"`, field: `${path}.restartPolicy` });
  }
}

function validateSelectorTemplate(obj: KubeObject, causes: StatusCause[]): void {
  const spec = isObject(obj.spec) ? obj.spec : {};
  const template = isObject(spec.template) ? spec.template : undefined;
  if (!isObject(spec.selector)) causes.push(required('spec.selector'));
  const labels = template && isObject(template.metadata) && isObject(template.metadata.labels) ? template.metadata.labels : {};
  if (isObject(spec.selector)) {
    const empty = !isObject(spec.selector.matchLabels) && !Array.isArray(spec.selector.matchExpressions);
    if (empty) causes.push(badValue('spec.selector', spec.selector, 'empty selector is invalid for deployment'));
    else if (!labelSelectorMatches(spec.selector, labels as Record<string, JsonValue>)) {
      causes.push(badValue('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
    }
  }
  if (typeof spec.replicas === 'number' && spec.replicas < 0) causes.push(badValue('spec.replicas', spec.replicas, 'must be greater than or equal to 0'));
  validateContainers(template?.spec, 'spec.template.spec', causes);
}

const KIND_RULES: Record<string, (obj: KubeObject, causes: StatusCause[]) => void> = {
  Deployment: validateSelectorTemplate,
  ReplicaSet: validateSelectorTemplate,
  StatefulSet: validateSelectorTemplate,
  DaemonSet: validateSelectorTemplate,
  Pod: (obj, causes) => validateContainers(obj.spec, 'spec', causes),
  Job: (obj, causes) => {
    const t = isObject(obj.spec) && isObject(obj.spec.template) ? obj.spec.template : undefined;
    validateContainers(t?.spec, 'spec.template.spec', causes);
    const rp = t && isObject(t.spec) ? t.spec.restartPolicy : undefined;
    if (rp === 'Always') {
      causes.push({ reason: 'FieldValueNotSupported', message: 'Unsupported value: "Always": supported values: "OnFailure", "Never"', field: 'spec.template.spec.restartPolicy' });
    }
  },
  CronJob: (obj, causes) => {
    const s = isObject(obj.spec) ? obj.spec : {};
    if (typeof s.schedule !== 'string' || s.schedule === '') causes.push(required('spec.schedule'));
  },
  Service: (obj, causes) => {
    const s = isObject(obj.spec) ? obj.spec : {};
    if (s.type !== 'ExternalName' && (!Array.isArray(s.ports) || s.ports.length === 0) && s.clusterIP !== 'None') causes.push(required('spec.ports'));
  },
  ConfigMap: (obj, causes) => {
    for (const part of ['data', 'binaryData']) {
      const d = obj[part];
      if (!isObject(d)) continue;
      for (const k of Object.keys(d)) {
        if (!/^[-._a-zA-Z0-9]+$/.test(k)) causes.push(badValue(`${part}[${k}]`, k, "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
      }
    }
  },
};

/** Throws a 422 Invalid Status when the object is not valid. */
export function validateObject(obj: KubeObject, group: string, old?: KubeObject): void {
  const causes: StatusCause[] = [];
  validateMetadata(obj, causes);
  KIND_RULES[obj.kind]?.(obj, causes);
  if (old && ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(obj.kind)) {
    const before = isObject(old.spec) ? old.spec.selector : undefined;
    const after = isObject(obj.spec) ? obj.spec.selector : undefined;
    if (!deepEqual(before, after)) {
      causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${goSelector(after)}: field is immutable`, field: 'spec.selector' });
    }
  }
  if (causes.length > 0) throw invalid(obj.kind, group, String(obj.metadata.name ?? ''), causes);
}

function goSelector(sel: JsonValue | undefined): string {
  if (!isObject(sel)) return '(*v1.LabelSelector)(nil)';
  const ml = isObject(sel.matchLabels) ? goValue(sel.matchLabels as JsonObject) : 'map[string]string(nil)';
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;
}
