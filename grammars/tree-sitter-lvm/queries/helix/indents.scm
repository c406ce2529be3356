; Helix indents: inside a section or an array one level deeper; the closing bracket outdents.
[
  (section)
  (array)
] @indent

[
  "}"
  "]"
] @outdent
