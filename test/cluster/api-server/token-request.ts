// The serviceaccounts/token subresource (TokenRequest): what `kubectl create token NAME` posts. The token
// is a JWT of the shape kube-apiserver issues (issuer, audiences, expiry, the bound service account); its
// signature is not verifiable and the server does not accept it as a credential.
import { randomUUID } from 'node:crypto';
import type { ServerContext } from './server-context.js';
import { notFound } from './status-errors.js';
import { deepClone, isObject, type JsonObject } from './types.js';

const DEFAULT_AUDIENCE = 'https://kubernetes.default.svc.cluster.local';

export function requestToken(ctx: ServerContext, namespace: string, name: string, body: JsonObject): JsonObject {
  const sa = ctx.store.get('/serviceaccounts', namespace, name);
  if (!sa) throw notFound('serviceaccounts', '', name);
  const spec = isObject(body.spec) ? deepClone(body.spec) : {};
  const audiences = Array.isArray(spec.audiences) && spec.audiences.length > 0 ? spec.audiences.map(String) : [DEFAULT_AUDIENCE];
  const seconds = typeof spec.expirationSeconds === 'number' && spec.expirationSeconds > 0 ? spec.expirationSeconds : 3600;
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    aud: audiences,
    exp: now + seconds,
    iat: now,
    iss: DEFAULT_AUDIENCE,
    jti: randomUUID(),
    'kubernetes.io': { namespace, serviceaccount: { name, uid: String(sa.metadata.uid ?? '') } },
    nbf: now,
    sub: `system:serviceaccount:${namespace}:${name}`,
  };
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const token = `${part({ alg: 'RS256', kid: 'test-cluster' })}.${part(claims)}.${Buffer.from(randomUUID()).toString('base64url')}`;
  return {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace, creationTimestamp: null },
    spec: { ...spec, audiences, expirationSeconds: seconds, boundObjectRef: spec.boundObjectRef ?? null },
    status: { token, expirationTimestamp: new Date((now + seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') },
  };
}
