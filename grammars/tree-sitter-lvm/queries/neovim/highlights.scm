; Neovim highlights for tree-sitter-lvm (lvm.conf, lvmlocal.conf, profiles, metadata backups).
; Neovim lets a later pattern win over an earlier one on the same node: general patterns first,
; special cases after them. Capture names as Neovim 0.10 and nvim-treesitter use them.

(comment) @comment @spell

(section name: (identifier) @module)
(section name: (string) @module)
(section name: (raw_string) @module)

(assignment key: (identifier) @property)
(assignment key: (string) @property)
(assignment key: (raw_string) @property)

(number) @number
(string) @string
(raw_string) @string
(bare_string) @string.special

; Words lvm2 reads as booleans where a setting is boolean (after bare_string, so they win).
((bare_string) @boolean
 (#any-of? @boolean "y" "Y" "yes" "Yes" "YES" "n" "N" "no" "No" "NO" "on" "On" "ON" "off" "Off" "OFF" "true" "True" "TRUE" "false" "False" "FALSE"))

"=" @operator
["{" "}" "[" "]"] @punctuation.bracket
"," @punctuation.delimiter
