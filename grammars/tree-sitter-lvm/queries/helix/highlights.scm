; Helix highlights for tree-sitter-lvm. Helix gives a node the capture of the FIRST pattern that
; matches it, so special cases come before the general patterns (the reverse of Neovim's order).
; Capture names from Helix's theme scopes.

(comment) @comment

; Words lvm2 reads as booleans where a setting is boolean (before bare_string, so they win).
((bare_string) @constant.builtin.boolean
 (#match? @constant.builtin.boolean "^([yY]([eE][sS])?|[nN][oO]?|[oO][nN]|[oO][fF][fF]|[tT][rR][uU][eE]|[fF][aA][lL][sS][eE])$"))

(section name: (identifier) @namespace)
(section name: (string) @namespace)
(section name: (raw_string) @namespace)

(assignment key: (identifier) @variable.other.member)
(assignment key: (string) @variable.other.member)
(assignment key: (raw_string) @variable.other.member)

(number) @constant.numeric
(string) @string
(raw_string) @string
(bare_string) @string.special

"=" @operator
["{" "}" "[" "]"] @punctuation.bracket
"," @punctuation.delimiter
