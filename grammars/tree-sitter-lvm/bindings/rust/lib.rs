//! LVM grammar for tree-sitter: the libdm-config syntax of lvm2 (lvm.conf, lvmlocal.conf, profiles, LVM metadata backups).
//!
//! ```
//! let mut parser = tree_sitter::Parser::new();
//! parser.set_language(&tree_sitter_lvm::LANGUAGE.into()).expect("loading the LVM grammar");
//! let tree = parser.parse("# comment\n", None).unwrap();
//! assert!(!tree.root_node().has_error());
//! ```

use tree_sitter_language::LanguageFn;

extern "C" {
    fn tree_sitter_lvm() -> *const ();
}

/// The tree-sitter language of this grammar.
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_lvm) };

/// The node types (src/node-types.json).
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");

/// The highlight query.
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");

/// The injection query.
pub const INJECTIONS_QUERY: &str = include_str!("../../queries/injections.scm");

/// The fold query.
pub const FOLDS_QUERY: &str = include_str!("../../queries/folds.scm");

#[cfg(test)]
mod tests {
    #[test]
    fn loads() {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&super::LANGUAGE.into()).expect("loading the LVM grammar");
    }
}
