// Settings for clients that cannot be asked (no workspace/configuration: ALE, many plain
// clients). They come, lowest first, from the defaults (an empty object: every reader has its
// default), the initialization options' `settings` (or the last workspace/didChangeConfiguration
// `blockwise` section), and the repository's configuration file.
//
// Hook for the repository configuration (`.blockwise.yaml`, issue 26): when that reader exists,
// it registers itself here with setRepositorySettings(); until then nothing is added.

export type SettingsObject = Record<string, unknown>;

type RepositoryReader = (uri: string) => SettingsObject | undefined;
let repositoryReader: RepositoryReader | undefined;

/** Install the reader of the repository configuration for a document's URI. */
export function setRepositorySettings(reader: RepositoryReader | undefined): void {
  repositoryReader = reader;
}

/** One level deep merge: objects such as `severity` combine key by key, the later source wins. */
export function mergeSettings(...sources: (SettingsObject | undefined)[]): SettingsObject {
  const out: SettingsObject = {};
  for (const s of sources) {
    if (!s || typeof s !== 'object') continue;
    for (const [k, v] of Object.entries(s)) {
      const prev = out[k];
      out[k] =
        v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object' && !Array.isArray(prev)
          ? { ...(prev as SettingsObject), ...(v as SettingsObject) }
          : v;
    }
  }
  return out;
}

/** The settings of a document when the client cannot be asked for them. */
export function settingsWithoutClient(uri: string, fromClient: SettingsObject | undefined): SettingsObject {
  let repo: SettingsObject | undefined;
  try {
    repo = repositoryReader?.(uri);
  } catch {
    repo = undefined;
  }
  return mergeSettings(fromClient, repo);
}
