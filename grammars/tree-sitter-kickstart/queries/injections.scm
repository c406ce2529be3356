; Script sections run under /bin/sh unless --interpreter names another program. Every body
; node of one section is one script (an %include line inside it is not part of the script).
; The --interpreter option can be abbreviated to any prefix of at least "--i" (it is the only
; script-section option starting with i).

; No --interpreter: the default shell.
((section
  header: (section_header name: (section_name) @_n) @_h
  (body) @injection.content)
 (#match? @_n "^%(pre|pre-install|post|onerror|traceback)$")
 (#not-match? @_h "--i")
 (#set! injection.language "bash")
 (#set! injection.combined))

; A shell interpreter: sh, bash, dash, ksh, zsh, busybox sh.
((section
  header: (section_header name: (section_name) @_n) @_h
  (body) @injection.content)
 (#match? @_n "^%(pre|pre-install|post|onerror|traceback)$")
 (#match? @_h "--i[a-z]*[= ]+[\"']?[^ \"']*/(ba|da|k|z)?sh[\"']?(\\s|$)")
 (#set! injection.language "bash")
 (#set! injection.combined))

; Python.
((section
  header: (section_header name: (section_name) @_n) @_h
  (body) @injection.content)
 (#match? @_n "^%(pre|pre-install|post|onerror|traceback)$")
 (#match? @_h "--i[a-z]*[= ]+[\"']?[^ \"']*python[0-9.]*[\"']?(\\s|$)")
 (#set! injection.language "python")
 (#set! injection.combined))

; Perl.
((section
  header: (section_header name: (section_name) @_n) @_h
  (body) @injection.content)
 (#match? @_n "^%(pre|pre-install|post|onerror|traceback)$")
 (#match? @_h "--i[a-z]*[= ]+[\"']?[^ \"']*perl[0-9.]*[\"']?(\\s|$)")
 (#set! injection.language "perl")
 (#set! injection.combined))
