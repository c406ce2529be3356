; Helix indents: kickstart commands and section headers have no nesting, and script bodies keep
; their author's indentation, so this grammar captures nothing for indentation.
