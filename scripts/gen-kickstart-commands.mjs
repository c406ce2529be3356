#!/usr/bin/env node
// Generate server/src/kickstart/commands.json (command, option and section tables per target)
// from the research file reference/kickstart-commands.json (facts introspected from pykickstart's
// handler objects). Only facts are kept: names, aliases, value kinds, allowed values, per-target
// status and version history. Descriptions shown in hover are written in versions.ts, not here.
//
// Usage: node scripts/gen-kickstart-commands.mjs [path/to/kickstart-commands.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = process.argv[2] ?? join(root, '..', 'shared', 'reference', 'kickstart-commands.json');
const ref = JSON.parse(readFileSync(src, 'utf8'));
const TARGETS = ['RHEL8', 'RHEL9', 'RHEL10', 'RHEL11', 'F45'];

const hist = (h) =>
  h
    ? Object.fromEntries(
        Object.entries(h).filter(([, v]) => v).map(([line, v]) => [
          line,
          Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== undefined)),
        ]),
      )
    : undefined;

function option(o) {
  const out = {};
  if (o.aliases?.length) out.aliases = o.aliases;
  if (o.historicalOnly) out.historical = true;
  else {
    out.value = o.takesValue ? (o.valueOptional ? 'optional' : 'required') : 'none';
    if (o.valueType) out.type = o.valueType;
    if (o.allowedValues) out.values = o.allowedValues;
    if (o.required) out.required = true;
    if (o.dest) out.dest = o.dest;
  }
  out.status = Object.fromEntries(TARGETS.filter((t) => o.availability?.[t]).map((t) => [t, o.availability[t]]));
  const h = hist(o.history);
  if (h) out.history = h;
  return out;
}

const commands = {};
for (const [name, c] of Object.entries(ref.commands)) {
  commands[name] = {
    status: Object.fromEntries(TARGETS.map((t) => [t, c.availability[t] ?? 'absent'])),
    aliases: c.aliases,
    multi: c.multiInstance,
    partitioning: c.partitioning,
    positionals: Object.entries(c.positionals).map(([p, v]) => ({ name: p, nargs: v.nargs ?? '*' })),
    conflicts: c.conflictsWithByVersion ?? Object.fromEntries(TARGETS.map((t) => [t, c.conflictsWith])),
    history: hist(c.history),
    options: Object.fromEntries(Object.entries(c.options).map(([n, o]) => [n, option(o)])),
  };
}

const sections = {};
for (const [name, s] of Object.entries(ref.sections)) {
  sections[name] = {
    registeredIn: s.registeredIn,
    script: s.body === 'script',
    opaque: /opaque/.test(String(s.body)),
    deprecated: s.deprecated,
    options: Object.fromEntries(Object.entries(s.options ?? {}).map(([n, o]) => [n, option(o)])),
    groupLineOptions: s.groupLineOptions,
  };
}

const out = {
  provenance: {
    generatedBy: 'scripts/gen-kickstart-commands.mjs',
    from: 'reference/kickstart-commands.json',
    pykickstart: ref.source.pykickstart,
    anaconda: ref.source.anaconda,
  },
  targets: TARGETS,
  versionNumbers: ref.versionNumbers,
  commands,
  sections,
  dropped: Object.fromEntries(Object.entries(ref.droppedCommands).map(([n, h]) => [n, hist(h)])),
};
writeFileSync(join(root, 'server/src/kickstart/commands.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`commands.json: ${Object.keys(commands).length} commands, ${Object.keys(sections).length} sections`);
