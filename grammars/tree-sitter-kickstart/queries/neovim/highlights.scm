; Neovim highlights for tree-sitter-kickstart. Neovim lets a later pattern win over an earlier one
; on the same node: general patterns first, special cases after them.

(comment) @comment @spell

(command_name) @function.builtin

(section_name) @keyword
(section_end) @keyword
(directive) @keyword.directive

(option) @property

(word) @string

; %packages bodies are package names (after the general patterns, so this wins).
((section
  header: (section_header name: (section_name) @_name)
  (body) @string.special)
 (#eq? @_name "%packages"))
