#include <tree_sitter/parser.h>

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif

#define LANGUAGE_VERSION 14
#define STATE_COUNT 50
#define LARGE_STATE_COUNT 2
#define SYMBOL_COUNT 29
#define ALIAS_COUNT 0
#define TOKEN_COUNT 18
#define EXTERNAL_TOKEN_COUNT 4
#define FIELD_COUNT 3
#define MAX_ALIAS_SEQUENCE_LENGTH 5
#define PRODUCTION_ID_COUNT 5

enum {
  anon_sym_LBRACE = 1,
  anon_sym_RBRACE = 2,
  anon_sym_EQ = 3,
  sym_identifier = 4,
  sym__name_string = 5,
  sym__name_raw_string = 6,
  anon_sym_LBRACK = 7,
  anon_sym_COMMA = 8,
  anon_sym_RBRACK = 9,
  sym_string = 10,
  sym_raw_string = 11,
  sym_bare_string = 12,
  sym_comment = 13,
  sym_number = 14,
  sym__nul_tail = 15,
  sym__open_string_at_eof = 16,
  sym__empty_file = 17,
  sym_source_file = 18,
  sym__item = 19,
  sym_section = 20,
  sym_assignment = 21,
  sym__last_open_assignment = 22,
  sym__name = 23,
  sym__value = 24,
  sym__scalar = 25,
  sym_array = 26,
  aux_sym_source_file_repeat1 = 27,
  aux_sym_array_repeat1 = 28,
};

static const char * const ts_symbol_names[] = {
  [ts_builtin_sym_end] = "end",
  [anon_sym_LBRACE] = "{",
  [anon_sym_RBRACE] = "}",
  [anon_sym_EQ] = "=",
  [sym_identifier] = "identifier",
  [sym__name_string] = "string",
  [sym__name_raw_string] = "raw_string",
  [anon_sym_LBRACK] = "[",
  [anon_sym_COMMA] = ",",
  [anon_sym_RBRACK] = "]",
  [sym_string] = "string",
  [sym_raw_string] = "raw_string",
  [sym_bare_string] = "bare_string",
  [sym_comment] = "comment",
  [sym_number] = "number",
  [sym__nul_tail] = "_nul_tail",
  [sym__open_string_at_eof] = "string",
  [sym__empty_file] = "_empty_file",
  [sym_source_file] = "source_file",
  [sym__item] = "_item",
  [sym_section] = "section",
  [sym_assignment] = "assignment",
  [sym__last_open_assignment] = "assignment",
  [sym__name] = "_name",
  [sym__value] = "_value",
  [sym__scalar] = "_scalar",
  [sym_array] = "array",
  [aux_sym_source_file_repeat1] = "source_file_repeat1",
  [aux_sym_array_repeat1] = "array_repeat1",
};

static const TSSymbol ts_symbol_map[] = {
  [ts_builtin_sym_end] = ts_builtin_sym_end,
  [anon_sym_LBRACE] = anon_sym_LBRACE,
  [anon_sym_RBRACE] = anon_sym_RBRACE,
  [anon_sym_EQ] = anon_sym_EQ,
  [sym_identifier] = sym_identifier,
  [sym__name_string] = sym_string,
  [sym__name_raw_string] = sym_raw_string,
  [anon_sym_LBRACK] = anon_sym_LBRACK,
  [anon_sym_COMMA] = anon_sym_COMMA,
  [anon_sym_RBRACK] = anon_sym_RBRACK,
  [sym_string] = sym_string,
  [sym_raw_string] = sym_raw_string,
  [sym_bare_string] = sym_bare_string,
  [sym_comment] = sym_comment,
  [sym_number] = sym_number,
  [sym__nul_tail] = sym__nul_tail,
  [sym__open_string_at_eof] = sym_string,
  [sym__empty_file] = sym__empty_file,
  [sym_source_file] = sym_source_file,
  [sym__item] = sym__item,
  [sym_section] = sym_section,
  [sym_assignment] = sym_assignment,
  [sym__last_open_assignment] = sym_assignment,
  [sym__name] = sym__name,
  [sym__value] = sym__value,
  [sym__scalar] = sym__scalar,
  [sym_array] = sym_array,
  [aux_sym_source_file_repeat1] = aux_sym_source_file_repeat1,
  [aux_sym_array_repeat1] = aux_sym_array_repeat1,
};

