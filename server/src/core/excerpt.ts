// Findings of files a folder walk found (not named by the admin) quote no token of the file that
// looks like a secret: a credential that reached a walked file (a copy, a link inside the folder)
// would otherwise be printed into CI logs and SARIF uploads by a syntax or unknown-command message.
// A word of 16 characters or more that mixes letters and digits (API tokens, passwords, hashes) is
// shown as its first 4 characters and its length. Words made of letters and punctuation only (lvm
// setting names, commands), LVM UUIDs (the 6-4-4-4-4-4-6 form lvm2 prints) and /dev paths stay.
import type { Finding } from './types';

const WORD = /[^\s"'`,;()[\]{}<>]{16,}/g;
const LVM_UUID = /^[A-Za-z0-9]{6}(-[A-Za-z0-9]{4}){5}-[A-Za-z0-9]{6}$/;

function secretLike(w: string): boolean {
  return /[0-9]/.test(w) && /[A-Za-z]/.test(w) && !LVM_UUID.test(w) && !w.startsWith('/dev/');
}

/** One message with its secret-looking words masked. */
export function maskMessage(message: string): string {
  return message.replace(WORD, (w) => (secretLike(w) ? `${w.slice(0, 4)}…(${w.length} chars)` : w));
}

/** A file result with every finding's message masked (other fields unchanged). */
export function maskExcerpts<T extends { findings: Finding[] }>(r: T): T {
  return {
    ...r,
    findings: r.findings.map((f) => {
      const m = maskMessage(f.message);
      return m === f.message ? f : { ...f, message: m };
    }),
  };
}
