import { isRecord, type KubeObject } from '../resource/manifest-resource.js';
import { formatResourceKey, groupOf, resourceKeyId, type ResourceKey } from '../resource/resource-key.js';
import { computeResourceDrift, keyOfLive, type DesiredObject, type DriftOptions } from './compute-resource-drift.js';
import { DriftStatus, DriftStrategy, type ResourceDrift } from './drift-types.js';
import { isControlledObject, readOwnershipMark, type OwnershipMark } from './ownership-marks.js';

export interface DriftPairingInput {
  readonly desired: readonly DesiredObject[];
  /**
   * Why a kind cannot be compared now ('group/kind' → reason), or a kind in one namespace
   * ('group/kind/namespace', that namespace's list): not served, forbidden, list not synced, cluster
   * unreachable. Such resources are Unknown — never a stale Synced.
   */
  readonly unknownKinds?: ReadonlyMap<string, string>;
  /** Whole-cluster reason (disconnected, unauthorized): every resource is Unknown with it. */
  readonly clusterUnknownReason?: string;
  /** Which ownership marks make an unpaired live object an orphan of this environment (default: any strong mark). */
  readonly isOurs?: (mark: OwnershipMark) => boolean;
  /** With `hpaTargets` set, those are used as they are; else they come from the HPAs in Git and live. */
  readonly options?: DriftOptions;
}

/** What one change did to the results: results added or changed, and `resourceKeyId`s no longer in them. */
export interface DriftChanges {
  readonly upserted: readonly ResourceDrift[];
  readonly removedIds: readonly string[];
}

const NO_CHANGES: DriftChanges = { upserted: [], removedIds: [] };
const CRD_GROUP = 'apiextensions.k8s.io';
const CRD_KIND = 'CustomResourceDefinition';
/** `-` and kustomize's 10-character content hash after a generated object's base name. */
const GENERATOR_SUFFIX = /-[a-z0-9]{10}$/;

export function kindId(group: string, kind: string): string {
  return `${group}/${kind}`;
}

/**
 * Desired and live objects paired by group/kind/namespace/name, with each resource's drift, kept current one
 * change at a time. One implementation for both uses: `computeDrift` builds it with every live object and
 * reads the results; a live session feeds it watch events and forwards what changed. Every resource is
 * evaluated by the same function (`evaluate`); a change re-evaluates exactly the resources it can affect:
 * its own; desired generator objects whose base name the live name carries (kustomize hash changed); the
 * desired objects of a kind whose CRD (in Git) appeared or went away live; an HPA's old and new targets;
 * and live objects that a generator pairing took or released (orphans or not).
 */
export class DriftPairing {
  private readonly declared = new Map<string, DesiredObject[]>();
  /** kindId → ids of desired objects of that kind. */
  private readonly desiredOfKind = new Map<string, string[]>();
  /** id of a CRD in Git → kindId of the kind it defines. */
  private readonly crdKinds = new Map<string, string>();
  /** 'group/kind/namespace/baseName' → desired generator objects with that base name (sorted ids). */
  private readonly generatorGroups = new Map<string, string[]>();
  /** Same key → ids of live objects whose name is that base name plus a hash. */
  private readonly generatedLive = new Map<string, Set<string>>();
  /** desired id → the live id of the older generation it is paired with, and back. */
  private readonly claims = new Map<string, string>();
  private readonly claimedBy = new Map<string, string>();
  private readonly live = new Map<string, KubeObject>();
  /** How many HPAs (desired, live) target each id; `hpaTargets` is its key set. */
  private readonly hpaCounts = new Map<string, number>();
  private readonly hpaTargets = new Set<string>();
  private readonly options: DriftOptions;
  private readonly strategy: DriftStrategy;
  private readonly current = new Map<string, ResourceDrift>();
  private unknownKinds: ReadonlyMap<string, string>;
  private clusterReason: string | undefined;

  constructor(private readonly input: DriftPairingInput, live: Iterable<KubeObject> = []) {
    this.unknownKinds = new Map(input.unknownKinds ?? []);
    this.clusterReason = input.clusterUnknownReason;
    this.options = { ...input.options, hpaTargets: input.options?.hpaTargets ?? this.hpaTargets };
    this.strategy = this.options.strategy ?? DriftStrategy.Normalized;
    this.indexDesired();
    for (const l of live) this.putLive(resourceKeyId(keyOfLive(l)), l);
    this.reevaluate(this.allIds(), true);
  }

