; tree-sitter-lvm injects no other language: lvm2 values are plain strings. Device filters
; (`a|regex|`) use libdm's own regex dialect, which no tree-sitter grammar covers, so they are
; checked by the analysis (server/src/lvmconf) instead. This file is intentionally empty.
