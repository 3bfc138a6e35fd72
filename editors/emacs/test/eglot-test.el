;;; eglot-test.el --- greylint in eglot (Emacs 28 + elpa-eglot 1.9, batch)  -*- lexical-binding: t -*-
(load (expand-file-name "harness.el" (file-name-directory load-file-name)))
(load (getenv "SNIPPET"))                  ; the README's eglot snippet
(require 'flymake)

(defvar greylint-repo (getenv "REPO"))
(defvar greylint-config (expand-file-name ".greyhound/config.yaml" greylint-repo))

(defun greylint-test-open (file)
  (find-file file)
  (run-hooks 'post-command-hook)          ; eglot-ensure connects after the command
  (greylint-test-wait #'eglot-current-server 15))

(if (getenv "MISSING")
    ;; greylint is not on PATH: the snippet says so once, and eglot does
    ;; not start (no error, no byte-code dump per file).
    (progn
      (greylint-test "missing: no error when opening YAML"
        (find-file greylint-config)
        (run-hooks 'post-command-hook)
        (find-file (expand-file-name ".greyhound/applications.yaml" greylint-repo))
        (run-hooks 'post-command-hook)
        (find-file (expand-file-name "k8s/deploy.yaml" greylint-repo))
        (run-hooks 'post-command-hook)
        (not (and (fboundp 'eglot-current-server) (eglot-current-server))))
      (greylint-test "missing: one message with the install command"
        (let* ((m (greylint-test-messages))
               (n (cl-count-if (lambda (l) (string-match-p "greylint is not on PATH" l)) (split-string m "\n"))))
          (if (and (= n 1) (string-match-p "go install github.com/greylint/greylint/cmd/greylint@latest" m)
                   (not (string-match-p "byte-code\\|Debugger\\|error" m)))
              t
            (cons nil m)))))

  (greylint-test "connect"
    (greylint-test-open greylint-config))

  (greylint-test "diagnostics: one finding, line 8"
    (flymake-start)
    (let ((diags (greylint-test-wait (lambda () (flymake-start) (flymake-diagnostics)) 15)))
      (if (and (= (length diags) 1)
               (= (line-number-at-pos (flymake-diagnostic-beg (car diags))) 8)
               (string-match-p "worker-bild" (flymake-diagnostic-text (car diags))))
          t
        (cons nil (mapcar (lambda (d) (list (line-number-at-pos (flymake-diagnostic-beg d)) (flymake-diagnostic-text d))) diags)))))

  (greylint-test "completion: a build name"
    (greylint-test-complete 8 "    image_from_build: wor" "    image_from_build: worker-build"))

  ;; eglot 1.9 says snippetSupport only with yasnippet: a key completes to
  ;; plain text, no $0.
  (greylint-test "completion: a key without yasnippet (no $0)"
    (greylint-test-complete 8 "    repl" "    replicas: "))

  (greylint-test "hover"
    (greylint-test-goto 6 24)
    (let* ((h (jsonrpc-request (eglot-current-server) :textDocument/hover (eglot--TextDocumentPositionParams)))
           (text (eglot--hover-info (plist-get h :contents))))
      (if (string-match-p "api-build" text) t (cons nil text))))

  (greylint-test "definition (xref)"
    (greylint-test-goto 6 24)
    (let* ((id (xref-backend-identifier-at-point 'eglot))
           (defs (xref-backend-definitions 'eglot id))
           (loc (xref-item-location (car defs))))
      (if (and (= (length defs) 1) (= (xref-location-line loc) 2)) t (cons nil defs))))

  (greylint-test "references (xref)"
    (greylint-test-goto 2 12)
    (let* ((id (xref-backend-identifier-at-point 'eglot))
           (refs (xref-backend-references 'eglot id)))
      (if (= (length refs) 2) t (cons nil refs))))

  (greylint-test "quick fix (code action)"
    (goto-char (point-max))
    (insert "jobs:\n  - name: migrate\n    image: busybox\n    restartPolicy: Never\n")
    (greylint-test-wait (lambda () (flymake-start)
                          (cl-some (lambda (d) (string-match-p "restartPolicy" (flymake-diagnostic-text d))) (flymake-diagnostics)))
                        15)
    (greylint-test-goto 12 6)
    (let ((actions (eglot-code-actions (line-beginning-position) (line-end-position))))
      (if (cl-some (lambda (a) (equal (plist-get a :title) "rename to \"restart_policy\"")) actions)
          t
        (cons nil actions))))

  (greylint-test "fixAll (the README's fix-on-save)"
    (greylint-fix-all)
    (let ((line (greylint-test-line 12)))
      (if (equal line "    restart_policy: Never") t (cons nil line))))

  (greylint-test "rename"
    (greylint-test-goto 2 12)
    (eglot-rename "api-image")
    (if (and (equal (greylint-test-line 2) "  - name: api-image")
             (equal (greylint-test-line 6) "    image_from_build: api-image"))
        t
      (cons nil (buffer-string))))

  (greylint-test "lens command (workspace/executeCommand)"
    ;; eglot 1.9 shows no lenses; the command runs through eglot's
    ;; executeCommand all the same.
    (let* ((server (eglot-current-server))
           (lenses (jsonrpc-request server :textDocument/codeLens `(:textDocument ,(eglot--TextDocumentIdentifier))))
           (lens (jsonrpc-request server :codeLens/resolve (aref lenses 0)))
           (cmd (plist-get lens :command)))
      (eglot-execute-command server (intern (plist-get cmd :command)) (plist-get cmd :arguments))
      (if (greylint-test-wait (lambda () (string-match-p "greylint: [0-9]+ uses?" (greylint-test-messages))) 5)
          t
        (cons nil (greylint-test-messages)))))

  (greylint-test "other YAML stays clean"
    (find-file (expand-file-name "k8s/deploy.yaml" greylint-repo))
    (run-hooks 'post-command-hook)
    (greylint-test-wait #'eglot-current-server 15)
    (flymake-start)
    (greylint-test-wait (lambda () nil) 1)
    (if (null (flymake-diagnostics)) t (cons nil (flymake-diagnostics)))))

(greylint-test-finish)