static const TSSymbolMetadata ts_symbol_metadata[] = {
  [ts_builtin_sym_end] = {
    .visible = false,
    .named = true,
  },
  [anon_sym_LBRACE] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_RBRACE] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_EQ] = {
    .visible = true,
    .named = false,
  },
  [sym_identifier] = {
    .visible = true,
    .named = true,
  },
  [sym__name_string] = {
    .visible = true,
    .named = true,
  },
  [sym__name_raw_string] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_LBRACK] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_COMMA] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_RBRACK] = {
    .visible = true,
    .named = false,
  },
  [sym_string] = {
    .visible = true,
    .named = true,
  },
  [sym_raw_string] = {
    .visible = true,
    .named = true,
  },
  [sym_bare_string] = {
    .visible = true,
    .named = true,
  },
  [sym_comment] = {
    .visible = true,
    .named = true,
  },
  [sym_number] = {
    .visible = true,
    .named = true,
  },
  [sym__nul_tail] = {
    .visible = false,
    .named = true,
  },
  [sym__open_string_at_eof] = {
    .visible = true,
    .named = true,
  },
  [sym__empty_file] = {
    .visible = false,
    .named = true,
  },
  [sym_source_file] = {
    .visible = true,
    .named = true,
  },
  [sym__item] = {
    .visible = false,
    .named = true,
  },
  [sym_section] = {
    .visible = true,
    .named = true,
  },
  [sym_assignment] = {
    .visible = true,
    .named = true,
  },
  [sym__last_open_assignment] = {
    .visible = true,
    .named = true,
  },
  [sym__name] = {
    .visible = false,
    .named = true,
  },
  [sym__value] = {
    .visible = false,
    .named = true,
  },
  [sym__scalar] = {
    .visible = false,
    .named = true,
  },
  [sym_array] = {
    .visible = true,
    .named = true,
  },
  [aux_sym_source_file_repeat1] = {
    .visible = false,
    .named = false,
  },
  [aux_sym_array_repeat1] = {
    .visible = false,
    .named = false,
  },
};

enum {
  field_key = 1,
  field_name = 2,
  field_value = 3,
};

static const char * const ts_field_names[] = {
  [0] = NULL,
  [field_key] = "key",
  [field_name] = "name",
  [field_value] = "value",
};

static const TSFieldMapSlice ts_field_map_slices[PRODUCTION_ID_COUNT] = {
  [1] = {.index = 0, .length = 2},
  [2] = {.index = 2, .length = 2},
  [3] = {.index = 4, .length = 1},
  [4] = {.index = 5, .length = 2},
};

static const TSFieldMapEntry ts_field_map_entries[] = {
  [0] =
    {field_key, 0, .inherited = true},
    {field_value, 0, .inherited = true},
  [2] =
    {field_key, 1, .inherited = true},
    {field_value, 1, .inherited = true},
  [4] =
    {field_name, 0},
  [5] =
    {field_key, 0},
    {field_value, 2},
};

static const TSSymbol ts_alias_sequences[PRODUCTION_ID_COUNT][MAX_ALIAS_SEQUENCE_LENGTH] = {
  [0] = {0},
};

static const uint16_t ts_non_terminal_alias_map[] = {
  0,
};

static const TSStateId ts_primary_state_ids[STATE_COUNT] = {
  [0] = 0,
  [1] = 1,
  [2] = 2,
  [3] = 3,
  [4] = 4,
  [5] = 5,
  [6] = 4,
  [7] = 7,
  [8] = 3,
  [9] = 5,
  [10] = 10,
  [11] = 10,
  [12] = 12,
  [13] = 13,
  [14] = 14,
  [15] = 14,
  [16] = 12,
  [17] = 13,
  [18] = 18,
  [19] = 19,
  [20] = 20,
  [21] = 21,
  [22] = 22,
  [23] = 23,
  [24] = 24,
  [25] = 25,
  [26] = 26,
  [27] = 27,
  [28] = 21,
  [29] = 29,
  [30] = 25,
  [31] = 24,
  [32] = 18,
  [33] = 23,
  [34] = 19,
  [35] = 20,
  [36] = 22,
  [37] = 26,
  [38] = 38,
  [39] = 39,
  [40] = 40,
  [41] = 41,
  [42] = 42,
  [43] = 42,
  [44] = 44,
  [45] = 45,
  [46] = 46,
  [47] = 47,
  [48] = 48,
  [49] = 49,
};

