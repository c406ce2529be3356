; Neovim indents (nvim-treesitter's indent captures): a section's and an array's contents are
; indented one level; the closing bracket goes back to the opening line's level.
[
  (section)
  (array)
] @indent.begin

[
  "}"
  "]"
] @indent.branch @indent.end

(comment) @indent.auto
