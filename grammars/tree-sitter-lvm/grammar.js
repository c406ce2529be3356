/**
 * tree-sitter-lvm: the configuration syntax of lvm2's libdm-config, shared by lvm.conf,
 * lvmlocal.conf, profiles and LVM metadata backups/archives.
 *
 * The grammar follows lvm2's tokenizer byte for byte (see grammars/README.md for the rules and
 * the differential test against `lvmconfig`). The key fact is that lvm2 lexes a word in two
 * ways depending on the previous token: right after `=`, `[` or `,` it is a *value* (a number
 * when it starts with a digit, `+`, `-` or `.`, else a bare string); anywhere else it is an
 * *identifier*. In an LR parser those positions are different parse states, so the two token
 * kinds never compete and tree-sitter's context-aware lexer reproduces lvm2's behaviour.
 *
 * Node contract (used by server/src): source_file, section{name}, assignment{key,value},
 * identifier, string, raw_string, bare_string, number, array, comment.
 */

// C isspace() in the C locale: space, \t, \n, \v, \f, \r (CR is whitespace, so CRLF parses).
const WS = ' \\t\\n\\x0B\\x0C\\r';
// A word runs until whitespace, '#', '=', '{', '}' (or a NUL byte, which ends lvm2's input).
const WORD_REST = `[^${WS}#={}\\x00]*`;

// Hidden grouping of a section's items, for incremental reparsing (grammars/README.md, speed).
// tree-sitter never reuses the nodes of a `repeat` as a whole (they are reduced in a state that
// also has a repetition shift, so they are "fragile"); it walks down to every item, and a section
// with 10,000 sub-sections costs 10,000 reuse steps per reparse. Fixed runs of 8 items, of 8 runs
// of 8, ... are reduced without any alternative action, so they are reused whole. The items that
// do not fill a run of 4096 form a tail of at most 7 runs of each size, largest first, nested to
// the right (`_tail_K_J`: J runs of size 8^K already taken), so the parser never has to decide a
// grouping before it sees the next token: the grammar stays LR(1) without conflicts. All of these
// rules are hidden: the tree shows the same `section` children as a plain `repeat($._item)`.
const CHUNKS = {};
const level = ($, k) => (k === 0 ? $._item : $[`_items_${8 ** k}`]);
for (let k = 1; k <= 4; k++) {
  CHUNKS[`_items_${8 ** k}`] = ($) => seq(...Array(8).fill(level($, k - 1)));
}
for (let k = 0; k <= 3; k++) {
  for (let j = 0; j <= 6; j++) {
    CHUNKS[`_tail_${k}_${j}`] = ($) => {
      const more = [];
      if (j < 6) more.push($[`_tail_${k}_${j + 1}`]);
      if (k > 0) more.push($[`_tail_${k - 1}_0`]);
      const take = more.length ? seq(level($, k), optional(choice(...more))) : level($, k);
      return j === 0 && k > 0 ? choice(take, $[`_tail_${k - 1}_0`]) : take;
    };
  }
}

module.exports = grammar({
  name: 'lvm',

  extras: ($) => [/[ \t\n\x0B\x0C\r]/, $.comment],

  // src/scanner.c: the parts of lvm2's lexer a regular expression cannot state.
  externals: ($) => [
    // Digits with at most one '.', optionally led by '+', '-' or '.'; what follows starts a new
    // token (`5abc` is the number 5, then the identifier `abc`). Numbers that lvm2's strtoll or
    // strtod would reject with ERANGE ("Failed to read int token.") are not lexed: an error.
    $.number,
    // A NUL byte ends lvm2's input wherever a token may start: the rest of the file is ignored.
    $._nul_tail,
    // A quoted value left open at the end of the file, as the last top-level value: lvm2 takes it.
    $._open_string_at_eof,
    // A zero-byte file. lvm2 accepts it, but refuses ("Failed to load config file") a non-empty
    // file without any section or assignment (only whitespace, comments or a NUL tail).
    $._empty_file,
  ],

  rules: {
    source_file: ($) =>
      choice(
        $._empty_file,
        seq(
          choice(
            seq(repeat1($._item), optional(alias($._last_open_assignment, $.assignment))),
            alias($._last_open_assignment, $.assignment),
          ),
          optional($._nul_tail),
        ),
      ),

    _item: ($) => choice($.section, $.assignment),

    section: ($) =>
      seq(field('name', $._name), '{', optional(choice(seq(repeat1($._items_4096), optional($._tail_3_0)), $._tail_3_0)), '}'),

    // The items of a section, grouped into hidden runs of 8, 64, 512 and 4096 (see CHUNKS above).
    ...CHUNKS,

    assignment: ($) => seq(field('key', $._name), '=', field('value', $._value)),

    // `key = "never closed` as the very last thing in the file (top level only).
    _last_open_assignment: ($) =>
      seq(field('key', $._name), '=', field('value', alias($._open_string_at_eof, $.string))),

    // Names: an identifier, or a non-empty quoted string ("" is "empty section identifier").
    _name: ($) => choice($.identifier, alias($._name_string, $.string), alias($._name_raw_string, $.raw_string)),

    identifier: (_) => token(new RegExp(`[^${WS}#={}\\[\\],"'\\x00]${WORD_REST}`)),

    _name_string: (_) => token(/"([^"\\\x00]|\\[^\x00])+"/),
    _name_raw_string: (_) => token(/'[^'\x00]+'/),

    _value: ($) => choice($._scalar, $.array),

    _scalar: ($) => choice($.number, $.string, $.raw_string, $.bare_string),

    // lvm2: after a value, an element without a comma is lexed as an identifier unless it starts
    // with a quote, so `[ "a" "b" ]` and `[ 1, 2, ]` parse but `[ 1 2 ]` and `[ "a" b ]` do not.
    // A leading or doubled comma is "expected a value".
    array: ($) =>
      seq(
        '[',
        optional(seq($._scalar, repeat(choice(seq(',', $._scalar), $.string, $.raw_string)), optional(','))),
        ']',
      ),

    // Double-quoted: a backslash protects the next character; newlines are allowed inside.
    string: (_) => token(/"([^"\\\x00]|\\[^\x00])*"/),

    // Single-quoted: no escapes.
    raw_string: (_) => token(/'[^'\x00]*'/),

    // An unquoted value word: cannot start with a quote, bracket, comma, digit, sign or '.';
    // it swallows ']' and ',' (so `[a|.*|]` leaves the array open, exactly like lvm2).
    bare_string: (_) => token(new RegExp(`[^${WS}#={}\\[\\],"'0-9+\\-.\\x00]${WORD_REST}`)),

    comment: (_) => token(/#[^\n\x00]*/),
  },
});
