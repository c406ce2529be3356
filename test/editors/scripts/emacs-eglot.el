;;; emacs-eglot.el --- Emacs with eglot runs Blockwise's language server  -*- lexical-binding: t -*-
;; Driven by test/editors/editors.test.ts through BLOCKWISE_EDITOR_CONFIG (a JSON file: cmd, root,
;; out, cases with path and hover position); writes the same result JSON as the Neovim script.
;; Run: emacs --batch -Q -l emacs-eglot.el
(require 'json)
;; -Q skips package activation: put Debian's elpa packages (elpa-eglot and what it needs) on the path.
(dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (when (file-directory-p dir) (add-to-list 'load-path dir)))
(require 'eglot)
(require 'flymake)

(let* ((cfg (json-read-file (getenv "BLOCKWISE_EDITOR_CONFIG")))
       (cmd (append (alist-get 'cmd cfg) nil))
       (out (alist-get 'out cfg))
       (root (alist-get 'root cfg))
       (files '())
       (err nil))
  ;; The modes Emacs picks for lvm.conf and a .ks file; eglot sends the mode's name as languageId.
  ;; Unless the user's configuration from docs/editors.md was loaded first (emacs -l), which sets it.
  (unless (alist-get 'init cfg)
    (setq eglot-server-programs `(((conf-mode conf-unix-mode conf-space-mode fundamental-mode text-mode) . ,cmd))))
  (setq eglot-sync-connect 10 eglot-connect-timeout 20 eglot-autoshutdown nil)
  (condition-case e
      (dolist (c (append (alist-get 'cases cfg) nil))
        (let* ((path (alist-get 'path c))
               (hover (alist-get 'hover c))
               (t0 (float-time)))
          (find-file path)
          (let ((default-directory (file-name-as-directory root)))
            (eglot-ensure)
            ;; eglot-ensure connects from post-command-hook, which batch mode never runs.
            ;; Connect as M-x eglot would, with what eglot guesses for this buffer.
            (unless (eglot-current-server)
              (apply #'eglot (eglot--guess-contact)))
            ;; A later file of the same server is taken over from find-file's hooks; in batch mode
            ;; flymake then waits for a timer, so start its check now.
            (unless (eglot-managed-p) (eglot--maybe-activate-editing-mode))
            (flymake-start))
          (let ((deadline (+ (float-time) 15)))
            (while (and (null (flymake-diagnostics)) (< (float-time) deadline))
              (accept-process-output nil 0.02)))
          (let* ((diags (mapcar (lambda (d)
                                  (let ((msg (flymake-diagnostic-text d)))
                                    `((line . ,(1- (line-number-at-pos (flymake-diagnostic-beg d))))
                                      (text . ,msg))))
                                (flymake-diagnostics)))
                 (ms (* 1000 (- (float-time) t0)))
                 (hover-text
                  (when hover
                    (save-excursion
                      (goto-char (point-min))
                      (forward-line (alist-get 'line hover))
                      (forward-char (alist-get 'character hover))
                      (let ((r (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                                (eglot--TextDocumentPositionParams))))
                        (when r
                          (let ((contents (plist-get r :contents)))
                            (if (stringp contents) contents (plist-get contents :value)))))))))
            (push `((path . ,path) (filetype . ,(symbol-name major-mode)) (diagnostics . ,(vconcat diags))
                    (hover . ,hover-text) (ms . ,ms))
                  files))))
    (error (setq err (format "%S" e))))
  (with-temp-file out
    (insert (json-encode `((client . ,(format "emacs %s eglot" emacs-version))
                           (files . ,(vconcat (nreverse files)))
                           ,@(when err `((error . ,err)))))))
  (ignore-errors (eglot-shutdown-all))
  (kill-emacs 0))
