from unittest import TestCase

import tree_sitter_lvm


class TestLanguage(TestCase):
    def test_can_load_grammar(self):
        try:
            import tree_sitter
        except ImportError:
            self.skipTest("py-tree-sitter is not installed")
        tree_sitter.Language(tree_sitter_lvm.language())
