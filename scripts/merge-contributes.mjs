// Merges the manifest fragments of the client modules (client/src/<module>/contributes.json) into
// package.json `contributes` and `capabilities`, and moves their user-visible strings into
// package.nls.json as %key% references. Idempotent: entries are keyed (command id, view id, setting
// name), so re-running replaces what an earlier run merged.
//   node scripts/merge-contributes.mjs           write package.json and package.nls.json
//   node scripts/merge-contributes.mjs --check   exit 1 when they are not up to date
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MODULES = [
  { name: 'backups', title: 'Blockwise: LVM backups' },
  { name: 'remote', title: 'Blockwise: remote hosts' },
];
const check = process.argv.includes('--check');

const pkgText = readFileSync(join(root, 'package.json'), 'utf8');
const nlsText = readFileSync(join(root, 'package.nls.json'), 'utf8');
const pkg = JSON.parse(pkgText);
const nls = JSON.parse(nlsText);

/** Replace a plain string by a %key% reference, recording the text in package.nls.json. */
function localize(value, key) {
  if (typeof value !== 'string' || /^%[^%]+%$/.test(value)) return value;
  nls[key] = value;
  return `%${key}%`;
}

function mergeKeyed(target = [], items = [], keyOf) {
  const out = [...target];
  for (const it of items) {
    const i = out.findIndex((x) => keyOf(x) === keyOf(it));
    if (i >= 0) out[i] = it;
    else out.push(it);
  }
  return out;
}

const c = pkg.contributes;
// Settings: one configuration section per module (VS Code shows each as its own group).
if (!Array.isArray(c.configuration)) c.configuration = [c.configuration];
const restricted = new Set(pkg.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? []);

for (const m of MODULES) {
  const file = join(root, 'client', 'src', m.name, 'contributes.json');
  if (!existsSync(file)) continue;
  const frag = JSON.parse(readFileSync(file, 'utf8'));
  const contrib = frag.contributes ?? frag;
  for (const r of frag.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? []) restricted.add(r);

  for (const cmd of contrib.commands ?? []) cmd.title = localize(cmd.title, `command.${cmd.command.replace(/^blockwise\./, '')}`);
  c.commands = mergeKeyed(c.commands, contrib.commands, (x) => x.command);

  for (const [container, views] of Object.entries(contrib.views ?? {})) {
    for (const v of views) {
      v.name = localize(v.name, `view.${v.id.replace(/^blockwise\./, '')}`);
      if (v.contextualTitle) v.contextualTitle = localize(v.contextualTitle, 'view.contextualTitle');
    }
    c.views ??= {};
    c.views[container] = mergeKeyed(c.views[container], views, (x) => x.id);
  }

  const welcome = contrib.viewsWelcome ?? [];
  welcome.forEach((w, i) => (w.contents = localize(w.contents, `viewsWelcome.${w.view.replace(/^blockwise\./, '')}.${i}`)));
  c.viewsWelcome = mergeKeyed(c.viewsWelcome, welcome, (x) => `${x.view}|${x.when ?? ''}`);

  for (const [menu, entries] of Object.entries(contrib.menus ?? {})) {
    c.menus ??= {};
    c.menus[menu] = mergeKeyed(c.menus[menu], entries, (x) => `${x.command}|${x.when ?? ''}|${x.group ?? ''}`);
  }

  const props = contrib.configuration?.properties ?? {};
  for (const [k, p] of Object.entries(props)) {
    const key = `config.${k.replace(/^blockwise\./, '')}`;
    if (p.description) p.description = localize(p.description, key);
    if (p.markdownDescription) p.markdownDescription = localize(p.markdownDescription, key);
    // A machine setting of the remote module reaches hosts or runs ssh: restricted.
    if (m.name === 'remote' && (p.scope === 'machine' || p.scope === 'machine-overridable') && /hosts|sshPath|connectionReuse/.test(k)) restricted.add(k);
  }
  const title = localize(contrib.configuration?.title ?? m.title, `config.title.${m.name}`);
  const i = c.configuration.findIndex((s) => s.id === `blockwise.${m.name}`);
  const section = { id: `blockwise.${m.name}`, title, properties: props };
  if (i >= 0) c.configuration[i] = section;
  else c.configuration.push(section);
}

pkg.capabilities.untrustedWorkspaces.restrictedConfigurations = [...restricted].sort();

const outPkg = JSON.stringify(pkg, null, 2) + '\n';
const outNls = JSON.stringify(nls, null, 2) + '\n';
if (check) {
  const stale = outPkg !== pkgText || outNls !== nlsText;
  console.log(stale ? 'package.json contributes are not up to date: run node scripts/merge-contributes.mjs' : 'contributes up to date');
  process.exit(stale ? 1 : 0);
}
writeFileSync(join(root, 'package.json'), outPkg);
writeFileSync(join(root, 'package.nls.json'), outNls);
console.log(`merged: ${MODULES.filter((m) => existsSync(join(root, 'client', 'src', m.name, 'contributes.json'))).map((m) => m.name).join(', ') || 'nothing'}`);
