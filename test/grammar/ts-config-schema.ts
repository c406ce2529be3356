// The rules of tree-sitter's configuration schema (tree-sitter.json, tree-sitter 0.25) as a small
// checker: the keys each level allows, the required ones, the patterns and the constant bindings.
// Written from the schema's published rules; returns every violation as a readable string.

const GRAMMAR_KEYS = new Set(['name', 'camelcase', 'scope', 'path', 'external-files', 'file-types', 'highlights', 'injections', 'locals', 'tags', 'injection-regex', 'first-line-regex', 'content-regex']);
const METADATA_KEYS = new Set(['version', 'license', 'description', 'links', 'authors', 'namespace']);
const LINK_KEYS = new Set(['repository', 'funding', 'homepage']);
const BINDING_KEYS = new Set(['c', 'go', 'java', 'kotlin', 'node', 'python', 'rust', 'swift']);
/** Bindings the schema makes constant `true` (always generated). */
const ALWAYS = ['c', 'node', 'rust'];
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUri = (v: unknown): boolean => {
  if (typeof v !== 'string') return false;
  try {
    return !!new URL(v).protocol;
  } catch {
    return false;
  }
};
const isRegex = (v: unknown): boolean => {
  if (typeof v !== 'string') return false;
  try {
    new RegExp(v);
    return true;
  } catch {
    return false;
  }
};

export function schemaErrors(doc: unknown): string[] {
  const errs: string[] = [];
  const extra = (o: Record<string, unknown>, allowed: Set<string>, where: string) => {
    for (const k of Object.keys(o)) if (!allowed.has(k)) errs.push(`${where}: key ${k} is not allowed`);
  };
  if (!isObj(doc)) return ['not an object'];
  extra(doc, new Set(['$schema', 'grammars', 'metadata', 'bindings']), '/');
  if (!Array.isArray(doc.grammars) || doc.grammars.length < 1) errs.push('/grammars: a non-empty array is required');
  for (const [i, g] of (Array.isArray(doc.grammars) ? doc.grammars : []).entries()) {
    const w = `/grammars/${i}`;
    if (!isObj(g)) {
      errs.push(`${w}: not an object`);
      continue;
    }
    extra(g, GRAMMAR_KEYS, w);
    if (typeof g.name !== 'string' || !/^[a-z0-9_]+$/.test(g.name)) errs.push(`${w}/name: required, [a-z0-9_]+`);
    if (typeof g.scope !== 'string' || !/^(source|text)(\.[\w-]+)+$/.test(g.scope)) errs.push(`${w}/scope: required, source.* or text.*`);
    if (g.camelcase !== undefined && (typeof g.camelcase !== 'string' || !/^\w+$/.test(g.camelcase))) errs.push(`${w}/camelcase: \\w+`);
    if (g.path !== undefined && typeof g.path !== 'string') errs.push(`${w}/path: a string`);
    for (const k of ['file-types', 'external-files']) {
      const v = g[k];
      if (v !== undefined && (!Array.isArray(v) || v.length < 1 || v.some((x) => typeof x !== 'string'))) errs.push(`${w}/${k}: a non-empty array of strings`);
    }
    for (const k of ['highlights', 'injections', 'locals', 'tags']) {
      const v = g[k];
      if (v !== undefined && typeof v !== 'string' && (!Array.isArray(v) || v.length < 1 || v.some((x) => typeof x !== 'string'))) errs.push(`${w}/${k}: a string or non-empty array of strings`);
    }
    for (const k of ['injection-regex', 'first-line-regex', 'content-regex']) if (g[k] !== undefined && !isRegex(g[k])) errs.push(`${w}/${k}: a regex`);
  }
  const m = doc.metadata;
  if (!isObj(m)) errs.push('/metadata: required object');
  else {
    extra(m, METADATA_KEYS, '/metadata');
    if (typeof m.version !== 'string' || !SEMVER.test(m.version)) errs.push('/metadata/version: required semver');
    if (m.license !== undefined && typeof m.license !== 'string') errs.push('/metadata/license: a string');
    if (m.description !== undefined && typeof m.description !== 'string') errs.push('/metadata/description: a string');
    if (!isObj(m.links)) errs.push('/metadata/links: required object');
    else {
      extra(m.links, LINK_KEYS, '/metadata/links');
      if (!isUri(m.links.repository)) errs.push('/metadata/links/repository: required URI');
      for (const k of ['funding', 'homepage']) if (m.links[k] !== undefined && !isUri(m.links[k])) errs.push(`/metadata/links/${k}: a URI`);
    }
    if (m.authors !== undefined) {
      if (!Array.isArray(m.authors) || m.authors.length < 1) errs.push('/metadata/authors: a non-empty array');
      for (const [i, a] of (Array.isArray(m.authors) ? m.authors : []).entries()) {
        if (!isObj(a) || typeof a.name !== 'string') errs.push(`/metadata/authors/${i}: an object with a name`);
        else extra(a, new Set(['name', 'email', 'url']), `/metadata/authors/${i}`);
      }
    }
  }
  if (doc.bindings !== undefined) {
    if (!isObj(doc.bindings)) errs.push('/bindings: an object');
    else {
      extra(doc.bindings, BINDING_KEYS, '/bindings');
      for (const [k, v] of Object.entries(doc.bindings)) if (typeof v !== 'boolean') errs.push(`/bindings/${k}: a boolean`);
      for (const k of ALWAYS) if (doc.bindings[k] === false) errs.push(`/bindings/${k}: must be true (always generated)`);
    }
  }
  return errs;
}
