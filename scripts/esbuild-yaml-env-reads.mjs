// An esbuild plugin for every bundle that parses YAML in Node: the `yaml` library reads `process.env.LOG_TOKENS`
// for every token and `process.env.LOG_STREAM` for every document (debug switches that print to the console).
// Each read of `process.env` is a call into Node's C++ environment lookup: ~10 % of the CLI's time on 10,000
// documents (`npm run bench:engine`). The bundles read them as `false`. A new `yaml` version that moves or renames
// them fails the build here instead of silently losing the gain.
import { readFile } from 'node:fs/promises';

const SWITCHES = [
  { file: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/]parse[\\/]parser\.js$/, read: 'node_process.env.LOG_TOKENS' },
  { file: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/]compose[\\/]composer\.js$/, read: 'node_process.env.LOG_STREAM' },
];

export const yamlEnvReadsOff = {
  name: 'yaml-env-reads-off',
  setup(build) {
    for (const { file, read } of SWITCHES) {
      build.onLoad({ filter: file }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes(read)) throw new Error(`${args.path} no longer reads ${read}: update scripts/esbuild-yaml-env-reads.mjs`);
        return { contents: source.replaceAll(read, 'false'), loader: 'js' };
      });
    }
  },
};
