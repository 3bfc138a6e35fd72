;;; lsp-mode-test.el --- greylint in lsp-mode (Emacs 28 + elpa-lsp-mode 8, batch)  -*- lexical-binding: t -*-
(load (expand-file-name "harness.el" (file-name-directory load-file-name)))
(setq lsp-session-file (expand-file-name "session" (make-temp-file "lsp-session" t))
      lsp-auto-guess-root t              ; no prompt for the project root
      lsp-restart 'ignore
      lsp-enable-file-watchers t
      lsp-log-io nil)
(load (getenv "SNIPPET"))                  ; the README's lsp-mode snippet
(require 'lsp-mode)
(require 'lsp-lens)

(defvar greylint-repo (getenv "REPO"))
(defvar greylint-config (expand-file-name ".greyhound/config.yaml" greylint-repo))

(defun greylint-test-diags (file)
  (gethash file (lsp-diagnostics t)))

(defun greylint-test-diag-line (d)
  (1+ (lsp-translate-line (lsp:position-line (lsp:range-start (lsp:diagnostic-range d))))))

(greylint-test "connect"
  (find-file greylint-config)
  ;; lsp-deferred (the snippet's hook) starts lsp on an idle timer, and
  ;; batch Emacs is never idle: start it as the timer would.
  (unless (greylint-test-wait #'lsp-workspaces 1)
    (lsp))
  (greylint-test-wait (lambda () (and (lsp-workspaces) (eq (lsp--workspace-status (car (lsp-workspaces))) 'initialized))) 20))

(greylint-test "diagnostics: one finding, line 8"
  (let ((diags (greylint-test-wait (lambda () (greylint-test-diags greylint-config)) 15)))
    (if (and (= (length diags) 1) (= (greylint-test-diag-line (car diags)) 8)
             (string-match-p "worker-bild" (lsp:diagnostic-message (car diags))))
        t
      (cons nil diags))))

(greylint-test "completion: a build name"
  (greylint-test-complete 8 "    image_from_build: wor" "    image_from_build: worker-build"))

;; lsp-mode without yasnippet says snippetSupport false: a key completes to
;; plain text, no $0. lsp-mode 8 in batch leaves the completed label
;; ("replicas") where eglot applies the item's edit ("replicas: "): either
;; is plain text, which is what this guards (the server's edit itself is
;; checked in lsp/completion_test.go).
(greylint-test "completion: a key without yasnippet (no $0)"
  (let ((r (greylint-test-complete 8 "    repl" "    replicas: ")))
    (if (or (eq r t) (equal (cdr r) "    replicas")) t r)))

(greylint-test "hover"
  (greylint-test-goto 6 24)
  (let* ((h (lsp-request "textDocument/hover" (lsp--text-document-position-params)))
         (text (lsp--render-on-hover-content (lsp:hover-contents h) t)))
    (if (string-match-p "api-build" text) t (cons nil text))))

(greylint-test "definition (xref)"
  (greylint-test-goto 6 24)
  (let* ((id (xref-backend-identifier-at-point 'xref-lsp))
         (defs (xref-backend-definitions 'xref-lsp id))
         (loc (xref-item-location (car defs))))
    (if (and (= (length defs) 1) (= (xref-location-line loc) 2)) t (cons nil defs))))

(greylint-test "references (xref)"
  (greylint-test-goto 2 12)
  (let* ((id (xref-backend-identifier-at-point 'xref-lsp))
         (refs (xref-backend-references 'xref-lsp id)))
    ;; lsp-mode leaves the definition out (includeDeclaration false).
    (if (cl-some (lambda (r) (= (xref-location-line (xref-item-location r)) 6)) refs) t (cons nil refs))))

(greylint-test "quick fix (code action)"
  (goto-char (point-max))
  (insert "jobs:\n  - name: migrate\n    image: busybox\n    restartPolicy: Never\n")
  (greylint-test-wait (lambda () (cl-some (lambda (d) (string-match-p "restartPolicy" (lsp:diagnostic-message d)))
                                          (greylint-test-diags greylint-config)))
                      15)
  (greylint-test-goto 12 6)
  (let ((actions (lsp-code-actions-at-point)))
    (if (cl-some (lambda (a) (equal (lsp:code-action-title a) "rename to \"restart_policy\"")) actions)
        t
      (cons nil actions))))

(greylint-test "fixAll (the README's fix-on-save)"
  (greylint-fix-all)
  (let ((line (greylint-test-line 12)))
    (if (equal line "    restart_policy: Never") t (cons nil line))))

(greylint-test "rename"
  (greylint-test-goto 2 12)
  (lsp-rename "api-image")
  (if (and (equal (greylint-test-line 2) "  - name: api-image")
           (equal (greylint-test-line 6) "    image_from_build: api-image"))
      t
    (cons nil (buffer-string))))

(greylint-test "lens: clicked (workspace/executeCommand)"
  (let* ((lenses (lsp-request "textDocument/codeLens" `(:textDocument ,(lsp--text-document-identifier))))
         (lens (lsp-request "codeLens/resolve" (car lenses)))
         (cmd (lsp:code-lens-command? lens)))
    ;; What lsp-lens runs when the lens is clicked.
    (funcall (lsp-lens--create-interactive-command cmd))
    (if (greylint-test-wait (lambda () (string-match-p "greylint: [0-9]+ uses?" (greylint-test-messages))) 5)
        t
      (cons nil (greylint-test-messages)))))

(greylint-test "watched files: registered"
  (let ((caps (lsp--workspace-registered-server-capabilities (car (lsp-workspaces)))))
    (if (cl-some (lambda (c) (and (equal (lsp--registered-capability-method c) "workspace/didChangeWatchedFiles")
                                  (string-match-p "\\*\\*/\\.greylint\\.yaml" (format "%S" (lsp--registered-capability-options c)))))
                 caps)
        t
      (cons nil caps))))

(greylint-test "watched files: .greylint.yaml changed on disk"
  ;; The server registered its watchers (dynamic registration); turning the
  ;; rule off on disk clears the finding without a save or an open.
  (unless (greylint-test-wait (lambda () (cl-some (lambda (d) (string-match-p "worker-bild" (lsp:diagnostic-message d)))
                                                 (greylint-test-diags greylint-config)))
                              10)
    (error "no worker-bild finding before the change"))
  (with-temp-file (expand-file-name ".greylint.yaml" greylint-repo)
    (insert "repository: acme-corp/api\nrules:\n  unknown-build: off\n"))
  (if (greylint-test-wait (lambda () (not (cl-some (lambda (d) (string-match-p "worker-bild" (lsp:diagnostic-message d)))
                                                   (greylint-test-diags greylint-config))))
                          15)
      t
    (cons nil (greylint-test-diags greylint-config))))

(greylint-test "other YAML stays clean"
  (let ((f (expand-file-name "k8s/deploy.yaml" greylint-repo)))
    (find-file f)
    (unless (greylint-test-wait #'lsp-workspaces 1)
      (lsp))
    (greylint-test-wait (lambda () nil) 1)
    (if (null (greylint-test-diags f)) t (cons nil (greylint-test-diags f)))))

(greylint-test-finish)
