; Sections and multi-line arrays fold.
(section) @fold
(array) @fold
