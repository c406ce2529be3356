// Which files a script writes (a generated `%include`), and what text we can see going into them:
// `cat <<EOF > f` and `cat<<EOF>>f` (heredocs), `echo`/`printf ... > f`, `tee f` (from a heredoc or
// a pipeline), loops and `{ ...; }` blocks whose output is redirected, and files fetched or copied
// into place (`curl -o`, `wget -O`, `cp`), whose content cannot be read here.
import type { Node } from '../../syntax/treesitter';
import type { ScriptNodes } from './nodes';
import { argText, commandArgs, commandName, literal } from './shell';
import type { ScriptWrite } from './types';
import { variableSources } from './vars';

/** At most this much visible text is kept per write (a %pre writing megabytes is not read whole). */
const MAX_TEXT = 64 * 1024;

export function findWrites(nodes: ScriptNodes): ScriptWrite[] {
  const { redirects, commands, fors, assignments, reads } = nodes;
  const writes: ScriptWrite[] = [];
  for (const r of redirects) {
    const body = r.childForFieldName('body');
    const redirs = r.childrenForFieldName('redirect').filter((x): x is Node => !!x);
    // `cat <<EOF > f`: the grammar puts the file redirect inside the heredoc redirect.
    const files: Node[] = [];
    for (const x of redirs) {
      if (x.type === 'file_redirect') files.push(x);
      else if (x.type === 'heredoc_redirect') for (const c of x.namedChildren) if (c?.type === 'file_redirect') files.push(c);
    }
    const outs = files.filter((x) => (x.children.find((c) => c && !c.isNamed)?.text ?? '').includes('>'));
    if (!outs.length) continue;
    // A heredoc is the file's text only when cat passes it through (`python3 <<'EOF' > f` writes
    // what the program prints, not its source).
    const name = body?.type === 'command' ? commandName(body) : undefined;
    // `cat FILE > f` copies a file whose content is not here either.
    const catFiles = name === 'cat' ? commandArgs(body!).map(argText).filter((a) => !a.startsWith('-')) : [];
    const program = name && name !== 'cat' && name !== 'echo' && name !== 'printf' ? `printed by ${name}` : catFiles.length ? `copied by cat from ${catFiles.join(' ')}` : undefined;
    const text = program ? '' : (heredocText(redirs) + (body ? printedText(body) : '')).slice(0, MAX_TEXT);
    for (const x of outs) {
      const op = x.children.find((c) => c && !c.isNamed)?.text ?? '';
      const dest = x.childForFieldName('destination') ?? x.namedChildren[x.namedChildren.length - 1];
      if (!dest || dest.type === 'file_descriptor' || dest.type === 'number') continue;
      const path = argText(dest);
      if (path === '/dev/null' || /^\/dev\/(tty|console|std)/.test(path)) continue;
      writes.push({ path, text, append: op.includes('>>'), start: r.startIndex, end: r.endIndex, ...(program ? { from: program } : {}) });
    }
  }
  for (const c of commands) {
    const name = commandName(c);
    if (name !== 'tee' && name !== 'curl' && name !== 'wget' && name !== 'cp' && name !== 'mv' && name !== 'install') continue;
    const t = commandArgs(c).map(argText);
    if (name === 'tee') {
      // `tee FILE <<EOF` or `... | tee [-a] FILE`: what goes in is the heredoc or what the
      // pipeline's earlier commands print.
      const text = teeInput(c).slice(0, MAX_TEXT);
      for (const a of t) {
        if (a.startsWith('-')) continue;
        writes.push({ path: a, text, append: t.includes('-a') || t.includes('--append'), start: c.startIndex, end: c.endIndex });
      }
      continue;
    }
    const fetched = fetchTarget(name, t);
    if (fetched) writes.push({ path: fetched.path, text: '', append: false, start: c.startIndex, end: c.endIndex, from: fetched.from });
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

/** `curl -o F URL`, `wget -O F URL`, `cp SRC F` (and `install`, `mv`): the file and where it comes from. */
function fetchTarget(name: string | undefined, t: string[]): { path: string; from: string } | undefined {
  const after = (...flags: string[]): string | undefined => {
    for (let i = 0; i < t.length; i++) {
      if (flags.includes(t[i])) return t[i + 1];
      for (const f of flags) if (f.startsWith('--') && t[i].startsWith(`${f}=`)) return t[i].slice(f.length + 1);
    }
    return undefined;
  };
  const operands = t.filter((a) => !a.startsWith('-'));
  if (name === 'curl') {
    const path = after('-o', '--output');
    const url = operands.find((a) => /^[a-z]+:\/\//i.test(a) || a.includes('$'));
    return path ? { path, from: `downloaded by curl${url ? ` from ${url}` : ''}` } : undefined;
  }
  if (name === 'wget') {
    const path = after('-O', '--output-document');
    const url = operands.find((a) => /^[a-z]+:\/\//i.test(a) || a.includes('$'));
    return path && path !== '-' ? { path, from: `downloaded by wget${url ? ` from ${url}` : ''}` } : undefined;
  }
  if (name === 'cp' || name === 'mv' || name === 'install') {
    if (operands.length !== 2) return undefined;
    return { path: operands[1], from: `copied by ${name} from ${operands[0]}` };
  }
  return undefined;
}

function heredocText(redirs: Node[]): string {
  let out = '';
  for (const x of redirs) if (x.type === 'heredoc_redirect') for (const c of x.namedChildren) if (c?.type === 'heredoc_body') out += c.text;
  return out;
}

/**
 * A word as the shell would print it, expansions left as written: `"part pv.$d --ondisk=$d"`
 * reads `part pv.$d --ondisk=$d`, without the quotes.
 */
function shellText(n: Node): string {
  const l = literal(n);
  if (l !== undefined) return l;
  if (n.type === 'string') {
    let out = '';
    for (const c of n.namedChildren) if (c) out += c.text;
    return out;
  }
  if (n.type === 'concatenation') return n.namedChildren.map((c) => (c ? shellText(c) : '')).join('');
  return n.text;
}

/** What `echo` or `printf` prints, as far as it can be read. */
function commandOutput(cmd: Node): string | undefined {
  const name = commandName(cmd);
  const args = commandArgs(cmd);
  if (name === 'echo') {
    let i = 0;
    let escapes = false;
    for (; i < args.length && /^-[neE]+$/.test(argText(args[i])); i++) if (argText(args[i]).includes('e')) escapes = true;
    const text = args.slice(i).map(shellText).join(' ');
    return `${escapes ? unescape(text) : text}\n`;
  }
  if (name === 'printf') {
    let i = 0;
    if (args[0] && argText(args[0]) === '-v') return undefined; // prints into a variable
    if (args[0] && argText(args[0]) === '--') i = 1;
    if (!args[i]) return undefined;
    const rest = args.slice(i + 1).map(shellText);
    let k = 0;
    // Arguments fill the conversions in turn; the format is used again while arguments remain.
    let out = '';
    const format = shellText(args[i]);
    do {
      out += unescape(format.replace(/%%|%[-+ #0]*\d*(?:\.\d+)?[sdibqxXcoueEfgG]/g, (m) => (m === '%%' ? '%' : (rest[k++] ?? ''))));
    } while (k < rest.length && /%[^%]/.test(format) && out.length < MAX_TEXT);
    return out;
  }
  return undefined;
}

function unescape(s: string): string {
  return s.replace(/\\([nt\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
}

/**
 * What a statement prints to its standard output, as far as it can be read: echo and printf
 * commands and `cat` heredocs in it (loops, ifs and `{ ...; }` blocks included), in order; output
 * redirected elsewhere inside is not counted.
 */
function printedText(stmt: Node): string {
  let out = '';
  const stack: Node[] = [stmt];
  while (stack.length && out.length < MAX_TEXT) {
    const n = stack.pop()!;
    if (n.type === 'redirected_statement') {
      const redirs = n.childrenForFieldName('redirect').filter((x): x is Node => !!x);
      // Redirected into a file of its own: not part of this statement's output.
      if (redirs.some((x) => x.type === 'file_redirect' && (x.children.find((c) => c && !c.isNamed)?.text ?? '').includes('>'))) continue;
      const body = n.childForFieldName('body');
      if (body?.type === 'command' && commandName(body) === 'cat') {
        out += heredocText(redirs);
        continue;
      }
    }
    if (n.type === 'command') {
      out += commandOutput(n) ?? '';
      continue;
    }
    if (n.type === 'command_substitution' || n.type === 'heredoc_body') continue;
    for (let i = n.namedChildCount - 1; i >= 0; i--) {
      const c = n.namedChild(i);
      if (c) stack.push(c);
    }
  }
  return out;
}

/** The text a `tee` command receives: its heredoc, or what the pipeline before it prints. */
function teeInput(tee: Node): string {
  const red = tee.parent?.type === 'redirected_statement' ? tee.parent : undefined;
  if (red) {
    const h = heredocText(red.childrenForFieldName('redirect').filter((x): x is Node => !!x));
    if (h) return h;
  }
  const self = red ?? tee;
  const pipe = self.parent?.type === 'pipeline' ? self.parent : undefined;
  if (!pipe) return '';
  // `cat <<EOF | tee f`: the grammar puts the pipeline inside the heredoc redirect.
  if (pipe.parent?.type === 'heredoc_redirect') return heredocText([pipe.parent]);
  let out = '';
  for (const c of pipe.namedChildren) {
    if (!c || c.id === self.id) break;
    out = printedText(c);
  }
  return out;
}
