// Lint rules per folder: the layer invariants of docs/architecture.md are enforced here, not by good intentions.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const impureModules = [
  'vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-*',
  'vscode-languageclient', 'vscode-languageclient/*', '@kubernetes/client-node', 'simple-git',
  'fs', 'fs/*', 'node:*', 'child_process', 'http', 'https', 'net', 'os', 'path', 'url', 'worker_threads', 'ignore',
];

const extensionBans = [
  { regex: '(^|/)adapters(/|$)', message: 'the extension talks to the language server only: no adapters (src/protocol and pure src/core are fine).' },
  { group: ['@kubernetes/client-node', '@kubernetes/client-node/*', 'simple-git', 'simple-git/*'], message: 'the extension never talks to the cluster or Git itself: the language server does.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test/fixtures/**', '**/.work/**', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'No barrel files: import from the module that defines the symbol.' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: impureModules, message: 'src/core is pure (docs/architecture.md): take the world through a port in core/ports.ts.', allowTypeImports: false }],
      }],
    },
  },
  {
    // The playground runs in a browser: core, the page's own files and browser packages only.
    files: ['src/playground/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: impureModules, message: 'the playground runs in a browser: no Node modules, no editor or cluster libraries.', allowTypeImports: false },
          { regex: '(^|/)(adapters|cli|extension)(/|$)', message: 'the playground bundles src/core (and its own files) for the browser.' },
        ],
      }],
    },
  },
  {
    files: ['src/adapters/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'adapters and the CLI run without an editor.' }],
      }],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: extensionBans }],
    },
  },
  {
    // Later blocks replace a rule's options: this one repeats the extension's bans and adds vscode.
    files: ['src/extension/drift/drift-store.ts', 'src/extension/drift/drift-format.ts', 'src/extension/drift/drift-tree-types.ts', 'src/extension/drift/*-model.ts', 'src/extension/writeback/*-model.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [...extensionBans, { group: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'the drift store and view-models are pure (unit-tested in plain Node); the *-provider, decorations and code-lens files draw them.', allowTypeImports: false }],
      }],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'the server never imports the editor API.' }],
      }],
    },
  },
  {
    // The extension shell's decisions (watch lifecycle, notifications, status words, targets, settings): pure,
    // unit-tested in plain Node. Their `vscode` twins (drift-connection.ts, …) only map events and API calls.
    files: [
      'src/extension/command-ids.ts', 'src/extension/client-config.ts', 'src/extension/drift-watch-lifecycle.ts',
      'src/extension/drift-notification-policy.ts', 'src/extension/drift-status-text.ts', 'src/extension/drift-target.ts',
      'src/extension/drift-diff-uris.ts', 'src/extension/drift-settings.ts', 'src/extension/drift-context-keys.ts',
      'src/extension/drift-uris.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          ...extensionBans,
          { group: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'this file is the pure half of an extension feature (unit-tested without vscode).', allowTypeImports: false },
        ],
      }],
    },
  },
);
