// tree-sitter-kickstart: kickstart files as pykickstart reads them.
//
// Lines, not tokens, are the unit: every physical line outside a section is one command (or a
// comment, or an %include/%ksappend directive); words are split the way Python's shlex splits in
// POSIX mode with comments on (quotes group, backslash escapes, an unquoted `#` ends the line).
// A section (%pre, %post, %packages, ...) is its header line, a raw body, and a closing %end;
// the body ends at the first line whose first whitespace-separated word is %end, %include or a
// registered section header. There is no line continuation.
//
// Everything is lexed by src/scanner.c (the context decides what a word is), so the tree has
// few nodes: one per line plus one per word, and one per section body.

// The words after a line's first word. `repeat` would give every word a hidden
// `*_repeat1` node as well (one reduction each, a third of the parse time of a storage file);
// an optional chain is flattened into productions of the line's own rule, so the first
// FLAT_WORDS words are children of the line with no node between. Longer lines end in a repeat.
// The visible tree (node types, fields, children) is the same as with a plain repeat.
const FLAT_WORDS = 8;
function words($) {
  const w = () => choice($.word, $.option);
  let rest = repeat1(w());
  for (let i = 0; i < FLAT_WORDS; i++) rest = seq(w(), optional(rest));
  return optional(rest);
}

module.exports = grammar({
  name: 'kickstart',

  externals: ($) => [
    $.command_name, // first word of a command line (after unquoting it names the command)
    $.section_name, // %pre, %pre-install, %post, %onerror, %traceback, %packages, %addon, %anaconda, %certificate
    $.directive, // %include or %ksappend
    $.word, // a shlex word
    $.option, // a shlex word whose unquoted text starts with '-'
    $.comment, // '#' to the end of the line
    $._eol, // the line terminator (or the end of the file)
    $.body, // raw lines of a section
    $.section_end, // a %end line (text after %end is ignored by pykickstart)
    $._error_sentinel,
  ],

  extras: () => [],

  rules: {
    source_file: ($) => repeat(choice($.command, $.section, $.include, $.comment)),

    command: ($) => seq(field('name', $.command_name), words($), optional($.comment), $._eol),

    include: ($) => seq(field('name', $.directive), words($), optional($.comment), $._eol),

    // Right-associative: an %include line after a section header belongs to the section.
    section: ($) =>
      prec.right(seq(field('header', $.section_header), repeat(choice($.body, $.include)), optional(field('end', $.section_end)))),

    section_header: ($) => seq(field('name', $.section_name), words($), optional($.comment), $._eol),
  },
});
