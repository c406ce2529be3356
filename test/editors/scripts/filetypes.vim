" Prints the filetype Vim or Neovim gives each path of $BLOCKWISE_FT_PATHS (one per line) to
" $BLOCKWISE_FT_OUT, with editors/vim on the runtimepath (set by the caller with --cmd).
let s:out = []
for s:p in readfile($BLOCKWISE_FT_PATHS)
  execute 'edit ' . fnameescape(s:p)
  call add(s:out, s:p . "\t" . &filetype . "\t" . &commentstring)
  bwipeout!
endfor
call writefile(s:out, $BLOCKWISE_FT_OUT)
qall!