  /** Current results, sorted by display id. */
  results(): ResourceDrift[] {
    return [...this.current.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  resultOf(id: string): ResourceDrift | undefined {
    return this.current.get(id);
  }

  /** The desired object of a resource (undefined for orphans and objects declared twice). */
  desiredOf(id: string): DesiredObject | undefined {
    const all = this.declared.get(id);
    return all?.length === 1 ? all[0] : undefined;
  }

  /** The live object a resource is compared with (the older generation for a generator whose hash changed). */
  liveOf(id: string): KubeObject | undefined {
    const claimed = this.claims.get(id);
    return this.live.get(id) ?? (claimed === undefined ? undefined : this.live.get(claimed));
  }

  /** A live object was added or changed (`object`) or deleted (undefined). */
  setLive(key: ResourceKey, object: KubeObject | undefined): DriftChanges {
    const id = resourceKeyId(key);
    const old = this.live.get(id);
    if (!old && !object) return NO_CHANGES;
    const affected = new Set<string>([id]);
    if (object) this.putLive(id, object);
    else this.dropLive(id, old as KubeObject);
    if (this.input.options?.hpaTargets === undefined) {
      const before = old ? hpaTargetOf(old) : undefined;
      const after = object ? hpaTargetOf(object) : undefined;
      if (before !== after) {
        if (before !== undefined) affected.add(before);
        if (after !== undefined) affected.add(after);
      }
    }
    const crdKind = this.crdKinds.get(id);
    if (crdKind !== undefined && !old !== !object) for (const d of this.desiredOfKind.get(crdKind) ?? []) affected.add(d);
    const group = generatorGroupOf(key);
    if (group !== undefined && this.generatorGroups.has(group)) for (const x of this.updateClaims(group)) affected.add(x);
    return this.reevaluate(affected);
  }

  /** Kinds that cannot be compared now, with why (replaces the previous map). */
  setUnknownKinds(unknownKinds: ReadonlyMap<string, string>): DriftChanges {
    const changed = new Set<string>();
    for (const k of new Set([...unknownKinds.keys(), ...this.unknownKinds.keys()])) if (unknownKinds.get(k) !== this.unknownKinds.get(k)) changed.add(k);
    this.unknownKinds = new Map(unknownKinds);
    if (changed.size === 0) return NO_CHANGES;
    const affected = new Set<string>();
    for (const k of changed) {
      const [group = '', kind = '', namespace] = k.split('/');
      for (const d of this.desiredOfKind.get(kindId(group, kind)) ?? []) {
        if (namespace === undefined || this.declared.get(d)?.[0]?.key.namespace === namespace) affected.add(d);
      }
    }
    for (const group of this.generatorGroups.keys()) {
      const [g = '', k = '', namespace = ''] = group.split('/');
      if (changed.has(kindId(g, k)) || changed.has(`${kindId(g, k)}/${namespace}`)) for (const x of this.updateClaims(group)) affected.add(x);
    }
    return this.reevaluate(affected);
  }

  /** The whole cluster cannot be compared (unreachable, unauthorized), or can again (undefined). */
  setClusterReason(reason: string | undefined): DriftChanges {
    if (reason === this.clusterReason) return NO_CHANGES;
    this.clusterReason = reason;
    return this.reevaluate(this.allIds(), true);
  }

  private allIds(): Set<string> {
    return new Set([...this.declared.keys(), ...this.live.keys(), ...this.current.keys()]);
  }

  private indexDesired(): void {
    for (const d of this.input.desired) {
      const id = resourceKeyId(d.key);
      const all = this.declared.get(id);
      if (all) {
        all.push(d);
        continue;
      }
      this.declared.set(id, [d]);
      const kind = kindId(d.key.group, d.key.kind);
      this.desiredOfKind.set(kind, [...(this.desiredOfKind.get(kind) ?? []), id]);
      if (d.generatorBaseName !== undefined) {
        const group = `${d.key.group}/${d.key.kind}/${d.key.namespace}/${d.generatorBaseName}`;
        this.generatorGroups.set(group, [...(this.generatorGroups.get(group) ?? []), id].sort());
      }
    }
    for (const [id, all] of this.declared) {
      const d = all[0] as DesiredObject;
      if (d.key.group === CRD_GROUP && d.key.kind === CRD_KIND) {
        const spec = isRecord(d.object.spec) ? d.object.spec : {};
        const names = isRecord(spec.names) ? spec.names : {};
        if (typeof spec.group === 'string' && typeof names.kind === 'string') this.crdKinds.set(id, kindId(spec.group, names.kind));
      }
      if (this.input.options?.hpaTargets === undefined) {
        const target = hpaTargetOf(d.object, d.key.namespace);
        if (target !== undefined) this.countHpa(target, 1);
      }
    }
  }

  private putLive(id: string, object: KubeObject): void {
    const old = this.live.get(id);
    if (old) this.dropLive(id, old);
    this.live.set(id, object);
    const target = hpaTargetOf(object);
    if (target !== undefined) this.countHpa(target, 1);
    const group = generatorGroupOf(keyOfLive(object));
    if (group !== undefined && this.generatorGroups.has(group)) this.generatedLive.set(group, (this.generatedLive.get(group) ?? new Set()).add(id));
  }

  private dropLive(id: string, old: KubeObject): void {
    this.live.delete(id);
    const target = hpaTargetOf(old);
    if (target !== undefined) this.countHpa(target, -1);
    const group = generatorGroupOf(keyOfLive(old));
    if (group !== undefined) this.generatedLive.get(group)?.delete(id);
  }

  private countHpa(target: string, delta: number): void {
    const n = (this.hpaCounts.get(target) ?? 0) + delta;
    if (n > 0) {
      this.hpaCounts.set(target, n);
      this.hpaTargets.add(target);
    } else {
      this.hpaCounts.delete(target);
      this.hpaTargets.delete(target);
    }
  }

  /**
   * Re-pairs a generator group: each desired object of the group that can be compared and has no live object
   * of its own name takes the newest live object of an older generation (a name no one declares).
   * Returns every id whose result may have changed.
   */
  private updateClaims(group: string): Set<string> {
    const affected = new Set<string>();
    const members = this.generatorGroups.get(group) ?? [];
    for (const d of members) {
      affected.add(d);
      const was = this.claims.get(d);
      if (was !== undefined) {
        affected.add(was);
        this.claims.delete(d);
        this.claimedBy.delete(was);
      }
    }
    const candidates = [...(this.generatedLive.get(group) ?? [])]
      .filter((id) => !this.declared.has(id))
      .sort((a, b) => creationOf(this.live.get(b)).localeCompare(creationOf(this.live.get(a))) || a.localeCompare(b));
    for (const d of members) {
      if (candidates.length === 0) break;
      if (this.live.has(d) || this.declared.get(d)?.length !== 1 || this.reasonFor(d) !== undefined) continue;
      const l = candidates.shift() as string;
      this.claims.set(d, l);
      this.claimedBy.set(l, d);
      affected.add(l);
    }
    return affected;
  }

  private reasonFor(id: string): string | undefined {
    const d = this.declared.get(id)?.[0];
    if (this.clusterReason !== undefined || !d) return this.clusterReason;
    const kind = kindId(d.key.group, d.key.kind);
    return this.unknownKinds.get(kind) ?? this.unknownKinds.get(`${kind}/${d.key.namespace}`);
  }

  private reevaluate(ids: Iterable<string>, reclaimAll = false): DriftChanges {
    const affected = new Set(ids);
    if (reclaimAll) for (const group of this.generatorGroups.keys()) for (const x of this.updateClaims(group)) affected.add(x);
    const upserted: ResourceDrift[] = [];
    const removedIds: string[] = [];
    for (const id of affected) {
      const next = this.evaluate(id);
      const prev = this.current.get(id);
      if (next === undefined) {
        if (prev !== undefined) {
          this.current.delete(id);
          removedIds.push(id);
        }
        continue;
      }
      this.current.set(id, next);
      if (prev === undefined || JSON.stringify(prev) !== JSON.stringify(next)) upserted.push(next);
    }
    return { upserted, removedIds };
  }

  /** The one rule that says what a resource's result is (undefined: not a result, e.g. live and not ours). */
  private evaluate(id: string): ResourceDrift | undefined {
    const all = this.declared.get(id);
    if (all) return this.evaluateDesired(all);
    const l = this.live.get(id);
    if (!l || this.clusterReason !== undefined || this.claimedBy.has(id) || isControlledObject(l)) return undefined;
    const mark = readOwnershipMark(l);
    if (!mark || (this.input.isOurs ? !this.input.isOurs(mark) : mark.weak)) return undefined;
    return { ...computeResourceDrift(undefined, l, this.options), reason: `live, deployed by ${mark.agent} (${mark.owner}), but not in Git` };
  }

  private evaluateDesired(all: readonly DesiredObject[]): ResourceDrift {
    const d = all[0] as DesiredObject;
    const id = resourceKeyId(d.key);
    if (all.length > 1) {
      // Two overlays (or files) declare the same object: which one is deployed here is for an environment to say.
      const where = all.map((x) => (x.source ? `${x.source.path}:${x.source.range.start.line + 1}` : '?')).join(', ');
      return unknown(d, `declared ${all.length} times (${where}); choose an environment to compare one of them`, this.strategy);
    }
    const reason = this.reasonFor(id);
    if (reason !== undefined) {
      const crd = this.clusterReason === undefined ? this.crdMissingLive(d) : undefined;
      if (crd) return { ...computeResourceDrift(d, undefined, this.options), reason: `in Git, not in the cluster: its CRD ${crd} (also in Git) is not installed yet` };
      return unknown(d, reason, this.strategy);
    }
    const claimed = this.claims.get(id);
    const own = this.live.get(id);
    const live = own ?? (claimed === undefined ? undefined : this.live.get(claimed));
    const r = computeResourceDrift(d, live, this.options);
    if (live && !own) {
      const liveName = keyOfLive(live).name;
      return { ...r, status: DriftStatus.Drifted, reason: `live ${liveName} was generated from other content than Git's ${d.key.name} (kustomize generator hash differs)` };
    }
    return r;
  }

  /** The name of the CRD in Git that defines `d`'s kind, when that CRD is not live (so the kind cannot be served). */
  private crdMissingLive(d: DesiredObject): string | undefined {
    const kind = kindId(d.key.group, d.key.kind);
    for (const [id, k] of this.crdKinds) if (k === kind && !this.live.has(id)) return this.declared.get(id)?.[0]?.key.name;
    return undefined;
  }
}

function unknown(d: DesiredObject, reason: string, strategy: DriftStrategy): ResourceDrift {
  return { key: d.key, id: formatResourceKey(d.key), apiVersion: d.object.apiVersion, status: DriftStatus.Unknown, reason, fields: [], strategy, ignoredFields: 0, ...(d.source ? { source: d.source } : {}) };
}

/** 'group/kind/namespace/baseName' of a name that ends in a kustomize hash; undefined otherwise. */
function generatorGroupOf(key: ResourceKey): string | undefined {
  if (!GENERATOR_SUFFIX.test(key.name)) return undefined;
  return `${key.group}/${key.kind}/${key.namespace}/${key.name.slice(0, -11)}`;
}

function creationOf(o: KubeObject | undefined): string {
  const metadata = isRecord(o?.metadata) ? o.metadata : {};
  return typeof metadata.creationTimestamp === 'string' ? metadata.creationTimestamp : '';
}

/**
 * The `resourceKeyId` an HPA scales (its `scaleTargetRef`, in its namespace); undefined for other objects.
 * `namespace` overrides the object's own (a desired HPA whose namespace the environment fills in).
 */
export function hpaTargetOf(o: KubeObject, namespace?: string): string | undefined {
  if (o.kind !== 'HorizontalPodAutoscaler' || !isRecord(o.spec) || !isRecord(o.spec.scaleTargetRef)) return undefined;
  const ref = o.spec.scaleTargetRef;
  if (typeof ref.kind !== 'string' || typeof ref.name !== 'string') return undefined;
  const metadata = isRecord(o.metadata) ? o.metadata : {};
  const group = typeof ref.apiVersion === 'string' ? groupOf(ref.apiVersion) : 'apps';
  return resourceKeyId({ group, kind: ref.kind, namespace: namespace ?? (typeof metadata.namespace === 'string' ? metadata.namespace : ''), name: ref.name });
}
