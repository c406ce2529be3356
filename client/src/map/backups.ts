// Pictures for the backups browser: the extent map of any version, and what changed between two
// versions (drawn beside the text diff). The language server reads the files and draws them (in an
// analysis worker when they are big), under the pictures' limits: nothing is parsed or drawn on the
// extension host's thread, which every extension shares (a 50 MB backup held it for 10 s).

/** What these pictures need of the language client. */
export interface PictureServer {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
}

type Drawn = { svg?: string; error?: string };

function svgOf(r: Drawn | null | undefined, what: string): string {
  if (r?.svg) return r.svg;
  throw new Error(`no picture of ${what}: ${r?.error ?? 'the language server gave none'}`);
}

export async function versionMapSvg(server: PictureServer | undefined, path: string): Promise<string> {
  if (!server) throw new Error('the Blockwise language server is not running');
  return svgOf(await server.sendRequest<Drawn>('blockwise/map', { path, languageId: 'lvm-metadata' }), path);
}

export async function changeSvg(server: PictureServer | undefined, before: string, after: string, labels: { a: string; b: string }): Promise<string> {
  if (!server) throw new Error('the Blockwise language server is not running');
  return svgOf(await server.sendRequest<Drawn>('blockwise/mapChange', { beforePath: before, afterPath: after, labels }), `the changes from ${before} to ${after}`);
}
