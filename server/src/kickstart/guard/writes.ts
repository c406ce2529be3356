// Which files a script writes (a generated `%include`), and what text we can see going into them.
import type { Node } from '../../syntax/treesitter';
import type { ScriptNodes } from './nodes';
import { argText, commandArgs, commandName } from './shell';
import type { ScriptWrite } from './types';
import { variableSources } from './vars';

export function findWrites(nodes: ScriptNodes): ScriptWrite[] {
  const { redirects, commands, fors, assignments, reads } = nodes;
  const writes: ScriptWrite[] = [];
  for (const r of redirects) {
    const body = r.childForFieldName('body');
    const redirs = r.childrenForFieldName('redirect').filter((x): x is Node => !!x);
    const heredoc = redirs.find((x) => x.type === 'heredoc_redirect');
    let text = '';
    if (heredoc) text += heredoc.namedChildren.filter((c) => c?.type === 'heredoc_body').map((c) => c!.text).join('');
    if (body?.type === 'command') {
      const name = commandName(body);
      if (name === 'echo' || name === 'printf') text += `${commandArgs(body).map(argText).join(' ')}\n`;
    }
    for (const x of redirs) {
      if (x.type !== 'file_redirect') continue;
      const op = x.children.find((c) => c && !c.isNamed)?.text ?? '';
      if (!op.includes('>')) continue;
      const dest = x.childForFieldName('destination') ?? x.namedChildren[x.namedChildren.length - 1];
      if (!dest || dest.type === 'file_descriptor' || dest.type === 'number') continue;
      const path = argText(dest);
      if (path === '/dev/null' || /^\/dev\/(tty|console|std)/.test(path)) continue;
      writes.push({ path, text, append: op.includes('>>'), start: r.startIndex, end: r.endIndex });
    }
  }
  // `tee FILE` in a pipeline.
  for (const c of commands) {
    if (commandName(c) !== 'tee') continue;
    for (const a of commandArgs(c).map(argText)) {
      if (a.startsWith('-')) continue;
      writes.push({ path: a, text: '', append: commandArgs(c).some((x) => argText(x) === '-a'), start: c.startIndex, end: c.endIndex });
    }
  }
  // A path held in a variable (`inc=/tmp/part-include.ks; ... > "$inc"`) is that path when every
  // assignment of the variable is the same literal.
  if (writes.some((w) => w.path.includes('$'))) {
    const vars = variableSources(fors, assignments, reads);
    for (const w of writes) {
      const m = /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?$/.exec(w.path);
      const srcs = m ? vars.get(m[1]) : undefined;
      if (srcs?.length && srcs.every((x) => x.kind === 'literal' && x.text === srcs[0].text) && srcs[0].text) w.path = srcs[0].text;
    }
  }
  return writes;
}
