; Helix text objects: a section is a "function" (maf / mif: the whole section / its body), a
; command a "parameter"-like entry, comments are comments.
(section) @function.around
(section (body) @function.inside)
(command) @parameter.around
(comment) @comment.inside
(comment)+ @comment.around
