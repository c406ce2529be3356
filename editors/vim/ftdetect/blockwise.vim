" Filetypes for the files Blockwise checks, named as its language server's languageIds, so Vim and
" Neovim send `lvm-conf`, `lvm-metadata` and `kickstart` to `blockwise lsp`. The server also
" recognises these files by name and content without this folder (see docs/editors.md).
" `set filetype=` (not setfiletype) where Vim already guesses something else: *.ks is `kscript`
" and lvm.conf is `conf` or nothing in Vim's own detection.

" lvm.conf and lvmlocal.conf, also as configuration repositories keep them (db1.lvm.conf) and as
" package managers leave them (lvm.conf.rpmnew, .rpmsave, .dpkg-dist, .orig, .bak).
autocmd BufNewFile,BufRead lvm.conf,lvmlocal.conf,*[._-]lvm.conf,*[._-]lvmlocal.conf set filetype=lvm-conf
autocmd BufNewFile,BufRead lvm.conf.{rpmnew,rpmsave,rpmorig,dpkg-dist,dpkg-old,dpkg-new,orig,bak,save} set filetype=lvm-conf
autocmd BufNewFile,BufRead lvmlocal.conf.{rpmnew,rpmsave,rpmorig,dpkg-dist,dpkg-old,dpkg-new,orig,bak,save} set filetype=lvm-conf
" lvm2 profiles (lvm.conf syntax).
autocmd BufNewFile,BufRead */etc/lvm/profile/*.profile set filetype=lvm-conf
" Metadata backups and archives written by vgcfgbackup and every metadata change.
autocmd BufNewFile,BufRead */etc/lvm/backup/*,*/etc/lvm/archive/* set filetype=lvm-metadata
autocmd BufNewFile,BufRead *_[0-9][0-9][0-9][0-9][0-9]*-[0-9]*.vg set filetype=lvm-metadata
" Kickstarts: Anaconda's own names, *.ks, and a #version= first line.
autocmd BufNewFile,BufRead *.ks,ks.cfg,anaconda-ks.cfg,*-ks.cfg set filetype=kickstart
autocmd BufNewFile,BufRead *.cfg if getline(1) =~# '^#version=' | set filetype=kickstart | endif
