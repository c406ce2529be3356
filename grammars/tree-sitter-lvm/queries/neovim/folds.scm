; Neovim folds: sections and multi-line arrays.
[
  (section)
  (array)
] @fold
