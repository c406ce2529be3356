; tree-sitter-lvm injects no other language (lvm2 values are plain strings; device filters use
; libdm's own regex dialect). Comments may hold notes for spell checking only.
((comment) @injection.content
 (#set! injection.language "comment"))
