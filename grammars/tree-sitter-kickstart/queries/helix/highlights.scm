; Helix highlights for tree-sitter-kickstart. Helix gives a node the capture of the FIRST pattern
; that matches it, so special cases come before the general patterns.

; %packages bodies are package names: a special case, so it comes first.
((section
  header: (section_header name: (section_name) @_name)
  (body) @string.special)
 (#eq? @_name "%packages"))

(comment) @comment

(command_name) @function.builtin

(section_name) @keyword
(section_end) @keyword
(directive) @keyword.directive

(option) @attribute

(word) @string
