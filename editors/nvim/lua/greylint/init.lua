-- greylint for Neovim: starts `greylint lsp` for greyhound configuration
-- files (.greyhound/*.yaml and *.yml) and .greylint.yaml. All checks live in
-- the server. For Neovim 0.11+, lsp/greylint.lua is the simpler way in
-- (vim.lsp.enable('greylint')); this plugin serves 0.7 to 0.10.
--
--   require('greylint').setup{}                 -- defaults
--   require('greylint').setup{
--     cmd = { '/path/to/greylint', 'lsp' },     -- default: greylint on $PATH
--     settings = { strict = true, rules = { ['unknown-field'] = 'off' } },
--   }
--
-- Works with the built-in client of Neovim 0.7 (vim.lsp.start_client) and
-- 0.8+ (vim.lsp.start).
local M = {}

local defaults = {
  cmd = { 'greylint', 'lsp' },
  settings = {},
  patterns = { '*/.greyhound/*.yaml', '*/.greyhound/*.yml', '*/.greylint.yaml' },
}

M.config = vim.deepcopy(defaults)

-- root_dir is the directory that holds .greyhound/.
local function root_dir(fname)
  local dir = vim.fn.fnamemodify(fname, ':p:h')
  if vim.fn.fnamemodify(dir, ':t') == '.greyhound' then
    return vim.fn.fnamemodify(dir, ':h')
  end
  return dir
end

local clients = {} -- root_dir -> client id (Neovim 0.7)

-- object makes an empty Lua table encode as a JSON object ({}), not as an
-- array ([]), which the server rightly refuses as settings.
local function object(t)
  if t == nil or vim.tbl_isempty(t) then
    return vim.empty_dict()
  end
  return t
end

local function client_config(bufnr)
  local root = root_dir(vim.api.nvim_buf_get_name(bufnr))
  return {
    name = 'greylint',
    cmd = M.config.cmd,
    root_dir = root,
    init_options = object(M.config.settings),
    settings = { greylint = object(M.config.settings) },
    on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = { greylint = object(M.config.settings) } })
    end,
  }
end

-- start attaches the greylint server to a buffer.
function M.start(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local cfg = client_config(bufnr)
  if vim.lsp.start then
    return vim.lsp.start(cfg, { bufnr = bufnr })
  end
  local id = clients[cfg.root_dir]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(cfg)
    clients[cfg.root_dir] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  local group = vim.api.nvim_create_augroup('greylint', { clear = true })
  vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
    group = group,
    pattern = M.config.patterns,
    callback = function(args)
      -- greyhound files are YAML; keep the yaml filetype for highlighting.
      if vim.bo[args.buf].filetype == '' then
        vim.bo[args.buf].filetype = 'yaml'
      end
      M.start(args.buf)
    end,
  })
end

return M
