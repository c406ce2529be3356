// Package tree_sitter_kickstart is the Kickstart grammar for tree-sitter.
package tree_sitter_kickstart

// #cgo CFLAGS: -std=c11 -fPIC
// #include "../../src/parser.c"
// #include "../../src/scanner.c"
import "C"

import "unsafe"

// Language returns the tree-sitter language of this grammar (for tree_sitter.NewLanguage).
func Language() unsafe.Pointer {
	return unsafe.Pointer(C.tree_sitter_kickstart())
}
