package tree_sitter_lvm_test

import (
	"testing"

	tree_sitter "github.com/tree-sitter/go-tree-sitter"
	tree_sitter_lvm "github.com/blockwise/blockwise/grammars/tree-sitter-lvm/bindings/go"
)

func TestCanLoadGrammar(t *testing.T) {
	language := tree_sitter.NewLanguage(tree_sitter_lvm.Language())
	if language == nil {
		t.Errorf("Error loading the LVM grammar")
	}
}
