// Writes schemas/blockwise-config.schema.json, the JSON Schema of .blockwise.yaml (VS Code offers
// its rule codes and releases as completions through yamlValidation). Run after adding rules:
//   node scripts/build.mjs && node scripts/config-schema.mjs
// test/cli/config.test.ts checks that every code it lists exists and that its pattern admits every code.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, 'schemas', 'blockwise-config.schema.json');
const r = spawnSync(process.execPath, [join(root, 'bin', 'blockwise.js'), 'rules', '--format', 'json'], { encoding: 'utf8' });
if (r.status !== 0) throw new Error(`blockwise rules failed: ${r.stderr}`);
const codes = JSON.parse(r.stdout)
  .filter((x) => x.languages.length)
  .map((x) => x.code);
const schema = JSON.parse(readFileSync(file, 'utf8'));
schema.properties.severity.propertyNames.anyOf[0].enum = codes;
schema.properties.severity.properties = Object.fromEntries(codes.map((c) => [c, { $ref: '#/definitions/level' }]));
writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
console.log(`${file}: ${codes.length} rule codes`);
