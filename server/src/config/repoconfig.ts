// `.blockwise.yaml`, the repository's own settings, read by the CLI and the language server alike:
//
//   severity:  { CODE: off|info|warning|error }
//   ignore:    [glob, ...]                      files not checked (relative to this file's folder)
//   targets:   [{ paths: [glob, ...], target: "RHEL 8" | "2.03.16" }, ...]
//
// The config of a file is the nearest `.blockwise.yaml` (or `.blockwise.yml`) in its folder or a
// parent, up to the repository root (the folder holding `.git`). Only these three keys exist; the
// file names nothing to run, so an untrusted workspace may read it. Parsing and matching here are
// pure: the file system is reached only through the `ConfigFs` the caller passes.
import type { Node } from 'yaml';
import { yamlModule } from './yaml-loader';
import { compileGlob, type Glob } from './glob';
import type { Severity } from '../core/types';

export const CONFIG_NAMES = ['.blockwise.yaml', '.blockwise.yml'];

export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface RepoConfig {
  /** Absolute path of the file. */
  file: string;
  /** Its folder (globs are relative to it), slash-separated. */
  dir: string;
  severity: Record<string, Severity | 'off'>;
  ignore: Glob[];
  targets: { paths: Glob[]; target: string }[];
  problems: ConfigProblem[];
}

export interface ConfigCheck {
  /** Whether a rule code exists. */
  knownCode(code: string): boolean;
  /** Why a target names no release (undefined: some language accepts it). */
  targetProblem(target: string): string | undefined;
}

const LEVELS = new Set(['off', 'info', 'warning', 'error', 'hint']);

/** Parse a config's text. Never throws: problems are returned located (1-based line and column). */
export function parseConfig(text: string, file: string, check: ConfigCheck): RepoConfig {
  const dir = file.replace(/\\/g, '/').replace(/\/[^/]*$/, '') || '/';
  const cfg: RepoConfig = { file, dir, severity: {}, ignore: [], targets: [], problems: [] };
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = yamlModule();
  const lc = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    // The parser recurses over nesting: a hostile file (1 MiB of `[`) must be a problem, not a crash.
    cfg.problems.push({ file, line: 1, column: 1, message: `cannot read it as YAML (${(e as Error).message})` });
    return cfg;
  }
  const at = (node: Node | null | undefined, message: string, offset?: number) => {
    const o = offset ?? node?.range?.[0] ?? 0;
    const p = lc.linePos(o);
    cfg.problems.push({ file, line: p.line, column: p.col, message });
  };
  for (const e of doc.errors) at(undefined, e.message.split('\n')[0], e.pos[0]);
  if (doc.errors.length) return cfg;
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return cfg;
  if (!isMap(root)) {
    at(root, 'the file must be a mapping with the keys severity, ignore and targets');
    return cfg;
  }
  const globs = (seq: unknown, what: string): Glob[] => {
    const out: Glob[] = [];
    if (!isSeq(seq)) {
      at(seq as Node, `${what} must be a list of path globs`);
      return out;
    }
    for (const item of seq.items) {
      if (!isScalar(item) || typeof item.value !== 'string') {
        at(item as Node, `${what}: each entry is a path glob (a string)`);
        continue;
      }
      try {
        out.push(compileGlob(item.value));
      } catch (e) {
        at(item, `${what}: ${JSON.stringify(item.value)} is not a valid glob (${(e as Error).message})`);
      }
    }
    return out;
  };
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    switch (key) {
      case 'severity':
        if (value === null || (isScalar(value) && value.value === null)) break;
        if (!isMap(value)) {
          at(value, 'severity must be a mapping of rule codes to off, info, warning or error');
          break;
        }
        for (const p of value.items) {
          const code = isScalar(p.key) ? String(p.key.value) : '';
          const level = isScalar(p.value) ? String(p.value.value) : '';
          if (!check.knownCode(code)) at(p.key as Node, `severity: no rule has the code ${JSON.stringify(code)} (blockwise rules lists them)`);
          else if (!LEVELS.has(level)) at((p.value ?? p.key) as Node, `severity: ${code} must be off, info, warning or error, not ${JSON.stringify(level)}`);
          else cfg.severity[code] = level as Severity | 'off';
        }
        break;
      case 'ignore':
        if (value === null) break;
        cfg.ignore.push(...globs(value, 'ignore'));
        break;
      case 'targets':
        if (value === null) break;
        if (!isSeq(value)) {
          at(value, 'targets must be a list of {paths: [globs], target: RELEASE}');
          break;
        }
        for (const item of value.items) {
          if (!isMap(item)) {
            at(item as Node, 'targets: each entry is a mapping {paths: [globs], target: RELEASE}');
            continue;
          }
          const t = item.get('target', true);
          const paths = item.get('paths', true);
          for (const p of item.items) {
            const k = isScalar(p.key) ? String(p.key.value) : '';
            if (k !== 'paths' && k !== 'target') at(p.key as Node, `targets: unknown key ${JSON.stringify(k)} (paths and target only)`);
          }
          if (!isScalar(t) || (typeof t.value !== 'string' && typeof t.value !== 'number')) {
            at(item, 'targets: the entry needs target: RELEASE (e.g. "RHEL 8" or "2.03.16")');
            continue;
          }
          const target = String(t.value).trim();
          const problem = check.targetProblem(target);
          if (problem) {
            at(t, `targets: ${problem}`);
            continue;
          }
          if (paths === undefined) {
            at(item, 'targets: the entry needs paths: [globs]');
            continue;
          }
          const g = globs(paths, 'targets paths');
          if (g.length) cfg.targets.push({ paths: g, target });
        }
        break;
      default:
        at(pair.key as Node, `unknown key ${JSON.stringify(key)}: .blockwise.yaml has severity, ignore and targets`);
    }
  }
  return cfg;
}

