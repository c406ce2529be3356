; Neovim injections: %pre, %pre-install, %post, %onerror and %traceback bodies are scripts run by
; /bin/sh unless --interpreter names another program (any prefix of --interpreter from --i).
; Each directive is written twice: `injection.language`/`injection.combined` (Neovim 0.9 and
; later) and `language`/`combined` (Neovim 0.7 and 0.8, whose #set! needs a value); each
; version ignores the other's.
; #match? is Vim's regex dialect here, very magic unless the pattern says otherwise: \m makes
; it magic (\| alternation, \( \) groups, \> end of a word: a header node ends with its
; newline, which Vim's $ does not match before).

; No --interpreter: the default shell.
((section
  header: (section_header name: (section_name) @_name) @_header
  (body) @injection.content)
 (#any-of? @_name "%pre" "%pre-install" "%post" "%onerror" "%traceback")
 (#not-match? @_header "--i")
 (#set! injection.language "bash")
 (#set! language "bash")
 (#set! injection.combined)
 (#set! combined "true"))

; A shell interpreter: sh, bash, dash, ksh, zsh.
((section
  header: (section_header name: (section_name) @_name) @_header
  (body) @injection.content)
 (#any-of? @_name "%pre" "%pre-install" "%post" "%onerror" "%traceback")
 (#match? @_header "\\m--i[a-z]*[= ]\\+[\"']\\?[^ \"']*/\\(ba\\|da\\|k\\|z\\)\\?sh\\>")
 (#set! injection.language "bash")
 (#set! language "bash")
 (#set! injection.combined)
 (#set! combined "true"))

; Python.
((section
  header: (section_header name: (section_name) @_name) @_header
  (body) @injection.content)
 (#any-of? @_name "%pre" "%pre-install" "%post" "%onerror" "%traceback")
 (#match? @_header "\\m--i[a-z]*[= ]\\+[\"']\\?[^ \"']*python[0-9.]*\\>")
 (#set! injection.language "python")
 (#set! language "python")
 (#set! injection.combined)
 (#set! combined "true"))

; Perl.
((section
  header: (section_header name: (section_name) @_name) @_header
  (body) @injection.content)
 (#any-of? @_name "%pre" "%pre-install" "%post" "%onerror" "%traceback")
 (#match? @_header "\\m--i[a-z]*[= ]\\+[\"']\\?[^ \"']*perl[0-9.]*\\>")
 (#set! injection.language "perl")
 (#set! language "perl")
 (#set! injection.combined)
 (#set! combined "true"))
