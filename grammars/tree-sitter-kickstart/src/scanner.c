// External scanner for tree-sitter-kickstart. Stateless: what a token is follows from the
// parser state (valid_symbols) and the current line, exactly as pykickstart decides it:
//   - outside sections a line is blank, a comment (first non-blank char '#'), or a list of
//     shlex words (POSIX mode, comments on); the first word, unquoted, names a command, a section
//     (%pre ...), or a directive (%include, %ksappend);
//   - inside a section, a line ends the body when its first whitespace-separated word is %end,
//     %include or a registered section header; every other line is raw body text.
// Needs no libc (the wasm is linked with -nostdlib) and no allocation.
#include "tree_sitter/parser.h"
#include <stdbool.h>
#include <stdint.h>

enum TokenType {
  COMMAND_NAME,
  SECTION_NAME,
  DIRECTIVE,
  WORD,
  OPTION,
  COMMENT,
  EOL,
  BODY,
  SECTION_END,
  ERROR_SENTINEL,
};

#define KEY_MAX 16

typedef struct {
  int32_t buf[KEY_MAX];
  int len;       // characters kept in buf (at most KEY_MAX)
  int total;     // characters of the unquoted text
  int32_t first; // first unquoted character, or -1
} Key;

static void key_add(Key *k, int32_t c) {
  if (k->total == 0) k->first = c;
  if (k->len < KEY_MAX) k->buf[k->len++] = c;
  k->total++;
}

static bool key_is(const Key *k, const char *s) {
  int i = 0;
  for (; s[i]; i++) {
    if (i >= k->len || k->buf[i] != (unsigned char)s[i]) return false;
  }
  return i == k->total;
}

static const char *const SECTIONS[] = {
  "%pre", "%pre-install", "%post", "%onerror", "%traceback", "%packages",
  "%addon", "%anaconda", "%certificate", 0,
};

static bool key_is_section(const Key *k) {
  for (int i = 0; SECTIONS[i]; i++) {
    if (key_is(k, SECTIONS[i])) return true;
  }
  return false;
}

// At the end of the input the lookahead is 0; only then is eof() (an indirect call into the
// runtime, once per character otherwise: a tenth of the parse time) asked whether it is a NUL.
static inline bool at_eof(TSLexer *lexer) { return lexer->lookahead == 0 && lexer->eof(lexer); }
static inline void adv(TSLexer *lexer) { lexer->advance(lexer, false); }
static inline void skip(TSLexer *lexer) { lexer->advance(lexer, true); }

static inline bool is_newline(int32_t c) { return c == '\n' || c == '\r'; }
static inline bool is_blank(int32_t c) { return c == ' ' || c == '\t'; }

// Python's str.isspace() / str.split() whitespace.
static bool is_py_space(int32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f) || c == 0x85 || c == 0xa0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f ||
         c == 0x205f || c == 0x3000;
}

// Consume the rest of the line, not its terminator.
static void to_line_end(TSLexer *lexer) {
  while (!at_eof(lexer) && !is_newline(lexer->lookahead)) adv(lexer);
}

// Consume the line terminator (\n, \r\n or \r) if there is one.
static void eat_newline(TSLexer *lexer) {
  if (lexer->lookahead == '\r') {
    adv(lexer);
    if (!at_eof(lexer) && lexer->lookahead == '\n') adv(lexer);
  } else if (lexer->lookahead == '\n') {
    adv(lexer);
  }
}

// One shlex word (POSIX, comments on), stopping at blanks, the line end, or an unquoted '#'.
// An unterminated quote or a trailing backslash ends the word at the line end; the model
// reports them.
static void read_word(TSLexer *lexer, Key *k) {
  k->len = 0;
  k->total = 0;
  k->first = -1;
  for (;;) {
    if (at_eof(lexer)) return;
    int32_t c = lexer->lookahead;
    if (is_blank(c) || is_newline(c) || c == '#') return;
    if (c == '\'') {
      adv(lexer);
      for (;;) {
        if (at_eof(lexer) || is_newline(lexer->lookahead)) return;
        if (lexer->lookahead == '\'') {
          adv(lexer);
          break;
        }
        key_add(k, lexer->lookahead);
        adv(lexer);
      }
    } else if (c == '"') {
      adv(lexer);
      for (;;) {
        if (at_eof(lexer) || is_newline(lexer->lookahead)) return;
        int32_t d = lexer->lookahead;
        if (d == '"') {
          adv(lexer);
          break;
        }
        if (d == '\\') {
          adv(lexer);
          if (at_eof(lexer) || is_newline(lexer->lookahead)) return;
          int32_t e = lexer->lookahead;
          if (e != '"' && e != '\\') key_add(k, '\\');
          key_add(k, e);
          adv(lexer);
          continue;
        }
        key_add(k, d);
        adv(lexer);
      }
    } else if (c == '\\') {
      adv(lexer);
      if (at_eof(lexer) || is_newline(lexer->lookahead)) return;
      key_add(k, lexer->lookahead);
      adv(lexer);
    } else {
      key_add(k, c);
      adv(lexer);
    }
  }
}

