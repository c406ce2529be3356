package tree_sitter_kickstart_test

import (
	"testing"

	tree_sitter "github.com/tree-sitter/go-tree-sitter"
	tree_sitter_kickstart "github.com/blockwise/blockwise/grammars/tree-sitter-kickstart/bindings/go"
)

func TestCanLoadGrammar(t *testing.T) {
	language := tree_sitter.NewLanguage(tree_sitter_kickstart.Language())
	if language == nil {
		t.Errorf("Error loading the Kickstart grammar")
	}
}
