// Templates over the real protocol (the built server over stdio): a Jinja2 kickstart and an ERB
// lvm.conf get diagnostics that say where they hold and none from template syntax; semantic
// tokens, the outline and the storage plan work on them; `blockwise/detectLanguage` names their
// language from the inner name.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LspClient } from '../lsp/client';

let c: LspClient;

before(async () => {
  c = LspClient.start({ settings: { severity: {} } });
  await c.initialize({ diagnosticsDelay: 0 });
});
after(async () => {
  if (c.exitCode === undefined) c.kill();
});

const KS = 'lang {{ ks_locale }}\nkeyboard us\ntimezone UTC\nrootpw --lock\n{% if raid %}\nignoredisk --only-use=sda,sdb\n{% else %}\nignoredisk --only-use=sda\n{% endif %}\n{# partitioning #}\nclearpart --all --drives={{ disks | join(",") }}\nzerombr\npart / --size={{ root_size }} --grow\n%packages\n{{ packages | join("\\n") }}\n%end\n';

test('a Jinja2 kickstart: no finding from template syntax, literal risks say where they hold', async () => {
  const uri = 'file:///srv/roles/ks/templates/ks.cfg.j2';
  assert.equal(await c.request('blockwise/detectLanguage', { path: '/srv/roles/ks/templates/ks.cfg.j2' }), 'kickstart');
  const d = c.waitDiagnostics(uri);
  await c.open(uri, 'kickstart', KS, 1);
  const p = await d;
  const codes = p.diagnostics.map((x) => String(x.code)).sort();
  // no-stage1-place: a layout finding of the default release (RHEL 10 relabels a cleared BIOS disk GPT), not a template one.
  assert.deepEqual(codes.filter((x) => x !== 'template-unknown-content' && x !== 'no-stage1-place'), [], JSON.stringify(p.diagnostics.map((x) => x.message)));
  const toks = await c.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
  assert.ok(toks.data.length > 20);
  const syms = await c.request<{ name: string; range: { start: { line: number } } ; children?: { name: string; range: { start: { line: number } } }[] }[]>('textDocument/documentSymbol', { textDocument: { uri } });
  const flat = syms.flatMap((s) => [s, ...(s.children ?? [])]);
  assert.equal(flat.find((s) => s.name === 'clearpart')?.range.start.line, 10);
  const plan = await c.request<{ kind?: string; svg?: string }>('blockwise/map', { uri });
  assert.equal(plan.kind, 'storage-plan');
  await c.close(uri);
});

test('an ERB lvm.conf: a literal risk is found in every rendering', async () => {
  const uri = 'file:///etc/puppet/modules/lvm/templates/lvm.conf.erb';
  const d = c.waitDiagnostics(uri);
  await c.open(uri, 'lvm-conf', 'devices {\n<% if @disks -%>\n  filter = [ <% @disks.each do |d| -%>"a|<%= d %>|", <% end -%>"r|.*|" ]\n<% end -%>\n}\nbackup {\n  archive = 0\n}\n', 1);
  const p = await d;
  const risk = p.diagnostics.find((x) => x.code === 'backup-disabled');
  assert.ok(risk && /in every rendering/.test(String(risk.message)), JSON.stringify(p.diagnostics));
  assert.ok(!p.diagnostics.some((x) => x.code === 'syntax'), JSON.stringify(p.diagnostics));
  await c.close(uri);
});
