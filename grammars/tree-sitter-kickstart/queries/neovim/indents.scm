; Neovim indents: kickstart commands and section headers start at column 0; script bodies keep
; whatever indentation their author gave them (the injected language's indents apply there).
(command) @indent.zero
(section_header) @indent.zero
(section_end) @indent.zero
(body) @indent.auto
