/* Parses each file named on the command line with the grammar's C library and the tree-sitter C
 * library, and prints each root node's S-expression on one line (test/grammar/c-binding.test.ts
 * compares them with web-tree-sitter's). Built with the grammar's installed header and pkg-config:
 *   cc -DGRAMMAR_HEADER='<tree_sitter/tree-sitter-NAME.h>' -DLANGUAGE=tree_sitter_NAME ... */
#include <stdio.h>
#include <stdlib.h>
#include <tree_sitter/api.h>
#include GRAMMAR_HEADER

static char *slurp(const char *path, long *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  *len = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)*len + 1);
  if (buf && fread(buf, 1, (size_t)*len, f) != (size_t)*len) {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  return buf;
}

int main(int argc, char **argv) {
  TSParser *parser = ts_parser_new();
  if (!ts_parser_set_language(parser, LANGUAGE())) {
    fprintf(stderr, "language version %u not accepted by this libtree-sitter\n", ts_language_version(LANGUAGE()));
    return 2;
  }
  for (int i = 1; i < argc; i++) {
    long len = 0;
    char *text = slurp(argv[i], &len);
    if (!text) {
      fprintf(stderr, "cannot read %s\n", argv[i]);
      return 2;
    }
    TSTree *tree = ts_parser_parse_string(parser, NULL, text, (uint32_t)len);
    char *s = ts_node_string(ts_tree_root_node(tree));
    printf("%s\n", s);
    free(s);
    ts_tree_delete(tree);
    free(text);
  }
  ts_parser_delete(parser);
  return 0;
}