static bool ts_lex(TSLexer *lexer, TSStateId state) {
  START_LEXER();
  eof = lexer->eof(lexer);
  switch (state) {
    case 0:
      if (eof) ADVANCE(13);
      if (lookahead == '"') ADVANCE(1);
      if (lookahead == '#') ADVANCE(26);
      if (lookahead == '\'') ADVANCE(5);
      if (lookahead == ',') ADVANCE(21);
      if (lookahead == '=') ADVANCE(16);
      if (lookahead == '[') ADVANCE(20);
      if (lookahead == ']') ADVANCE(22);
      if (lookahead == '{') ADVANCE(14);
      if (lookahead == '}') ADVANCE(15);
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ') SKIP(0)
      if (('+' <= lookahead && lookahead <= '.') ||
          ('0' <= lookahead && lookahead <= '9')) ADVANCE(17);
      if (lookahead != 0 &&
          lookahead != 0) ADVANCE(17);
      END_STATE();
    case 1:
      if (lookahead == '"') ADVANCE(23);
      if (lookahead == '\\') ADVANCE(10);
      if (lookahead != 0 &&
          lookahead != 0) ADVANCE(3);
      END_STATE();
    case 2:
      if (lookahead == '"') ADVANCE(23);
      if (lookahead == '\\') ADVANCE(11);
      if (lookahead != 0 &&
          lookahead != 0) ADVANCE(2);
      END_STATE();
    case 3:
      if (lookahead == '"') ADVANCE(18);
      if (lookahead == '\\') ADVANCE(10);
      if (lookahead != 0 &&
          lookahead != 0) ADVANCE(3);
      END_STATE();
    case 4:
      if (lookahead == '"') ADVANCE(2);
      if (lookahead == '#') ADVANCE(26);
      if (lookahead == '\'') ADVANCE(6);
      if (lookahead == ',') ADVANCE(21);
      if (lookahead == '[') ADVANCE(20);
      if (lookahead == ']') ADVANCE(22);
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ') SKIP(4)
      if (lookahead != 0 &&
          lookahead != 0 &&
          (lookahead < '+' || '.' < lookahead) &&
          (lookahead < '0' || '9' < lookahead) &&
          lookahead != '=' &&
          lookahead != '{' &&
          lookahead != '}') ADVANCE(25);
      END_STATE();
    case 5:
      if (lookahead == '\'') ADVANCE(24);
      if (lookahead != 0 &&
          lookahead != 0) ADVANCE(7);
      END_STATE();
    case 6:
      if (lookahead == '\'') ADVANCE(24);
      if (lookahead != 0 &&
          lookahead != 0) ADVANCE(6);
      END_STATE();
    case 7:
      if (lookahead == '\'') ADVANCE(19);
      if (lookahead != 0 &&
          lookahead != 0) ADVANCE(7);
      END_STATE();
    case 8:
      if (lookahead == '\\') ADVANCE(10);
      if (lookahead != 0 &&
          lookahead != 0 &&
          lookahead != '"') ADVANCE(3);
      END_STATE();
    case 9:
      if (lookahead != 0 &&
          lookahead != 0 &&
          lookahead != '\'') ADVANCE(7);
      END_STATE();
    case 10:
      if (lookahead != 0 &&
          lookahead != 0) ADVANCE(3);
      END_STATE();
    case 11:
      if (lookahead != 0 &&
          lookahead != 0) ADVANCE(2);
      END_STATE();
    case 12:
      if (eof) ADVANCE(13);
      if (lookahead == '"') ADVANCE(8);
      if (lookahead == '#') ADVANCE(26);
      if (lookahead == '\'') ADVANCE(9);
      if (lookahead == '}') ADVANCE(15);
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ') SKIP(12)
      if (lookahead != 0 &&
          lookahead != 0 &&
          lookahead != ',' &&
          lookahead != '=' &&
          lookahead != '[' &&
          lookahead != ']' &&
          lookahead != '{') ADVANCE(17);
      END_STATE();
    case 13:
      ACCEPT_TOKEN(ts_builtin_sym_end);
      END_STATE();
    case 14:
      ACCEPT_TOKEN(anon_sym_LBRACE);
      END_STATE();
    case 15:
      ACCEPT_TOKEN(anon_sym_RBRACE);
      END_STATE();
    case 16:
      ACCEPT_TOKEN(anon_sym_EQ);
      END_STATE();
    case 17:
      ACCEPT_TOKEN(sym_identifier);
      if (lookahead != 0 &&
          lookahead != 0 &&
          (lookahead < '\t' || '\r' < lookahead) &&
          lookahead != ' ' &&
          lookahead != '#' &&
          lookahead != '=' &&
          lookahead != '{' &&
          lookahead != '}') ADVANCE(17);
      END_STATE();
    case 18:
      ACCEPT_TOKEN(sym__name_string);
      END_STATE();
    case 19:
      ACCEPT_TOKEN(sym__name_raw_string);
      END_STATE();
    case 20:
      ACCEPT_TOKEN(anon_sym_LBRACK);
      END_STATE();
    case 21:
      ACCEPT_TOKEN(anon_sym_COMMA);
      END_STATE();
    case 22:
      ACCEPT_TOKEN(anon_sym_RBRACK);
      END_STATE();
    case 23:
      ACCEPT_TOKEN(sym_string);
      END_STATE();
    case 24:
      ACCEPT_TOKEN(sym_raw_string);
      END_STATE();
    case 25:
      ACCEPT_TOKEN(sym_bare_string);
      if (lookahead != 0 &&
          lookahead != 0 &&
          (lookahead < '\t' || '\r' < lookahead) &&
          lookahead != ' ' &&
          lookahead != '#' &&
          lookahead != '=' &&
          lookahead != '{' &&
          lookahead != '}') ADVANCE(25);
      END_STATE();
    case 26:
      ACCEPT_TOKEN(sym_comment);
      if (lookahead != 0 &&
          lookahead != 0 &&
          lookahead != '\n') ADVANCE(26);
      END_STATE();
    default:
      return false;
  }
}

