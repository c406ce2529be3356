// The release a release-dependent finding was checked against, in its message.
import type { Finding } from '../core/types';
import type { KickstartModelExt } from './ast';
import { ANACONDA_CODES } from './rules/anaconda';

/** Findings whose truth depends on the release the file is checked against. */
const RELEASE_CODES = new Set(['removed-option', 'removed-command', 'deprecated-command', 'deprecated-option', 'deprecated-section', 'removed-section', 'version-unsupported']);

/**
 * A release-dependent finding says which release and why. The release is in every message; the
 * why is added when the file does not state it itself (no usable #version= line, or an explicit
 * target that overrides the line).
 */
export function explainRelease(model: KickstartModelExt, out: Finding[]): void {
  const r = model.release;
  if (r.source === 'header') return;
  const why = ` (Checked as ${r.release.label}: ${r.reason}.)`;
  for (let i = 0; i < out.length; i++) {
    const f = out[i];
    // version-unsupported warnings are about the target itself (an unknown #version= or setting).
    if ((RELEASE_CODES.has(f.code) || ANACONDA_CODES.has(f.code)) && (f.code !== 'version-unsupported' || f.severity === 'error')) out[i] = { ...f, message: f.message + why };
  }
}

