// Template conditions that name releases, as evidence per branch: a branch under
// `<% if os_major >= 9 %>` or `{% if ansible_distribution_major_version == '8' %}` renders only for
// those major versions, so a release-dependent finding made there while the file is checked as
// another release does not hold in any rendering that has the line.
import { nodeAt, type Masked } from './mask';
import { MAX_DEPTH } from './views';

const VERSION_VAR = /(?:os_major|osmajor(?:\.number)?|major(?:_version)?|ansible_distribution_major_version|ansible_facts\[['"]distribution_major_version['"]\]|distribution_major_version|osrelease_major|os_version|releasever)/;
// `x == '8'`, `x|int >= 9`, `x.to_i < 8`: a Jinja filter or a conversion may stand between;
// Cobbler's os_version names the family in the value (`"rhel7"`, `"fedora30"`).
const CMP = new RegExp(`${VERSION_VAR.source}[\\w.()]*(?:\\s*\\|\\s*\\w+)*\\s*(==|!=|<=|>=|<|>)\\s*['"]?(?:rhel|centos|rocky|alma|ol|fedora)?(\\d+)['"]?`, 'g');

interface Span {
  lo: number;
  hi: number;
}

/** Conditions repeat (`<% if os_major >= 7 %>` a dozen times): each is read once per family. */
const ALLOWED = new Map<string, Span[] | undefined>();

/** The major versions a condition allows, for a release family ('rhel' | 'fedora'); undefined: any. */
function allowed(cond: string, family: string): Span[] | undefined {
  const key = `${family}\0${cond}`;
  if (ALLOWED.has(key)) return ALLOWED.get(key);
  if (ALLOWED.size > 4096) ALLOWED.clear();
  const r = readAllowed(cond, family);
  ALLOWED.set(key, r);
  return r;
}

function readAllowed(cond: string, family: string): Span[] | undefined {
  const alternatives = cond.split(/\|\||\bor\b/);
  const spans: Span[] = [];
  for (const alt of alternatives) {
    const mentions = /fedora/i.test(alt) ? 'fedora' : /rhel|redhat|centos|rocky|alma/i.test(alt) ? 'rhel' : '';
    if (mentions && mentions !== family) continue; // an alternative for the other family
    let span: Span = { lo: 0, hi: Infinity };
    let any = false;
    for (const m of alt.matchAll(CMP)) {
      any = true;
      const n = Number(m[2]);
      const op = m[1];
      if (op === '==') span = { lo: Math.max(span.lo, n), hi: Math.min(span.hi, n) };
      else if (op === '<=') span = { ...span, hi: Math.min(span.hi, n) };
      else if (op === '<') span = { ...span, hi: Math.min(span.hi, n - 1) };
      else if (op === '>=') span = { ...span, lo: Math.max(span.lo, n) };
      else if (op === '>') span = { ...span, lo: Math.max(span.lo, n + 1) };
    }
    if (!any) return undefined;
    spans.push(span);
  }
  return spans;
}

/** CMP without its global state, for a yes/no test. */
const CMP_ONE = new RegExp(CMP.source);

/** Words a condition may hold besides version tests and still be decided by the release alone. */
const FAMILY_WORDS = /\b(?:is_fedora|rhel_compatible|and|or)\b|&&|\|\||[()\s]/g;

/**
 * Whether a branch's condition is decided by the release alone (`os_major >= 8`, `(is_fedora &&
 * os_major >= 28) || (rhel_compatible && os_major > 7)`): for the releases it allows it is true,
 * so the branches after it (an `else`, an `elif`) do not render for them.
 */
function releaseOnly(cond: string): boolean {
  const body = cond.replace(/^[<{%#~\s-]*(?:if|elif|elsif|else\s+if)\b/, '').replace(/[-~\s]*[%}]*>?\s*$/, '');
  if (body === cond || !CMP_ONE.test(body)) return false;
  return body.replace(CMP, '').replace(FAMILY_WORDS, '') === '';
}

/**
 * Whether the branches a line renders under exclude the release (e.g. `RHEL 8`) the finding was
 * checked against: some enclosing `if` branch allows only other major versions, or an earlier
 * branch of its chain, decided by the release alone, is taken for that release instead.
 */
export function branchExcludesRelease(m: Masked, offset: number, releaseLabel: string): boolean {
  const r = /^(RHEL|Fedora|F)\s*(\d+)/i.exec(releaseLabel);
  if (!r) return false;
  const family = /^rhel/i.test(r[1]) ? 'rhel' : 'fedora';
  const major = Number(r[2]);
  let depth = 0;
  for (let n = nodeAt(m, offset); n > 0 && depth++ < MAX_DEPTH; n = m.nodes[n].parent) {
    const node = m.nodes[n];
    const c = m.chains[node.chain];
    if (c.kind !== 'if' || node.branch >= c.branches.length) continue;
    for (let j = 0; j < node.branch; j++) {
      const earlier = c.branches[j].cond;
      if (!releaseOnly(earlier)) continue;
      const spans = allowed(earlier, family);
      if (spans && spans.some((s) => major >= s.lo && major <= s.hi)) return true;
    }
    const cond = c.branches[node.branch].cond;
    if (/^\W*(else|#else)\b/.test(cond.replace(/^[<{%#\s]+/, ''))) continue;
    const spans = allowed(cond, family);
    if (spans && !spans.some((s) => major >= s.lo && major <= s.hi)) return true;
  }
  return false;
}

/** Whether a condition tests a release's major version. */
export function mentionsRelease(cond: string): boolean {
  // Every name VERSION_VAR knows holds one of these words: most conditions are decided without the pattern.
  return (cond.includes('major') || cond.includes('os_version') || cond.includes('releasever')) && VERSION_VAR.test(cond);
}

/**
 * Whether a line renders under a branch of an `if` that tests a release (`os_major`, a distribution
 * version...): such a line is in the renderings for some releases only. When the file itself names
 * no release (the release is the default), a release-dependent finding there cannot be told true.
 */
export function underReleaseCondition(m: Masked, offset: number): boolean {
  let depth = 0;
  for (let n = nodeAt(m, offset); n > 0 && depth++ < MAX_DEPTH; n = m.nodes[n].parent) {
    const node = m.nodes[n];
    const c = m.chains[node.chain];
    if (c.kind !== 'if') continue;
    if (c.branches.some((b) => VERSION_VAR.test(b.cond))) return true;
  }
  return false;
}

/** The majors a set of spans allows, as bits over 0..MAX_MAJOR. */
const MAX_MAJOR = 63;
function bits(spans: Span[]): boolean[] {
  const out = new Array<boolean>(MAX_MAJOR + 1).fill(false);
  for (const s of spans) for (let n = Math.max(0, s.lo); n <= Math.min(MAX_MAJOR, s.hi); n++) out[n] = true;
  return out;
}

/** The family a condition names (both or neither: undefined, the file's own). */
function familyNamed(cond: string): 'rhel' | 'fedora' | undefined {
  const fedora = /fedora/i.test(cond);
  const rhel = /rhel|redhat|red\s*hat|centos|rocky|alma|oracle/i.test(cond);
  return fedora === rhel ? undefined : fedora ? 'fedora' : 'rhel';
}

export interface ReleaseScope {
  family: 'rhel' | 'fedora';
  /** allowed[n]: the place renders for major version n. */
  allowed: boolean[];
}

/**
 * Per branch node of a template, whether it renders under a branch whose own condition tests a
 * release (it or an enclosing one); undefined when no branch does. Read once per template reading.
 */
const RELEASE_NODES = new WeakMap<Masked, Uint8Array | null>();
export function releaseNodes(m: Masked): Uint8Array | undefined {
  let r = RELEASE_NODES.get(m);
  if (r === undefined) {
    r = null;
    const mentions = m.chains.map((c) => (c.kind === 'if' ? c.branches.map((b) => mentionsRelease(b.cond)) : []));
    if (mentions.some((b) => b.includes(true))) {
      r = new Uint8Array(m.nodes.length);
      // Parents come before their children.
      for (let n = 1; n < m.nodes.length; n++) {
        const node = m.nodes[n];
        r[n] = r[node.parent] || mentions[node.chain][node.branch] ? 1 : 0;
      }
    }
    RELEASE_NODES.set(m, r);
  }
  return r ?? undefined;
}

/** The family each chain's conditions name together (both or neither: undefined), once per template reading. */
const CHAIN_FAMILY = new WeakMap<Masked, ('rhel' | 'fedora' | undefined)[]>();
function chainFamily(m: Masked, chain: number, fallback: 'rhel' | 'fedora'): 'rhel' | 'fedora' {
  let fams = CHAIN_FAMILY.get(m);
  if (!fams) CHAIN_FAMILY.set(m, (fams = new Array(m.chains.length)));
  if (!(chain in fams)) fams[chain] = familyNamed(m.chains[chain].branches.map((b) => b.cond).join(' '));
  return fams[chain] ?? fallback;
}

/**
 * The major versions a place (offset) renders for, from the enclosing branches whose conditions
 * test a release (`<% if os_major >= 9 %>`, `{% if ansible_distribution_major_version == '8' %}`,
 * an `elif` too); undefined when no enclosing branch tests one.
 */
export function releaseScope(m: Masked, offset: number, fallback: 'rhel' | 'fedora'): ReleaseScope | undefined {
  let scope: ReleaseScope | undefined;
  let depth = 0;
  for (let n = nodeAt(m, offset); n > 0 && depth++ < MAX_DEPTH; n = m.nodes[n].parent) {
    const node = m.nodes[n];
    const c = m.chains[node.chain];
    if (c.kind !== 'if') continue;
    const own = node.branch < c.branches.length ? c.branches[node.branch].cond : '';
    const family = chainFamily(m, node.chain, scope?.family ?? fallback);
    // Only what the branch's own test names: an `else` renders for whatever the others leave,
    // which is no statement of the releases the author meant.
    const isElse = !own || /^\W*(else|#else)\b/.test(own.replace(/^[<{%#\s]+/, ''));
    const ownSpans = isElse ? undefined : allowed(own, family);
    const set = ownSpans ? bits(ownSpans) : undefined;
    if (!set) continue;
    if (!scope) scope = { family, allowed: set };
    else for (let k = 0; k <= MAX_MAJOR; k++) scope.allowed[k] &&= set[k];
  }
  return scope;
}

