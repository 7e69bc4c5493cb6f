// CLI: npm run cluster -- [--port N] [--kubeconfig-out FILE] [--seed DIR] [--token T] [--tls]
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { start } from './api-server/start.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'kubeconfig-out': { type: 'string' },
      seed: { type: 'string' },
      token: { type: 'string' },
      'read-only-token': { type: 'string', multiple: true },
      tls: { type: 'boolean', default: false },
    },
  });
  const handle = await start({
    port: Number(values.port),
    kubeconfigPath: values['kubeconfig-out'] ? resolve(values['kubeconfig-out']) : undefined,
    seedDir: values.seed ? resolve(values.seed) : undefined,
    token: values.token,
    readOnlyTokens: values['read-only-token'],
    tls: values.tls,
  });
  console.log(`test API server listening on ${handle.url}`);
  if (values.token && !values.tls) console.log('note: kubectl sends bearer tokens only over https; add --tls to use --token with kubectl');
  console.log(`kubeconfig: ${handle.kubeconfigPath}`);
  const shutdown = () => {
    void handle.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
