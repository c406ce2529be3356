; tree-sitter-lvm injects no other language; comments go to Helix's comment grammar (TODO, FIXME).
((comment) @injection.content
 (#set! injection.language "comment"))
