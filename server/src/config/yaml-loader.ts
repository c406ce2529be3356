// The YAML parser, loaded on first use: from dist/server/cli-yaml.js beside a bundle (the CLI
// bundles and the server), else the `yaml` package (tests run the sources file by file). The name
// is not a literal, so esbuild never pulls the parser into the bundle that calls this.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export type YamlModule = typeof import('./yaml-entry');

let mod: YamlModule | undefined;

export function yamlModule(): YamlModule {
  if (mod) return mod;
  const beside = join(__dirname, 'cli-yaml.js');
  const name = existsSync(beside) ? beside : ['ya', 'ml'].join('');
  mod = createRequire(__filename)(name) as YamlModule;
  return mod;
}
