// SelfSubjectAccessReview, SelfSubjectRulesReview and SelfSubjectReview: what `kubectl auth can-i`,
// `kubectl auth can-i --list` and `kubectl auth whoami` ask. The admin token may do everything (as system:masters); a read-only token may get, list and watch.
import type { Caller } from './auth.js';
import { badRequest } from './status-errors.js';
import { deepClone, isObject, type JsonObject } from './types.js';

const READ_VERBS = new Set(['get', 'list', 'watch']);

export function reviewAccess(caller: Caller, body: JsonObject): JsonObject {
  if (!isObject(body.spec)) throw badRequest('spec is required');
  const attrs = isObject(body.spec.resourceAttributes) ? body.spec.resourceAttributes : isObject(body.spec.nonResourceAttributes) ? body.spec.nonResourceAttributes : {};
  const verb = String(attrs.verb ?? '');
  const allowed = !caller.readOnly || READ_VERBS.has(verb);
  const status: JsonObject = { allowed };
  if (allowed && !caller.readOnly) status.reason = 'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"';
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: deepClone(body.spec),
    status,
  };
}

export function reviewSelf(caller: Caller): JsonObject {
  const userInfo = caller.readOnly
    ? { username: 'readonly', groups: ['system:authenticated'] }
    : { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
  return { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, status: { userInfo } };
}

const SELF_REVIEWS = [
  { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
  { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
];
const DISCOVERY_URLS = ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'];

/** The caller's rules in a namespace, as the RBAC authorizer lists them (`kubectl auth can-i --list`). */
export function reviewRules(caller: Caller, body: JsonObject): JsonObject {
  const spec = isObject(body.spec) ? body.spec : {};
  const status = caller.readOnly
    ? { resourceRules: [{ verbs: ['get', 'list', 'watch'], apiGroups: ['*'], resources: ['*'] }, ...SELF_REVIEWS], nonResourceRules: [{ verbs: ['get'], nonResourceURLs: DISCOVERY_URLS }], incomplete: false }
    : { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, ...SELF_REVIEWS], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }, { verbs: ['get'], nonResourceURLs: DISCOVERY_URLS }], incomplete: false };
  return { kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec: deepClone(spec), status };
}
