// Where a checked file is, as CI systems want it: relative to the repository root (the nearest
// folder holding `.git`, else the working folder), slash-separated; files outside the root by
// absolute path. SARIF URIs are percent-encoded (a space, `#` or `%` in a name is not a valid URI).
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The nearest folder at or above `dir` holding `.git` (folder or worktree file), else undefined. */
export function findRepoRoot(dir: string, has: (p: string) => boolean = existsSync): string | undefined {
  let d = resolve(dir);
  for (;;) {
    if (has(resolve(d, '.git'))) return d;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** The path of `file` relative to `root` with `/`, or undefined when it is outside `root`. */
export function inside(root: string, file: string): string | undefined {
  const rel = relative(root, resolve(file));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** A relative path as a URI reference: each segment percent-encoded. */
export function encodePath(rel: string): string {
  return rel
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** SARIF artifactLocation: relative to %SRCROOT% inside the root, else an absolute file:// URI. */
export function artifactLocation(root: string, file: string): { uri: string; uriBaseId?: string } {
  const rel = inside(root, file);
  if (rel !== undefined) return { uri: encodePath(rel), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(resolve(file)).href };
}

/** A folder as a file:// URI ending in `/` (SARIF originalUriBaseIds). */
export function folderUri(dir: string): string {
  const href = pathToFileURL(resolve(dir)).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** Path for Code Quality and GitHub annotations: repository-relative, else absolute. */
export function reportPath(root: string, file: string): string {
  return inside(root, file) ?? resolve(file);
}
