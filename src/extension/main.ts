import type * as vscode from 'vscode';
import { activateExtension } from './activate-extension.js';
import type { ServerContext } from './server-context.js';

let context: ServerContext | undefined;

export async function activate(extension: vscode.ExtensionContext): Promise<void> {
  context = await activateExtension(extension);
}

export async function deactivate(): Promise<void> {
  await context?.dispose();
  context = undefined;
}
