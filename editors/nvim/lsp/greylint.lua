-- greylint for Neovim 0.11+: a configuration for vim.lsp.config, found on
-- 'runtimepath' as lsp/greylint.lua (the convention nvim-lspconfig follows).
--
--   vim.lsp.enable('greylint')
--   -- optional overrides:
--   vim.lsp.config('greylint', { init_options = { strict = true } })
--
-- The server attaches to every YAML buffer and answers only for greyhound
-- files (.greyhound/*.yaml|yml, files named by an application's
-- config_source, files matched by .greylint.yaml's files:, greylint's own
-- .greylint.yaml); it is silent on Kubernetes manifests, compose files and
-- workflows. For Neovim 0.7 to 0.10 use require('greylint').setup{}.
return {
  cmd = { 'greylint', 'lsp' },
  filetypes = { 'yaml' },
  root_markers = { '.greyhound', '.greylint.yaml', '.git' },
  -- An empty dict, not {}: an empty Lua table encodes as a JSON array.
  init_options = vim.empty_dict(),
  settings = { greylint = vim.empty_dict() },
}
