// What a write-back command acts on: a tree node or hover link (the argument), else what the cursor is on
// (a drifted line, or the resource declared there), else a pick from the Drift view's resources.
import * as vscode from 'vscode';
import type { DriftStore } from '../drift/drift-store.js';
import { findingsOnLine } from '../drift/drift-hover-model.js';
import { toDriftTarget, type DriftTarget } from '../drift-target.js';
import { WRITEBACK_TITLE } from './writeback-result-message.js';
import { targetPickItems, targetsAtLine, type EnvironmentResources } from './writeback-target-model.js';

export type ResourceTarget = DriftTarget & { readonly resourceId: string };

export interface TargetQuestion {
  readonly withAllDrift: boolean;
  readonly accept: (r: { status: string }) => boolean;
  readonly placeHolder: string;
}

export class WriteBackTargets {
  constructor(private readonly store: DriftStore) {}

  /** A tree node or hover link; else the drifted line under the cursor; else a pick (with "all drift" entries). */
  async resolveTarget(arg: unknown, options: TargetQuestion): Promise<DriftTarget | undefined> {
    const given = toDriftTarget(arg);
    if (given) return given;
    const editor = vscode.window.activeTextEditor;
    if (editor) {
      const finding = findingsOnLine(this.store.findingsIn(editor.document.uri.toString()), editor.selection.active.line).find((f) => f.field);
      if (finding) return { environmentId: finding.environmentId, resourceId: finding.resource.id, ...(finding.field ? { pointer: finding.field.pointer } : {}) };
    }
    return this.pick(targetPickItems(this.all(), options.accept, options.withAllDrift), options.placeHolder);
  }

  /** A resource: from the argument, the line under the cursor (the resource declared there), or a pick. */
  async resolveResourceTarget(arg: unknown, acceptKind: (kind: string) => boolean, placeHolder: string): Promise<ResourceTarget | undefined> {
    const given = toDriftTarget(arg);
    if (given?.resourceId) return given as ResourceTarget;
    const editor = vscode.window.activeTextEditor;
    if (!given && editor) {
      const line = editor.selection.active.line;
      const finding = findingsOnLine(this.store.findingsIn(editor.document.uri.toString()), line).find((f) => f.field);
      if (finding) return { environmentId: finding.environmentId, resourceId: finding.resource.id, ...(finding.field ? { pointer: finding.field.pointer } : {}) };
      const here = targetsAtLine(this.all(), editor.document.uri.toString(), line);
      if (here.length === 1) return here[0] as ResourceTarget;
      if (here.length > 1) return (await this.pick(here.map((t) => ({ label: this.labelOf(t as ResourceTarget), description: this.store.environment(t.environmentId)?.name ?? '', target: t })), placeHolder)) as ResourceTarget | undefined;
    }
    const all = this.all().filter((e) => !given || e.environment.id === given.environmentId);
    return (await this.pick(targetPickItems(all, (r) => acceptKind(r.key.kind) && r.status !== 'Orphan', false), placeHolder)) as ResourceTarget | undefined;
  }

  labelOf(target: ResourceTarget): string {
    return this.store.resource(target.environmentId, target.resourceId)?.label ?? target.resourceId;
  }

  private all(): EnvironmentResources[] {
    return this.store.environments().map((environment) => ({ environment, resources: this.store.resources(environment.id) }));
  }

  private async pick(items: readonly { label: string; description?: string; detail?: string; target: DriftTarget }[], placeHolder: string): Promise<DriftTarget | undefined> {
    if (items.length === 0) {
      void vscode.window.showInformationMessage(`${WRITEBACK_TITLE}: nothing to act on. Open the Drift view: write-back works on the resources it shows.`);
      return undefined;
    }
    return (await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true }))?.target;
  }
}