static const TSLexMode ts_lex_modes[STATE_COUNT] = {
  [0] = {.lex_state = 0, .external_lex_state = 1},
  [1] = {.lex_state = 12, .external_lex_state = 2},
  [2] = {.lex_state = 12, .external_lex_state = 3},
  [3] = {.lex_state = 12, .external_lex_state = 3},
  [4] = {.lex_state = 12},
  [5] = {.lex_state = 12},
  [6] = {.lex_state = 12},
  [7] = {.lex_state = 4, .external_lex_state = 4},
  [8] = {.lex_state = 12},
  [9] = {.lex_state = 12},
  [10] = {.lex_state = 4, .external_lex_state = 5},
  [11] = {.lex_state = 4, .external_lex_state = 5},
  [12] = {.lex_state = 4, .external_lex_state = 5},
  [13] = {.lex_state = 4, .external_lex_state = 5},
  [14] = {.lex_state = 4, .external_lex_state = 5},
  [15] = {.lex_state = 4, .external_lex_state = 5},
  [16] = {.lex_state = 4, .external_lex_state = 5},
  [17] = {.lex_state = 4, .external_lex_state = 5},
  [18] = {.lex_state = 12, .external_lex_state = 3},
  [19] = {.lex_state = 12, .external_lex_state = 3},
  [20] = {.lex_state = 12, .external_lex_state = 3},
  [21] = {.lex_state = 4},
  [22] = {.lex_state = 12, .external_lex_state = 3},
  [23] = {.lex_state = 12, .external_lex_state = 3},
  [24] = {.lex_state = 12, .external_lex_state = 3},
  [25] = {.lex_state = 4},
  [26] = {.lex_state = 12, .external_lex_state = 3},
  [27] = {.lex_state = 4},
  [28] = {.lex_state = 4},
  [29] = {.lex_state = 4, .external_lex_state = 5},
  [30] = {.lex_state = 4},
  [31] = {.lex_state = 12},
  [32] = {.lex_state = 12},
  [33] = {.lex_state = 12},
  [34] = {.lex_state = 12},
  [35] = {.lex_state = 12},
  [36] = {.lex_state = 12},
  [37] = {.lex_state = 12},
  [38] = {.lex_state = 4},
  [39] = {.lex_state = 0},
  [40] = {.lex_state = 0, .external_lex_state = 3},
  [41] = {.lex_state = 0, .external_lex_state = 3},
  [42] = {.lex_state = 0},
  [43] = {.lex_state = 0},
  [44] = {.lex_state = 0, .external_lex_state = 3},
  [45] = {.lex_state = 0},
  [46] = {.lex_state = 0},
  [47] = {.lex_state = 0},
  [48] = {.lex_state = 0},
  [49] = {.lex_state = 0},
};

enum {
  ts_external_token_number = 0,
  ts_external_token__nul_tail = 1,
  ts_external_token__open_string_at_eof = 2,
  ts_external_token__empty_file = 3,
};

static const TSSymbol ts_external_scanner_symbol_map[EXTERNAL_TOKEN_COUNT] = {
  [ts_external_token_number] = sym_number,
  [ts_external_token__nul_tail] = sym__nul_tail,
  [ts_external_token__open_string_at_eof] = sym__open_string_at_eof,
  [ts_external_token__empty_file] = sym__empty_file,
};

static const bool ts_external_scanner_states[6][EXTERNAL_TOKEN_COUNT] = {
  [1] = {
    [ts_external_token_number] = true,
    [ts_external_token__nul_tail] = true,
    [ts_external_token__open_string_at_eof] = true,
    [ts_external_token__empty_file] = true,
  },
  [2] = {
    [ts_external_token__empty_file] = true,
  },
  [3] = {
    [ts_external_token__nul_tail] = true,
  },
  [4] = {
    [ts_external_token_number] = true,
    [ts_external_token__open_string_at_eof] = true,
  },
  [5] = {
    [ts_external_token_number] = true,
  },
};

