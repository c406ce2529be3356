// Settings: what the client said at `initialize` it can take, the blockwise settings of each
// document (workspace/configuration, cached per URI, or the initialization options), and the
// analysis options they give with the .blockwise.yaml of the file's folder and the host it is on.
import { repoConfigFor, withRepoConfig } from '../config/server';
import type { AnalysisOptions, LanguageId, Severity } from '../core/types';
import { includeReaderForUri } from '../include-reader';
import { localHostOption } from '../lvmconf/local-host';
import { clientFeatures, type ClientFeatures } from './capabilities';
import { connection, log, warnUser } from './connection';

export interface Settings {
  severity?: Record<string, Severity | 'off'>;
  rules?: Record<string, unknown>;
  kickstart?: { target?: string };
  lvm?: { target?: string };
  diagnostics?: { delay?: number };
  lvmconf?: { hostComments?: boolean };
}

/** What the client offered at `initialize` and the settings it gave there (set by lifecycle.ts). */
export const state = {
  supportsConfiguration: false,
  supportsSnippets: false,
  features: clientFeatures(undefined) as ClientFeatures,
  globalSettings: {} as Settings,
  diagnosticsDelayOverride: undefined as number | undefined,
};
export const settingsCache = new Map<string, Promise<Settings>>();

export async function settingsFor(uri: string): Promise<Settings> {
  if (!state.supportsConfiguration) return state.globalSettings;
  let p = settingsCache.get(uri);
  if (!p) {
    p = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'blockwise' })
      .then((s: unknown) => (s && typeof s === 'object' ? (s as Settings) : {}))
      .catch(() => ({}) as Settings);
    settingsCache.set(uri, p);
  }
  return p;
}

const LEVELS = new Set(['off', 'hint', 'info', 'warning', 'error']);

export function optionsFrom(s: Settings, lang: LanguageId, uri?: string): AnalysisOptions {
  const severities: Record<string, Severity | 'off'> = {};
  const add = (code: string, v: unknown) => {
    const level = typeof v === 'object' && v !== null ? (v as { severity?: unknown }).severity : v;
    if (typeof level === 'string' && LEVELS.has(level)) severities[code] = level as Severity | 'off';
  };
  for (const [k, v] of Object.entries(s.rules ?? {})) add(k, v);
  for (const [k, v] of Object.entries(s.severity ?? {})) add(k, v);
  const rawTarget = lang === 'kickstart' ? s.kickstart?.target : s.lvm?.target;
  const target = typeof rawTarget === 'string' && rawTarget.trim() ? rawTarget.trim() : undefined;
  const readInclude = uri ? includeReaderForUri(uri) : undefined;
  // .blockwise.yaml of the file's folder wins over the settings (config/server.ts).
  const repo = uri ? repoConfigFor(uri, lang, log, warnUser) : undefined;
  return withRepoConfig({ severities, target, settings: s as Record<string, unknown>, ...(uri ? hostOf(uri, lang) : {}), ...(readInclude ? { readInclude } : {}) }, repo);
}

// lvm2 versions of remote hosts, from the client's host reports (`blockwise/hostRelease`): a file
// opened as blockwise-remote://HOST/... is checked as the lvm2 that reads it there.
export const hostVersions = new Map<string, string>();
/** The host of a blockwise-remote://HOST/... document (decoded), or undefined. */
export function remoteHostOf(uri: string): string | undefined {
  const m = /^blockwise-remote:\/\/([^/]+)\//.exec(uri);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}
function hostOf(uri: string, lang: LanguageId): { host?: { release: string; reason: string } } {
  const h = remoteHostOf(uri);
  // An lvm.conf in this machine's own /etc/lvm: this machine's lvm2 (`lvm version`, run once).
  if (h === undefined) return localHostOption(uri, lang);
  const v = h === undefined ? undefined : hostVersions.get(h);
  return v ? { host: { release: v, reason: `the lvm2 version on host ${h}` } } : {};
}

export function delayFor(s: Settings): number {
  if (state.diagnosticsDelayOverride !== undefined) return state.diagnosticsDelayOverride;
  const d = s.diagnostics?.delay;
  return typeof d === 'number' && d >= 0 && d <= 5000 ? d : 150;
}