/** The file system as the finder sees it (tests and the server pass their own). */
export interface ConfigFs {
  isFile(path: string): boolean;
  exists(path: string): boolean;
}

/**
 * The config file for a file at `path` (absolute, slash-separated): the nearest config in its
 * folder or a parent, stopping at the folder that holds `.git`; undefined when there is none.
 */
export function findConfigFile(path: string, fs: ConfigFs): string | undefined {
  let dir = path.replace(/\\/g, '/').replace(/\/[^/]*$/, '') || '/';
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = `${dir === '/' ? '' : dir}/${name}`;
      if (fs.isFile(candidate)) return candidate;
    }
    if (fs.exists(`${dir === '/' ? '' : dir}/.git`)) return undefined;
    if (dir === '/' || !dir.includes('/')) return undefined;
    dir = dir.replace(/\/[^/]*$/, '') || '/';
  }
}

/** The path of `file` relative to the config's folder, or undefined when it is not below it. */
function relativeTo(cfg: RepoConfig, file: string): string | undefined {
  const f = file.replace(/\\/g, '/');
  const base = cfg.dir.endsWith('/') ? cfg.dir : `${cfg.dir}/`;
  return f.startsWith(base) ? f.slice(base.length) : undefined;
}

export interface Applied {
  /** The file matches an `ignore` glob: not checked. */
  ignored: boolean;
  severities: Record<string, Severity | 'off'>;
  /** The first `targets` entry whose globs match and whose release the file's language accepts. */
  target?: string;
}

/** What the config says for one file of a language (`accepts`: whether the language takes a target). */
export function configFor(cfg: RepoConfig | undefined, file: string, accepts: (target: string) => boolean): Applied {
  if (!cfg) return { ignored: false, severities: {} };
  const rel = relativeTo(cfg, file);
  if (rel === undefined) return { ignored: false, severities: { ...cfg.severity } };
  const ignored = cfg.ignore.some((g) => g.test(rel));
  const hit = cfg.targets.find((t) => t.paths.some((g) => g.test(rel)) && accepts(t.target));
  return { ignored, severities: { ...cfg.severity }, ...(hit ? { target: hit.target } : {}) };
}

/** Reads and caches configs by path; `read` is the only file access (the edge). */
export class ConfigStore {
  private cache = new Map<string, RepoConfig>();
  /** Config file by folder (a folder walk asks once per folder, not once per file). */
  private byDir = new Map<string, string | undefined>();
  constructor(
    private fs: ConfigFs & { read(path: string): string },
    private check: ConfigCheck,
  ) {}

  /** The config for a file (absolute path), parsed once per config file; undefined when none. */
  forFile(path: string): RepoConfig | undefined {
    const dir = path.replace(/\\/g, '/').replace(/\/[^/]*$/, '') || '/';
    let file: string | undefined;
    if (this.byDir.has(dir)) file = this.byDir.get(dir);
    else {
      file = findConfigFile(path, this.fs);
      this.byDir.set(dir, file);
    }
    if (!file) return undefined;
    let cfg = this.cache.get(file);
    if (!cfg) {
      let text: string;
      try {
        text = this.fs.read(file);
      } catch (e) {
        const cfgDir = file.replace(/\/[^/]*$/, '');
        cfg = { file, dir: cfgDir, severity: {}, ignore: [], targets: [], problems: [{ file, line: 1, column: 1, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }] };
        this.cache.set(file, cfg);
        return cfg;
      }
      cfg = parseConfig(text, file, this.check);
      this.cache.set(file, cfg);
    }
    return cfg;
  }

  /** Forget parsed configs (the server, when a config file changes). */
  clear(): void {
    this.cache.clear();
    this.byDir.clear();
  }
}