static const uint16_t ts_parse_table[LARGE_STATE_COUNT][SYMBOL_COUNT] = {
  [0] = {
    [ts_builtin_sym_end] = ACTIONS(1),
    [anon_sym_LBRACE] = ACTIONS(1),
    [anon_sym_RBRACE] = ACTIONS(1),
    [anon_sym_EQ] = ACTIONS(1),
    [sym_identifier] = ACTIONS(1),
    [sym__name_string] = ACTIONS(1),
    [sym__name_raw_string] = ACTIONS(1),
    [anon_sym_LBRACK] = ACTIONS(1),
    [anon_sym_COMMA] = ACTIONS(1),
    [anon_sym_RBRACK] = ACTIONS(1),
    [sym_string] = ACTIONS(1),
    [sym_raw_string] = ACTIONS(1),
    [sym_bare_string] = ACTIONS(1),
    [sym_comment] = ACTIONS(3),
    [sym_number] = ACTIONS(1),
    [sym__nul_tail] = ACTIONS(1),
    [sym__open_string_at_eof] = ACTIONS(1),
    [sym__empty_file] = ACTIONS(1),
  },
  [1] = {
    [sym_source_file] = STATE(46),
    [sym__item] = STATE(2),
    [sym_section] = STATE(2),
    [sym_assignment] = STATE(2),
    [sym__last_open_assignment] = STATE(40),
    [sym__name] = STATE(39),
    [aux_sym_source_file_repeat1] = STATE(2),
    [sym_identifier] = ACTIONS(5),
    [sym__name_string] = ACTIONS(5),
    [sym__name_raw_string] = ACTIONS(5),
    [sym_comment] = ACTIONS(3),
    [sym__empty_file] = ACTIONS(7),
  },
};

