; Neovim folds: a section from its header to its %end (or to the next section).
(section) @fold
