; Helix injections: script section bodies run by /bin/sh unless --interpreter names another
; program (any prefix of --interpreter from --i). Helix regexes are Rust's.

((section
  header: (section_header name: (section_name) @_name) @_header
  (body) @injection.content)
 (#any-of? @_name "%pre" "%pre-install" "%post" "%onerror" "%traceback")
 (#not-match? @_header "--i")
 (#set! injection.language "bash")
 (#set! injection.combined))

((section
  header: (section_header name: (section_name) @_name) @_header
  (body) @injection.content)
 (#any-of? @_name "%pre" "%pre-install" "%post" "%onerror" "%traceback")
 (#match? @_header "--i[a-z]*[= ]+[\"']?[^ \"']*/(ba|da|k|z)?sh[\"']?(\\s|$)")
 (#set! injection.language "bash")
 (#set! injection.combined))

((section
  header: (section_header name: (section_name) @_name) @_header
  (body) @injection.content)
 (#any-of? @_name "%pre" "%pre-install" "%post" "%onerror" "%traceback")
 (#match? @_header "--i[a-z]*[= ]+[\"']?[^ \"']*python[0-9.]*[\"']?(\\s|$)")
 (#set! injection.language "python")
 (#set! injection.combined))

((section
  header: (section_header name: (section_name) @_name) @_header
  (body) @injection.content)
 (#any-of? @_name "%pre" "%pre-install" "%post" "%onerror" "%traceback")
 (#match? @_header "--i[a-z]*[= ]+[\"']?[^ \"']*perl[0-9.]*[\"']?(\\s|$)")
 (#set! injection.language "perl")
 (#set! injection.combined))

((comment) @injection.content
 (#set! injection.language "comment"))
