;;; harness.el --- shared by the Emacs client tests  -*- lexical-binding: t -*-
;; Run by cmd/greylint's TestEmacs: emacs --batch -q -l eglot-test.el (or
;; lsp-mode-test.el) with GREYLINT_DIR on PATH (or not, for the missing
;; case), SNIPPET the README's snippet, REPO the checkout, RESULT the file
;; that receives one line per check: "ok NAME" or "FAIL NAME -- why".

(require 'package)
(setq package-user-dir (make-temp-file "greylint-elpa" t))
(package-initialize)
(require 'cl-lib)

(defvar greylint-test-results nil)

(defun greylint-test-check (name ok &optional detail)
  "Record check NAME as passed when OK, else failed because of DETAIL."
  (push (if ok (format "ok %s" name) (format "FAIL %s -- %S" name detail))
        greylint-test-results)
  ok)

(defmacro greylint-test (name &rest body)
  "Run BODY as check NAME: it passes when BODY returns non-nil.
BODY may return (nil . DETAIL) to fail with DETAIL."
  (declare (indent 1))
  `(condition-case err
       (let ((v (progn ,@body)))
         (if (and (consp v) (null (car v)))
             (greylint-test-check ,name nil (cdr v))
           (greylint-test-check ,name v "returned nil")))
     (error (greylint-test-check ,name nil err))))

(defun greylint-test-wait (pred secs)
  "Wait up to SECS for PRED to return non-nil, serving processes."
  (let ((deadline (+ (float-time) secs)) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05)
      ;; Batch Emacs queues file notifications as events nobody reads:
      ;; deliver them, as the command loop would.
      (let ((ev (ignore-errors (read-event nil nil 0.01))))
        (when (eq (car-safe ev) 'file-notify)
          (file-notify-handle-event ev))))
    v))

(defun greylint-test-finish ()
  (with-temp-file (getenv "RESULT")
    (insert (mapconcat #'identity (reverse greylint-test-results) "\n") "\n"))
  (kill-emacs 0))

(defun greylint-test-line (n)
  "The text of line N of the current buffer."
  (save-excursion
    (goto-char (point-min))
    (forward-line (1- n))
    (buffer-substring-no-properties (line-beginning-position) (line-end-position))))

(defun greylint-test-goto (line col)
  (goto-char (point-min))
  (forward-line (1- line))
  (move-to-column col))

(defun greylint-test-messages ()
  (with-current-buffer (messages-buffer) (buffer-string)))

(defun greylint-test-complete (line text expect)
  "Insert TEXT as a new line after LINE, complete at its end; the
line must then read EXPECT. Undo afterwards."
  (greylint-test-goto line 0)
  (end-of-line)
  (insert "\n" text)
  (let ((completion-cycle-threshold nil))
    (completion-at-point))
  (let ((got (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
    (delete-region (1- (line-beginning-position)) (line-end-position))
    (if (equal got expect) t (cons nil got))))
