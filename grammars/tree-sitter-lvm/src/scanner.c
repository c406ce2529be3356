// External scanner for tree-sitter-lvm: the parts of lvm2's libdm-config lexer that a regular
// expression cannot state. Written for this project; no libc calls (the wasm build links none).
//
//   number               lvm2's number token (digits with at most one '.', led by a digit, '+',
//                        '-' or '.'), refused when lvm2's strtoll/strtod conversion of the text
//                        starting there would set ERANGE ("Failed to read int token." /
//                        "Failed to read float token."). Note that lvm2 converts the raw buffer,
//                        not the token: `0x8000000000000000` is the token `0`, yet strtoll reads
//                        the hex digits after it and overflows.
//   _nul_tail            a NUL byte where a token may start ends lvm2's input: consume the rest.
//   _open_string_at_eof  a quoted value never closed before the end of the input (or a NUL): lvm2
//                        takes it, minus its last character, when it is the last top-level value.
//   _empty_file          zero-width, only for a zero-byte input: lvm2 reads an empty file as an
//                        empty configuration but fails on a non-empty one that holds no section
//                        or assignment. The scanner sees the input from its first byte, so "at
//                        EOF, column 0, nothing skipped" only happens when the input is empty
//                        (no token ends with a newline).
#include "tree_sitter/parser.h"

enum TokenType { NUMBER, NUL_TAIL, OPEN_STRING_AT_EOF, EMPTY_FILE };

