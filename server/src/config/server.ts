// .blockwise.yaml for the language server: documents with file: URIs get the config of their
// folder, as `blockwise check` does; it wins over the editor's settings (a repository's severities
// and per-path targets are the same for everyone who opens it). Problems in a config are logged
// once per config file, and the user is told once that there are some. Reading the file runs
// nothing, so untrusted workspaces read it too.
import { URI } from 'vscode-uri';
import type { LanguageId, Severity } from '../core/types';
import { acceptsTarget, newConfigStore } from './node';
import { configFor, type Applied } from './repoconfig';

const store = newConfigStore();
const reported = new Set<string>();

/** The config's word on a document; undefined for documents that are not files. */
export function repoConfigFor(uri: string, language: LanguageId, log: (m: string) => void, warn: (m: string) => void = () => undefined): Applied | undefined {
  if (!uri.startsWith('file:')) return undefined;
  let path: string;
  try {
    path = URI.parse(uri).fsPath;
  } catch {
    return undefined;
  }
  const cfg = store.forFile(path);
  if (!cfg) return undefined;
  if (cfg.problems.length && !reported.has(cfg.file)) {
    reported.add(cfg.file);
    for (const p of cfg.problems) log(`blockwise: ${p.file}:${p.line}:${p.column}: ${p.message}`);
    const first = cfg.problems[0];
    const n = cfg.problems.length;
    warn(`Blockwise: ${cfg.file} has ${n} problem${n === 1 ? '' : 's'} (line ${first.line}: ${first.message}); the rest of it applies. See the Blockwise output.`);
  }
  return configFor(cfg, path, acceptsTarget(language));
}

/** Options as the analysis takes them: the config's severities over the settings', its target first. */
export function withRepoConfig<T extends { severities?: Record<string, Severity | 'off'>; target?: string }>(options: T, applied: Applied | undefined): T {
  if (!applied) return options;
  return {
    ...options,
    severities: { ...options.severities, ...applied.severities },
    target: applied.target ?? options.target,
    ...(applied.target !== undefined ? { targetFrom: '.blockwise.yaml (targets)' } : {}),
  };
}

/** A config file changed: read configs again. */
export function forgetRepoConfigs(): void {
  store.clear();
  reported.clear();
}
