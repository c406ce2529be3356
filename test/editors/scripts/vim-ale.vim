" Vim 9 with ALE runs Blockwise's language server as an LSP linter. Driven by
" test/editors/editors.test.ts through BLOCKWISE_EDITOR_CONFIG (JSON: cmd, root, out, cases);
" writes the same result JSON as the Neovim script.
" Run: vim -N -u NONE -i NONE --not-a-term -S vim-ale.vim
set nocompatible
let s:cfg = json_decode(join(readfile($BLOCKWISE_EDITOR_CONFIG), "\n"))
let s:result = {'client': 'vim ' . v:version . ' ale', 'files': []}
set runtimepath^=/usr/share/vim-ale
filetype plugin on
runtime plugin/ale.vim
let g:ale_enabled = 1
let g:ale_lint_on_enter = 1
let g:ale_lint_delay = 0
let g:ale_echo_cursor = 0
let g:ale_set_signs = 0
let g:ale_set_highlights = 0
let g:ale_virtualtext_cursor = 'disabled'

if has_key(s:cfg, 'init')
  " Started with the user's configuration from docs/editors.md (vim -u): it defines the linter.
else
  " One linter definition, for the filetypes Vim gives lvm.conf and a .ks file (and plain text).
  let s:root = s:cfg.root
  for s:ft in ['conf', 'kscript', 'text', '']
    call ale#linter#Define(s:ft ==# '' ? 'none' : s:ft, {
    \   'name': 'blockwise',
    \   'lsp': 'stdio',
    \   'executable': s:cfg.cmd[0],
    \   'command': join(map(copy(s:cfg.cmd), 'ale#Escape(v:val)'), ' '),
    \   'project_root': {-> s:root},
    \})
  endfor
  let g:ale_linters = {'conf': ['blockwise'], 'kscript': ['blockwise'], 'text': ['blockwise'], 'none': ['blockwise']}
endif

let s:hover = v:null
function! s:OnHover(response) abort
  let s:hover = get(a:response, 'result', v:null)
endfunction

function! s:Run() abort
  for l:c in s:cfg.cases
    let l:t0 = reltime()
    execute 'edit ' . fnameescape(l:c.path)
    if &filetype ==# '' && !has_key(s:cfg, 'init')
      setfiletype none
    endif
    let l:buf = bufnr('%')
    call ale#Queue(0, 'lint_file', l:buf)
    let l:n = 0
    while empty(ale#engine#GetLoclist(l:buf)) && l:n < 1500
      sleep 10m
      let l:n += 1
    endwhile
    let l:file = {'path': l:c.path, 'filetype': &filetype, 'diagnostics': [], 'ms': reltimefloat(reltime(l:t0)) * 1000}
    for l:d in ale#engine#GetLoclist(l:buf)
      call add(l:file.diagnostics, {'code': get(l:d, 'code', ''), 'line': l:d.lnum - 1})
    endfor
    let s:hover = v:null
    let l:msg = ale#lsp#message#Hover(l:buf, l:c.hover.line + 1, l:c.hover.character + 1)
    call ale#lsp_linter#SendRequest(l:buf, 'blockwise', l:msg, function('s:OnHover'))
    let l:n = 0
    while s:hover is v:null && l:n < 1000
      sleep 10m
      let l:n += 1
    endwhile
    if type(s:hover) == v:t_dict
      let l:contents = get(s:hover, 'contents', '')
      let l:file.hover = type(l:contents) == v:t_dict ? get(l:contents, 'value', '') : l:contents
    endif
    call add(s:result.files, l:file)
  endfor
endfunction

try
  call s:Run()
catch
  let s:result.error = v:exception . ' at ' . v:throwpoint
endtry
call writefile([json_encode(s:result)], s:cfg.out)
call ale#lsp#StopAll()
qall!