static bool is_space(int32_t c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static bool is_digit(int32_t c) { return c >= '0' && c <= '9'; }
static int hex_value(int32_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void *tree_sitter_lvm_external_scanner_create(void) { return 0; }
void tree_sitter_lvm_external_scanner_destroy(void *p) { (void)p; }
unsigned tree_sitter_lvm_external_scanner_serialize(void *p, char *b) { (void)p; (void)b; return 0; }
void tree_sitter_lvm_external_scanner_deserialize(void *p, const char *b, unsigned n) { (void)p; (void)b; (void)n; }

static void advance(TSLexer *lexer) { lexer->advance(lexer, false); }
static bool at_end(TSLexer *lexer) { return lexer->eof(lexer) || lexer->lookahead == 0; }

#define SIG_MAX 24

// Compare a digit string (no leading zeros) with a reference significand, both read as 0.ddd.
static int compare_sig(const char *a, int alen, const char *b) {
  int i = 0;
  for (; i < alen && b[i]; i++) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  if (i < alen) return 1;  // a is longer (and equal so far): larger unless the rest is zeros
  return b[i] ? -1 : 0;
}

// Lex a number token; returns false when lvm2 would fail to convert it.
static bool scan_number(TSLexer *lexer) {
  int32_t first = lexer->lookahead;
  bool is_float = first == '.';
  bool negative = first == '-';
  bool signed_start = first == '+' || first == '-';

  // strtoll state (base 0): base decided by the first characters after the sign.
  unsigned long long value = 0;
  bool int_overflow = false;
  int base = 0;  // 0 = not decided yet
  // strtod state: significant digits and the decimal exponent of the first one.
  char sig[SIG_MAX];
  int sig_len = 0;
  long dec_exp = 0;  // exponent of the leading significant digit, before any e+NN
  bool seen_nonzero = false;
  bool before_point = !is_float;
  bool any_digit = false;
  int int_digits = 0;  // digits before any '.', for the `0x` check

  advance(lexer);
  if (!signed_start && !is_float) {
    // `first` is a digit: feed it to both conversions below by handling it here.
    any_digit = true;
    int_digits = 1;
    if (first == '0') base = 8;
    else {
      base = 10;
      value = (unsigned long long)(first - '0');
      seen_nonzero = true;
      sig[sig_len++] = (char)first;
      dec_exp = 1;
    }
  }
  // The token: digits, and at most one '.'.
  for (;;) {
    int32_t c = lexer->lookahead;
    if (is_digit(c)) {
      any_digit = true;
      if (!is_float) {
        int_digits++;
        if (base == 0) {
          if (c == '0') base = 8;
          else base = 10;
        }
        if (base == 8 && c > '7') base = -8;  // strtoll stops at the first 8 or 9
        if (base == 8 || base == 10) {
          unsigned long long limit = negative ? 9223372036854775808ULL : 9223372036854775807ULL;
          unsigned d = (unsigned)(c - '0');
          if (value > (limit - d) / (unsigned)base) int_overflow = true;
          else value = value * (unsigned)base + d;
        }
      }
      if (c != '0' || seen_nonzero) {
        seen_nonzero = true;
        if (sig_len < SIG_MAX) sig[sig_len++] = (char)c;
        if (before_point) dec_exp++;
      } else if (!before_point) {
        dec_exp--;  // a zero after the point before any significant digit
      }
      advance(lexer);
      continue;
    }
    if (c == '.' && !is_float) {
      is_float = true;
      before_point = false;
      advance(lexer);
      continue;
    }
    break;
  }
  lexer->mark_end(lexer);
  lexer->result_symbol = NUMBER;

  if (!is_float) {
    // strtoll may go on past the token: `0x` followed by a hex digit switches to base 16.
    if (int_digits == 1 && base == 8 && (lexer->lookahead == 'x' || lexer->lookahead == 'X')) {
      advance(lexer);
      if (hex_value(lexer->lookahead) >= 0) {
        unsigned long long limit = negative ? 9223372036854775808ULL : 9223372036854775807ULL;
        value = 0;
        int_overflow = false;
        while (hex_value(lexer->lookahead) >= 0) {
          unsigned d = (unsigned)hex_value(lexer->lookahead);
          if (value > (limit - d) / 16) int_overflow = true;
          else value = value * 16 + d;
          advance(lexer);
        }
      }
    }
    return !int_overflow;
  }

  // strtod: an exponent after the token counts too (`1.5e999` overflows).
  long exp10 = 0;
  if (any_digit && (lexer->lookahead == 'e' || lexer->lookahead == 'E')) {
    advance(lexer);
    bool eneg = false;
    if (lexer->lookahead == '+' || lexer->lookahead == '-') {
      eneg = lexer->lookahead == '-';
      advance(lexer);
    }
    while (is_digit(lexer->lookahead)) {
      if (exp10 < 100000) exp10 = exp10 * 10 + (lexer->lookahead - '0');
      advance(lexer);
    }
    if (eneg) exp10 = -exp10;
  }
  if (!seen_nonzero) return true;  // zero never overflows or underflows
  // value = 0.sig × 10^(dec_exp + exp10)
  long e = dec_exp + exp10;
  // DBL_MAX ≈ 0.17976931348623158079e309, DBL_MIN ≈ 0.22250738585072013831e-307
  if (e > 309) return false;
  if (e == 309 && compare_sig(sig, sig_len, "17976931348623158079") >= 0) return false;
  if (e < -307) return false;
  if (e == -307 && compare_sig(sig, sig_len, "22250738585072013831") < 0) return false;
  return true;
}

bool tree_sitter_lvm_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid) {
  (void)payload;
  // Every token valid at once means error recovery, never the start of an empty input; there the
  // column is not asked: libtree-sitter 0.20's get_column crashes at the end of some inputs
  // (`"" {\n}`), and Debian 12's Neovim parses with that library.
  bool recovering = valid[NUMBER] && valid[NUL_TAIL] && valid[OPEN_STRING_AT_EOF] && valid[EMPTY_FILE];
  if (valid[EMPTY_FILE] && !recovering && lexer->eof(lexer) && lexer->get_column(lexer) == 0) {
    lexer->mark_end(lexer);
    lexer->result_symbol = EMPTY_FILE;
    return true;
  }
  while (!lexer->eof(lexer) && is_space(lexer->lookahead)) lexer->advance(lexer, true);
  if (lexer->eof(lexer)) return false;
  int32_t c = lexer->lookahead;

  if (c == 0) {
    if (!valid[NUL_TAIL]) return false;
    while (!lexer->eof(lexer)) advance(lexer);
    lexer->mark_end(lexer);
    lexer->result_symbol = NUL_TAIL;
    return true;
  }

  if (valid[NUMBER] && (is_digit(c) || c == '+' || c == '-' || c == '.')) return scan_number(lexer);

  if (valid[OPEN_STRING_AT_EOF] && (c == '"' || c == '\'')) {
    int32_t quote = c;
    unsigned length = 1;
    advance(lexer);
    for (;;) {
      if (at_end(lexer)) break;
      int32_t d = lexer->lookahead;
      if (d == quote) return false;  // closed: the ordinary string rule lexes it
      advance(lexer);
      length++;
      if (quote == '"' && d == '\\' && !at_end(lexer)) {
        advance(lexer);
        length++;
      }
    }
    // lvm2 strips the two quote positions: a lone quote is "expected a string token".
    if (length < 2) return false;
    lexer->mark_end(lexer);
    lexer->result_symbol = OPEN_STRING_AT_EOF;
    return true;
  }
  return false;
}