// Inside a section, at the start of a line: the body, or the line that ends it.
static bool scan_section(TSLexer *lexer, const bool *valid) {
  bool have_body = false;
  for (;;) {
    if (have_body) lexer->mark_end(lexer);
    // Leading whitespace: part of the body once it has started, skipped before that.
    while (!at_eof(lexer) && is_py_space(lexer->lookahead)) {
      if (!have_body) {
        skip(lexer);
      } else if (is_newline(lexer->lookahead)) {
        // A blank line inside the body.
        eat_newline(lexer);
        lexer->mark_end(lexer);
      } else {
        adv(lexer);
      }
    }
    if (at_eof(lexer)) {
      if (have_body) {
        lexer->result_symbol = BODY;
        return true;
      }
      return false;
    }
    if (lexer->lookahead == '%') {
      Key k = {{0}, 0, 0, -1};
      while (!at_eof(lexer) && !is_py_space(lexer->lookahead)) {
        key_add(&k, lexer->lookahead);
        adv(lexer);
      }
      bool is_end = key_is(&k, "%end");
      bool is_include = key_is(&k, "%include");
      bool is_section = key_is_section(&k);
      if (is_end || is_include || is_section) {
        if (have_body) {
          lexer->result_symbol = BODY;
          return true;
        }
        if (is_end && valid[SECTION_END]) {
          to_line_end(lexer);
          lexer->mark_end(lexer);
          lexer->result_symbol = SECTION_END;
          return true;
        }
        if (is_include && valid[DIRECTIVE]) {
          lexer->mark_end(lexer);
          lexer->result_symbol = DIRECTIVE;
          return true;
        }
        if (is_section && valid[SECTION_NAME]) {
          lexer->mark_end(lexer);
          lexer->result_symbol = SECTION_NAME;
          return true;
        }
        return false;
      }
    }
    if (!valid[BODY]) return false;
    // A body line, terminator included.
    to_line_end(lexer);
    eat_newline(lexer);
    have_body = true;
  }
}

// Outside sections, at the start of a line (blank lines and indentation are skipped).
static bool scan_line_start(TSLexer *lexer, const bool *valid) {
  while (!at_eof(lexer) && is_py_space(lexer->lookahead)) skip(lexer);
  if (at_eof(lexer)) return false;
  if (lexer->lookahead == '#') {
    if (!valid[COMMENT]) return false;
    to_line_end(lexer);
    lexer->mark_end(lexer);
    lexer->result_symbol = COMMENT;
    return true;
  }
  Key k;
  read_word(lexer, &k);
  lexer->mark_end(lexer);
  if (key_is(&k, "%include") || key_is(&k, "%ksappend")) {
    if (!valid[DIRECTIVE]) return false;
    lexer->result_symbol = DIRECTIVE;
  } else if (key_is_section(&k)) {
    if (!valid[SECTION_NAME]) return false;
    lexer->result_symbol = SECTION_NAME;
  } else {
    if (!valid[COMMAND_NAME]) return false;
    lexer->result_symbol = COMMAND_NAME;
  }
  return true;
}

// Inside a command, section header or directive line, after its first word.
static bool scan_in_line(TSLexer *lexer, const bool *valid) {
  while (!at_eof(lexer) && is_blank(lexer->lookahead)) skip(lexer);
  if (at_eof(lexer)) {
    lexer->mark_end(lexer);
    lexer->result_symbol = EOL;
    return true;
  }
  int32_t c = lexer->lookahead;
  if (is_newline(c)) {
    eat_newline(lexer);
    lexer->mark_end(lexer);
    lexer->result_symbol = EOL;
    return true;
  }
  if (c == '#') {
    if (!valid[COMMENT]) return false;
    to_line_end(lexer);
    lexer->mark_end(lexer);
    lexer->result_symbol = COMMENT;
    return true;
  }
  if (!valid[WORD] && !valid[OPTION]) return false;
  Key k;
  read_word(lexer, &k);
  lexer->mark_end(lexer);
  lexer->result_symbol = (k.first == '-' && k.total > 1 && valid[OPTION]) ? OPTION : WORD;
  return true;
}

void *tree_sitter_kickstart_external_scanner_create(void) { return 0; }
void tree_sitter_kickstart_external_scanner_destroy(void *payload) { (void)payload; }
unsigned tree_sitter_kickstart_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}
void tree_sitter_kickstart_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

bool tree_sitter_kickstart_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid) {
  (void)payload;
  if (valid[ERROR_SENTINEL]) return false;
  if (valid[EOL]) return scan_in_line(lexer, valid);
  if (valid[BODY] || valid[SECTION_END]) return scan_section(lexer, valid);
  return scan_line_start(lexer, valid);
}
