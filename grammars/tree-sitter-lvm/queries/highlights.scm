; Highlights for tree-sitter-lvm (lvm.conf, lvmlocal.conf, profiles, metadata backups).

(comment) @comment

(section name: (identifier) @namespace)
(section name: (string) @namespace)
(section name: (raw_string) @namespace)

(assignment key: (identifier) @property)
(assignment key: (string) @property)
(assignment key: (raw_string) @property)

(number) @number
(string) @string
(raw_string) @string
(bare_string) @string.special

; Boolean-like words lvm2 accepts for boolean settings.
((bare_string) @boolean
 (#match? @boolean "^([yY]([eE][sS])?|[nN][oO]?|[oO][nN]|[oO][fF][fF]|[tT][rR][uU][eE]|[fF][aA][lL][sS][eE])$"))

"=" @operator
["{" "}" "[" "]"] @punctuation.bracket
"," @punctuation.delimiter
