// "Commit Live Change to Git" and Scale / Set Image / Edit Field via Git, in VS Code: each command resolves its
// target (writeback-targets.ts), asks for what to write, and hands the intent to the commit flow
// (writeback-commit-flow.ts: plan, preview, apply, commit, push, pull request). Decisions live in the pure
// *-model.ts files next to this one. The server does every Git step; the pull request is opened here, in the
// extension host, with the token VS Code gave: no token ever goes to the server.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { parse } from 'yaml';
import { driftDocumentsRequest } from '../../protocol/drift-messages.js';
import type { DriftStore } from '../drift/drift-store.js';
import { promptGitLabToken } from './pull-request-to-open.js';
import { WriteBackCommitFlow } from './writeback-commit-flow.js';
import { codifyParamsOf, intentParamsOf } from './writeback-flow-model.js';
import {
  editFieldIntent,
  formatFieldValue,
  imageTargetsOf,
  parseFieldValue,
  replicasOf,
  SCALABLE_KINDS,
  scaleIntent,
  setImageIntent,
  validateFieldPath,
  validateImage,
  validateReplicas,
} from './writeback-intent-model.js';
import { WRITEBACK_TITLE } from './writeback-result-message.js';
import { WriteBackTargets, type ResourceTarget } from './writeback-targets.js';

export class WriteBackFeature implements vscode.Disposable {
  private readonly flow: WriteBackCommitFlow;
  private readonly targets: WriteBackTargets;

  constructor(
    private readonly store: DriftStore,
    private readonly secrets: vscode.SecretStorage,
  ) {
    this.flow = new WriteBackCommitFlow(store, secrets);
    this.targets = new WriteBackTargets(store);
  }

  dispose(): void {
    this.flow.dispose();
  }

  // ---- commands (the command table routes here) -------------------------------------------------------

  async commitLiveChange(client: LanguageClient, arg: unknown): Promise<void> {
    const target = await this.targets.resolveTarget(arg, { withAllDrift: true, accept: (r) => r.status === 'Drifted', placeHolder: 'Commit which live change to Git?' });
    if (!target) return;
    const resource = target.resourceId ? this.store.resource(target.environmentId, target.resourceId) : undefined;
    const field = target.pointer ? resource?.fields.find((f) => f.pointer === target.pointer) : undefined;
    if (target.pointer && !field) {
      void vscode.window.showInformationMessage(`${WRITEBACK_TITLE}: that field has not drifted any more: nothing to commit.`);
      return;
    }
    await this.flow.commitExclusively(client, codifyParamsOf(target, field?.path), 'Commit Live Change to Git');
  }

  async scaleViaGit(client: LanguageClient, arg: unknown): Promise<void> {
    const target = await this.targets.resolveResourceTarget(arg, (kind) => SCALABLE_KINDS.includes(kind), 'Scale which workload via Git?');
    if (!target) return;
    const object = await this.gitObject(client, target);
    const current = replicasOf(object);
    const replicas = await vscode.window.showInputBox({
      title: 'Scale via Git',
      prompt: `Replicas to write in Git for ${this.targets.labelOf(target)}${current !== undefined ? ` (Git says ${current})` : ''}`,
      value: current !== undefined ? String(current) : '',
      validateInput: validateReplicas,
    });
    if (replicas === undefined) return;
    await this.flow.commitExclusively(client, intentParamsOf(target, scaleIntent(replicas)), 'Scale via Git');
  }

  async setImageViaGit(client: LanguageClient, arg: unknown): Promise<void> {
    const target = await this.targets.resolveResourceTarget(arg, (kind) => kind !== 'Service' && kind !== 'ConfigMap' && kind !== 'Secret', 'Set the image of which workload via Git?');
    if (!target) return;
    const resource = this.store.resource(target.environmentId, target.resourceId);
    const containers = imageTargetsOf(resource?.key.kind ?? '', await this.gitObject(client, target));
    if (containers.length === 0) {
      void vscode.window.showWarningMessage(`${WRITEBACK_TITLE}: ${this.targets.labelOf(target)} has no containers in Git whose image could be set.`);
      return;
    }
    const container = containers.length === 1
      ? containers[0]
      : (await vscode.window.showQuickPick(containers.map((c) => ({ label: c.label, description: c.image, container: c })), { title: 'Set Image via Git', placeHolder: 'Which container?' }))?.container;
    if (!container) return;
    const image = await vscode.window.showInputBox({
      title: 'Set Image via Git',
      prompt: `Image of container ${container.label} in ${this.targets.labelOf(target)}`,
      value: container.image ?? '',
      validateInput: validateImage,
    });
    if (image === undefined) return;
    await this.flow.commitExclusively(client, intentParamsOf(target, setImageIntent(container, image)), 'Set Image via Git');
  }

  async editFieldViaGit(client: LanguageClient, arg: unknown): Promise<void> {
    const target = await this.targets.resolveResourceTarget(arg, () => true, 'Edit a field of which resource via Git?');
    if (!target) return;
    const field = target.pointer ? this.store.resource(target.environmentId, target.resourceId)?.fields.find((f) => f.pointer === target.pointer) : undefined;
    const path = await vscode.window.showInputBox({
      title: 'Edit Field via Git',
      prompt: `Field of ${this.targets.labelOf(target)}`,
      value: field?.path ?? '.spec.',
      placeHolder: '.spec.template.spec.containers[name="app"].resources.limits.memory',
      validateInput: validateFieldPath,
    });
    if (path === undefined) return;
    const text = await vscode.window.showInputBox({
      title: 'Edit Field via Git',
      prompt: `New value of ${path.trim()} (JSON, or plain text for a string)`,
      value: field ? formatFieldValue(field.gitValue) : '',
      validateInput: (t) => {
        const parsed = parseFieldValue(t);
        return 'problem' in parsed ? parsed.problem : undefined;
      },
    });
    if (text === undefined) return;
    const parsed = parseFieldValue(text);
    if ('problem' in parsed) return;
    await this.flow.commitExclusively(client, intentParamsOf(target, editFieldIntent(path, parsed.value)), 'Edit Field via Git');
  }

  setGitLabToken(): Promise<void> {
    return promptGitLabToken(this.secrets);
  }

  /** The rendered Git object of a resource (for prompts' prefills); undefined when the server has none. */
  private async gitObject(client: LanguageClient, target: ResourceTarget): Promise<unknown> {
    try {
      const documents = await client.sendRequest(driftDocumentsRequest, { environmentId: target.environmentId, resourceId: target.resourceId });
      return documents.git ? (parse(documents.git) as unknown) : undefined;
    } catch {
      return undefined;
    }
  }
}
