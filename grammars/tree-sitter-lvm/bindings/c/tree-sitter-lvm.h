#ifndef TREE_SITTER_LVM_H_
#define TREE_SITTER_LVM_H_

/* The LVM language for the tree-sitter C library: ts_parser_set_language(parser, tree_sitter_lvm()). */

typedef struct TSLanguage TSLanguage;

#ifdef __cplusplus
extern "C" {
#endif

const TSLanguage *tree_sitter_lvm(void);

#ifdef __cplusplus
}
#endif

#endif /* TREE_SITTER_LVM_H_ */