static const uint16_t ts_small_parse_table[] = {
  [0] = 7,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(9), 1,
      ts_builtin_sym_end,
    ACTIONS(11), 1,
      sym__nul_tail,
    STATE(39), 1,
      sym__name,
    STATE(41), 1,
      sym__last_open_assignment,
    ACTIONS(5), 3,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
    STATE(3), 4,
      sym__item,
      sym_section,
      sym_assignment,
      aux_sym_source_file_repeat1,
  [27] = 5,
    ACTIONS(3), 1,
      sym_comment,
    STATE(42), 1,
      sym__name,
    ACTIONS(13), 2,
      sym__nul_tail,
      ts_builtin_sym_end,
    ACTIONS(15), 3,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
    STATE(3), 4,
      sym__item,
      sym_section,
      sym_assignment,
      aux_sym_source_file_repeat1,
  [49] = 5,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(18), 1,
      anon_sym_RBRACE,
    STATE(43), 1,
      sym__name,
    ACTIONS(20), 3,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
    STATE(9), 4,
      sym__item,
      sym_section,
      sym_assignment,
      aux_sym_source_file_repeat1,
  [70] = 5,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(22), 1,
      anon_sym_RBRACE,
    STATE(43), 1,
      sym__name,
    ACTIONS(20), 3,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
    STATE(8), 4,
      sym__item,
      sym_section,
      sym_assignment,
      aux_sym_source_file_repeat1,
  [91] = 5,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(24), 1,
      anon_sym_RBRACE,
    STATE(43), 1,
      sym__name,
    ACTIONS(20), 3,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
    STATE(5), 4,
      sym__item,
      sym_section,
      sym_assignment,
      aux_sym_source_file_repeat1,
  [112] = 5,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(26), 1,
      anon_sym_LBRACK,
    ACTIONS(30), 1,
      sym__open_string_at_eof,
    STATE(18), 3,
      sym__value,
      sym__scalar,
      sym_array,
    ACTIONS(28), 4,
      sym_number,
      sym_string,
      sym_raw_string,
      sym_bare_string,
  [133] = 5,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(13), 1,
      anon_sym_RBRACE,
    STATE(43), 1,
      sym__name,
    ACTIONS(32), 3,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
    STATE(8), 4,
      sym__item,
      sym_section,
      sym_assignment,
      aux_sym_source_file_repeat1,
  [154] = 5,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(35), 1,
      anon_sym_RBRACE,
    STATE(43), 1,
      sym__name,
    ACTIONS(20), 3,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
    STATE(8), 4,
      sym__item,
      sym_section,
      sym_assignment,
      aux_sym_source_file_repeat1,
  [175] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(37), 1,
      anon_sym_LBRACK,
    STATE(32), 3,
      sym__value,
      sym__scalar,
      sym_array,
    ACTIONS(39), 4,
      sym_number,
      sym_string,
      sym_raw_string,
      sym_bare_string,
  [193] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(26), 1,
      anon_sym_LBRACK,
    STATE(18), 3,
      sym__value,
      sym__scalar,
      sym_array,
    ACTIONS(28), 4,
      sym_number,
      sym_string,
      sym_raw_string,
      sym_bare_string,
  [211] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(41), 1,
      anon_sym_RBRACK,
    STATE(38), 1,
      sym__scalar,
    ACTIONS(43), 4,
      sym_number,
      sym_string,
      sym_raw_string,
      sym_bare_string,
  [227] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(45), 1,
      anon_sym_RBRACK,
    STATE(21), 1,
      sym__scalar,
    ACTIONS(47), 4,
      sym_number,
      sym_string,
      sym_raw_string,
      sym_bare_string,
  [243] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(49), 1,
      anon_sym_RBRACK,
    STATE(38), 1,
      sym__scalar,
    ACTIONS(43), 4,
      sym_number,
      sym_string,
      sym_raw_string,
      sym_bare_string,
  [259] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(51), 1,
      anon_sym_RBRACK,
    STATE(38), 1,
      sym__scalar,
    ACTIONS(43), 4,
      sym_number,
      sym_string,
      sym_raw_string,
      sym_bare_string,
  [275] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(53), 1,
      anon_sym_RBRACK,
    STATE(38), 1,
      sym__scalar,
    ACTIONS(43), 4,
      sym_number,
      sym_string,
      sym_raw_string,
      sym_bare_string,
  [291] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(55), 1,
      anon_sym_RBRACK,
    STATE(28), 1,
      sym__scalar,
    ACTIONS(57), 4,
      sym_number,
      sym_string,
      sym_raw_string,
      sym_bare_string,
  [307] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(59), 5,
      sym__nul_tail,
      ts_builtin_sym_end,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
  [318] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(61), 5,
      sym__nul_tail,
      ts_builtin_sym_end,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
  [329] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(63), 5,
      sym__nul_tail,
      ts_builtin_sym_end,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
  [340] = 5,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(65), 1,
      anon_sym_COMMA,
    ACTIONS(67), 1,
      anon_sym_RBRACK,
    STATE(25), 1,
      aux_sym_array_repeat1,
    ACTIONS(69), 2,
      sym_string,
      sym_raw_string,
  [357] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(71), 5,
      sym__nul_tail,
      ts_builtin_sym_end,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
  [368] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(73), 5,
      sym__nul_tail,
      ts_builtin_sym_end,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
  [379] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(75), 5,
      sym__nul_tail,
      ts_builtin_sym_end,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
  [390] = 5,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(49), 1,
      anon_sym_RBRACK,
    ACTIONS(77), 1,
      anon_sym_COMMA,
    STATE(27), 1,
      aux_sym_array_repeat1,
    ACTIONS(79), 2,
      sym_string,
      sym_raw_string,
  [407] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(81), 5,
      sym__nul_tail,
      ts_builtin_sym_end,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
  [418] = 5,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(83), 1,
      anon_sym_COMMA,
    ACTIONS(86), 1,
      anon_sym_RBRACK,
    STATE(27), 1,
      aux_sym_array_repeat1,
    ACTIONS(88), 2,
      sym_string,
      sym_raw_string,
  [435] = 5,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(91), 1,
      anon_sym_COMMA,
    ACTIONS(93), 1,
      anon_sym_RBRACK,
    STATE(30), 1,
      aux_sym_array_repeat1,
    ACTIONS(95), 2,
      sym_string,
      sym_raw_string,
  [452] = 3,
    ACTIONS(3), 1,
      sym_comment,
    STATE(38), 1,
      sym__scalar,
    ACTIONS(43), 4,
      sym_number,
      sym_string,
      sym_raw_string,
      sym_bare_string,
  [465] = 5,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(51), 1,
      anon_sym_RBRACK,
    ACTIONS(97), 1,
      anon_sym_COMMA,
    STATE(27), 1,
      aux_sym_array_repeat1,
    ACTIONS(79), 2,
      sym_string,
      sym_raw_string,
  [482] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(75), 4,
      anon_sym_RBRACE,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
  [492] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(59), 4,
      anon_sym_RBRACE,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
  [502] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(73), 4,
      anon_sym_RBRACE,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
  [512] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(61), 4,
      anon_sym_RBRACE,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
  [522] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(63), 4,
      anon_sym_RBRACE,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
  [532] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(71), 4,
      anon_sym_RBRACE,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
  [542] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(81), 4,
      anon_sym_RBRACE,
      sym_identifier,
      sym__name_string,
      sym__name_raw_string,
  [552] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(86), 4,
      anon_sym_COMMA,
      anon_sym_RBRACK,
      sym_string,
      sym_raw_string,
  [562] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(99), 1,
      anon_sym_LBRACE,
    ACTIONS(101), 1,
      anon_sym_EQ,
  [572] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(103), 1,
      ts_builtin_sym_end,
    ACTIONS(105), 1,
      sym__nul_tail,
  [582] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(107), 1,
      ts_builtin_sym_end,
    ACTIONS(109), 1,
      sym__nul_tail,
  [592] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(99), 1,
      anon_sym_LBRACE,
    ACTIONS(111), 1,
      anon_sym_EQ,
  [602] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(113), 1,
      anon_sym_LBRACE,
    ACTIONS(115), 1,
      anon_sym_EQ,
  [612] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(117), 2,
      sym__nul_tail,
      ts_builtin_sym_end,
  [620] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(9), 1,
      ts_builtin_sym_end,
  [627] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(119), 1,
      ts_builtin_sym_end,
  [634] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(121), 1,
      ts_builtin_sym_end,
  [641] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(123), 1,
      ts_builtin_sym_end,
  [648] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(125), 1,
      ts_builtin_sym_end,
};

