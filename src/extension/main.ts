import type * as vscode from 'vscode';
import { activateExtension } from './activate-extension.js';
import type { ServerContext } from './server-context.js';

let context: ServerContext | undefined;

export function activate(extension: vscode.ExtensionContext): void {
  context = activateExtension(extension);
}

export async function deactivate(): Promise<void> {
  await context?.dispose();
  context = undefined;
}
