module github.com/blockwise/blockwise/grammars/tree-sitter-kickstart

go 1.22

require github.com/tree-sitter/go-tree-sitter v0.25.0