static const uint32_t ts_small_parse_table_map[] = {
  [SMALL_STATE(2)] = 0,
  [SMALL_STATE(3)] = 27,
  [SMALL_STATE(4)] = 49,
  [SMALL_STATE(5)] = 70,
  [SMALL_STATE(6)] = 91,
  [SMALL_STATE(7)] = 112,
  [SMALL_STATE(8)] = 133,
  [SMALL_STATE(9)] = 154,
  [SMALL_STATE(10)] = 175,
  [SMALL_STATE(11)] = 193,
  [SMALL_STATE(12)] = 211,
  [SMALL_STATE(13)] = 227,
  [SMALL_STATE(14)] = 243,
  [SMALL_STATE(15)] = 259,
  [SMALL_STATE(16)] = 275,
  [SMALL_STATE(17)] = 291,
  [SMALL_STATE(18)] = 307,
  [SMALL_STATE(19)] = 318,
  [SMALL_STATE(20)] = 329,
  [SMALL_STATE(21)] = 340,
  [SMALL_STATE(22)] = 357,
  [SMALL_STATE(23)] = 368,
  [SMALL_STATE(24)] = 379,
  [SMALL_STATE(25)] = 390,
  [SMALL_STATE(26)] = 407,
  [SMALL_STATE(27)] = 418,
  [SMALL_STATE(28)] = 435,
  [SMALL_STATE(29)] = 452,
  [SMALL_STATE(30)] = 465,
  [SMALL_STATE(31)] = 482,
  [SMALL_STATE(32)] = 492,
  [SMALL_STATE(33)] = 502,
  [SMALL_STATE(34)] = 512,
  [SMALL_STATE(35)] = 522,
  [SMALL_STATE(36)] = 532,
  [SMALL_STATE(37)] = 542,
  [SMALL_STATE(38)] = 552,
  [SMALL_STATE(39)] = 562,
  [SMALL_STATE(40)] = 572,
  [SMALL_STATE(41)] = 582,
  [SMALL_STATE(42)] = 592,
  [SMALL_STATE(43)] = 602,
  [SMALL_STATE(44)] = 612,
  [SMALL_STATE(45)] = 620,
  [SMALL_STATE(46)] = 627,
  [SMALL_STATE(47)] = 634,
  [SMALL_STATE(48)] = 641,
  [SMALL_STATE(49)] = 648,
};

