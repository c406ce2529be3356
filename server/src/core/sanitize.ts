// One sanitiser for text meant for a terminal, a log or a comment line: every character from input
// that a terminal or a log reader would act on instead of showing is written as a visible escape.
// C0 controls (line breaks, ESC, BEL, tab), DEL, C1 controls (CSI, OSC, NEL as single code
// points), the Unicode line and paragraph separators, and the bidirectional controls that reorder
// what is shown (Trojan Source) become `\xNN` or `\u{NNNN}`; a backslash itself stays as it is
// (a name holding `\x1b` as four characters is rare and harmless to show). JSON and SARIF output
// never pass through here: they carry the exact text, escaped by JSON itself.

/** What the sanitiser escapes (also usable as a test, without the g flag). */
export const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const UNSAFE_G = new RegExp(UNSAFE_CHARS.source, 'g');

function escapeOne(c: string): string {
  const n = c.charCodeAt(0);
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u{${n.toString(16)}}`;
}

/** One field of text output (a name, a message, a path): unsafe characters escaped, one line. */
export function sanitizeText(s: string): string {
  // The test first: most fields are clean, and a clean string is returned as it is (no copy).
  return UNSAFE_CHARS.test(s) ? s.replace(UNSAFE_G, escapeOne) : s;
}

/** Whether a string holds any character the sanitiser would escape. */
export function hasUnsafeChars(s: string): boolean {
  return UNSAFE_CHARS.test(s);
}

/**
 * Several lines of text output built from input: each line sanitised, the line breaks between
 * them kept (`\n` only; a CR or another separator inside a line is escaped).
 */
export function sanitizeLines(text: string): string {
  if (!UNSAFE_CHARS.test(text.replace(/\n/g, ''))) return text;
  return text.split('\n').map(sanitizeText).join('\n');
}
