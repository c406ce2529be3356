; Helix text objects: a section is a "class" (mac / mic), an assignment a "parameter"-like entry,
; comments are comments.
(section) @class.around
(section (_) @class.inside)
(assignment) @parameter.around
(assignment value: (_) @parameter.inside)
(comment) @comment.inside
(comment)+ @comment.around