static const TSParseActionEntry ts_parse_actions[] = {
  [0] = {.entry = {.count = 0, .reusable = false}},
  [1] = {.entry = {.count = 1, .reusable = false}}, RECOVER(),
  [3] = {.entry = {.count = 1, .reusable = true}}, SHIFT_EXTRA(),
  [5] = {.entry = {.count = 1, .reusable = true}}, SHIFT(39),
  [7] = {.entry = {.count = 1, .reusable = true}}, SHIFT(45),
  [9] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_file, 1),
  [11] = {.entry = {.count = 1, .reusable = true}}, SHIFT(48),
  [13] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2),
  [15] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2), SHIFT_REPEAT(42),
  [18] = {.entry = {.count = 1, .reusable = true}}, SHIFT(34),
  [20] = {.entry = {.count = 1, .reusable = true}}, SHIFT(43),
  [22] = {.entry = {.count = 1, .reusable = true}}, SHIFT(22),
  [24] = {.entry = {.count = 1, .reusable = true}}, SHIFT(19),
  [26] = {.entry = {.count = 1, .reusable = true}}, SHIFT(13),
  [28] = {.entry = {.count = 1, .reusable = true}}, SHIFT(18),
  [30] = {.entry = {.count = 1, .reusable = true}}, SHIFT(44),
  [32] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2), SHIFT_REPEAT(43),
  [35] = {.entry = {.count = 1, .reusable = true}}, SHIFT(36),
  [37] = {.entry = {.count = 1, .reusable = true}}, SHIFT(17),
  [39] = {.entry = {.count = 1, .reusable = true}}, SHIFT(32),
  [41] = {.entry = {.count = 1, .reusable = true}}, SHIFT(37),
  [43] = {.entry = {.count = 1, .reusable = true}}, SHIFT(38),
  [45] = {.entry = {.count = 1, .reusable = true}}, SHIFT(20),
  [47] = {.entry = {.count = 1, .reusable = true}}, SHIFT(21),
  [49] = {.entry = {.count = 1, .reusable = true}}, SHIFT(24),
  [51] = {.entry = {.count = 1, .reusable = true}}, SHIFT(31),
  [53] = {.entry = {.count = 1, .reusable = true}}, SHIFT(26),
  [55] = {.entry = {.count = 1, .reusable = true}}, SHIFT(35),
  [57] = {.entry = {.count = 1, .reusable = true}}, SHIFT(28),
  [59] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_assignment, 3, .production_id = 4),
  [61] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_section, 3, .production_id = 3),
  [63] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_array, 2),
  [65] = {.entry = {.count = 1, .reusable = true}}, SHIFT(14),
  [67] = {.entry = {.count = 1, .reusable = true}}, SHIFT(23),
  [69] = {.entry = {.count = 1, .reusable = true}}, SHIFT(25),
  [71] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_section, 4, .production_id = 3),
  [73] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_array, 3),
  [75] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_array, 4),
  [77] = {.entry = {.count = 1, .reusable = true}}, SHIFT(16),
  [79] = {.entry = {.count = 1, .reusable = true}}, SHIFT(27),
  [81] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_array, 5),
  [83] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_array_repeat1, 2), SHIFT_REPEAT(29),
  [86] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_array_repeat1, 2),
  [88] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_array_repeat1, 2), SHIFT_REPEAT(27),
  [91] = {.entry = {.count = 1, .reusable = true}}, SHIFT(15),
  [93] = {.entry = {.count = 1, .reusable = true}}, SHIFT(33),
  [95] = {.entry = {.count = 1, .reusable = true}}, SHIFT(30),
  [97] = {.entry = {.count = 1, .reusable = true}}, SHIFT(12),
  [99] = {.entry = {.count = 1, .reusable = true}}, SHIFT(6),
  [101] = {.entry = {.count = 1, .reusable = true}}, SHIFT(7),
  [103] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_file, 1, .production_id = 1),
  [105] = {.entry = {.count = 1, .reusable = true}}, SHIFT(49),
  [107] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_file, 2, .production_id = 2),
  [109] = {.entry = {.count = 1, .reusable = true}}, SHIFT(47),
  [111] = {.entry = {.count = 1, .reusable = true}}, SHIFT(11),
  [113] = {.entry = {.count = 1, .reusable = true}}, SHIFT(4),
  [115] = {.entry = {.count = 1, .reusable = true}}, SHIFT(10),
  [117] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__last_open_assignment, 3, .production_id = 4),
  [119] = {.entry = {.count = 1, .reusable = true}},  ACCEPT_INPUT(),
  [121] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_file, 3, .production_id = 2),
  [123] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_file, 2),
  [125] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_file, 2, .production_id = 1),
};

#ifdef __cplusplus
extern "C" {
#endif
void *tree_sitter_lvm_external_scanner_create(void);
void tree_sitter_lvm_external_scanner_destroy(void *);
bool tree_sitter_lvm_external_scanner_scan(void *, TSLexer *, const bool *);
unsigned tree_sitter_lvm_external_scanner_serialize(void *, char *);
void tree_sitter_lvm_external_scanner_deserialize(void *, const char *, unsigned);

#ifdef _WIN32
#define extern __declspec(dllexport)
#endif

extern const TSLanguage *tree_sitter_lvm(void) {
  static const TSLanguage language = {
    .version = LANGUAGE_VERSION,
    .symbol_count = SYMBOL_COUNT,
    .alias_count = ALIAS_COUNT,
    .token_count = TOKEN_COUNT,
    .external_token_count = EXTERNAL_TOKEN_COUNT,
    .state_count = STATE_COUNT,
    .large_state_count = LARGE_STATE_COUNT,
    .production_id_count = PRODUCTION_ID_COUNT,
    .field_count = FIELD_COUNT,
    .max_alias_sequence_length = MAX_ALIAS_SEQUENCE_LENGTH,
    .parse_table = &ts_parse_table[0][0],
    .small_parse_table = ts_small_parse_table,
    .small_parse_table_map = ts_small_parse_table_map,
    .parse_actions = ts_parse_actions,
    .symbol_names = ts_symbol_names,
    .field_names = ts_field_names,
    .field_map_slices = ts_field_map_slices,
    .field_map_entries = ts_field_map_entries,
    .symbol_metadata = ts_symbol_metadata,
    .public_symbol_map = ts_symbol_map,
    .alias_map = ts_non_terminal_alias_map,
    .alias_sequences = &ts_alias_sequences[0][0],
    .lex_modes = ts_lex_modes,
    .lex_fn = ts_lex,
    .external_scanner = {
      &ts_external_scanner_states[0][0],
      ts_external_scanner_symbol_map,
      tree_sitter_lvm_external_scanner_create,
      tree_sitter_lvm_external_scanner_destroy,
      tree_sitter_lvm_external_scanner_scan,
      tree_sitter_lvm_external_scanner_serialize,
      tree_sitter_lvm_external_scanner_deserialize,
    },
    .primary_state_ids = ts_primary_state_ids,
  };
  return &language;
}
#ifdef __cplusplus
}
#endif
