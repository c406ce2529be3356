; Kickstart highlighting (tree-sitter-kickstart).
(comment) @comment

(command_name) @function.builtin

(section_name) @keyword
(section_end) @keyword
(directive) @keyword.directive

(option) @property

(word) @string

; Section bodies are raw: script bodies get a language by injection (injections.scm);
; %packages lines are package names.
((section
  header: (section_header name: (section_name) @_n)
  (body) @string.special)
 (#eq? @_n "%packages"))
