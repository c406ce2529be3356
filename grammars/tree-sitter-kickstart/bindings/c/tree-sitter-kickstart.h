#ifndef TREE_SITTER_KICKSTART_H_
#define TREE_SITTER_KICKSTART_H_

/* The Kickstart language for the tree-sitter C library: ts_parser_set_language(parser, tree_sitter_kickstart()). */

typedef struct TSLanguage TSLanguage;

#ifdef __cplusplus
extern "C" {
#endif

const TSLanguage *tree_sitter_kickstart(void);

#ifdef __cplusplus
}
#endif

#endif /* TREE_SITTER_KICKSTART_H_ */
