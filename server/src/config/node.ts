// The edge of the repository config: the real file system and the real rule and release tables.
import { readFileSync, statSync } from 'node:fs';
import { ruleDoc } from '../core/rules';
import { HANDLERS } from '../languages';
import type { LanguageId } from '../core/types';
import { ConfigStore, type ConfigCheck, type ConfigFs } from './repoconfig';

export const CONFIG_MAX_BYTES = 64 * 1024;

export const nodeConfigFs: ConfigFs & { read(path: string): string } = {
  isFile: (p) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  },
  exists: (p) => {
    try {
      statSync(p);
      return true;
    } catch {
      return false;
    }
  },
  read: (p) => {
    // A config is a few lines; refuse anything that is clearly not one (the YAML parser's cost
    // grows with nesting: 64 KiB of `[` is about a second, 1 MiB would be minutes).
    if (statSync(p).size > CONFIG_MAX_BYTES) throw new Error(`over ${CONFIG_MAX_BYTES / 1024} KiB, not a .blockwise.yaml`);
    return readFileSync(p, 'utf8');
  },
};

/** Why a release name is unknown to every language (undefined when one accepts it). */
export function targetProblem(t: string): string | undefined {
  const handlers = Object.values(HANDLERS);
  if (handlers.some((h) => h.targets?.accepts(t))) return undefined;
  return `${JSON.stringify(t)} is not a release Blockwise knows; valid: ${handlers
    .filter((h) => h.targets)
    .map((h) => `${h.id}: ${h.targets!.describe}`)
    .join('; ')}`;
}

export const configCheck: ConfigCheck = { knownCode: (c) => ruleDoc(c) !== undefined, targetProblem };

/** Whether a language takes this release as its target. */
export function acceptsTarget(language: LanguageId): (t: string) => boolean {
  return (t) => HANDLERS[language].targets?.accepts(t) === true;
}

export function newConfigStore(): ConfigStore {
  return new ConfigStore(nodeConfigFs, configCheck);
}
