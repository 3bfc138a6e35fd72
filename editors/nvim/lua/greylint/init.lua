-- greylint for Neovim 0.7 to 0.10 (0.11+ can use lsp/greylint.lua with
-- vim.lsp.enable('greylint') instead): starts `greylint lsp` for greyhound
-- configuration files (.greyhound/*.yaml|yml, .greylint.yaml, and the
-- files applications name as config_source, which the server reports).
-- All checks live in the server.
--
--   require('greylint').setup{}                 -- defaults
--   require('greylint').setup{
--     cmd = { '/path/to/greylint', 'lsp' },     -- default: greylint on $PATH
--     settings = { strict = true, rules = { ['unknown-field'] = 'off' } },
--     on_attach = function(client, bufnr) ... end,  -- and capabilities,
--     -- handlers, flags, init_options...: passed to the LSP client as given
--   }
--
-- setup attaches to the matching buffers already open (lazy loading), sets
-- omnifunc and tagfunc, restarts a crashed server with a back-off, and says
-- once how to install greylint when it is missing.
local M = {}

-- The options the plugin reads; every other key goes to the LSP client.
local own = { patterns = true, settings = true, restart = true }

local defaults = {
  cmd = { 'greylint', 'lsp' },
  settings = {},
  patterns = { '*/.greyhound/*.yaml', '*/.greyhound/*.yml', '*/.greylint.yaml' },
  -- Back-off of the restarts after a crash, in milliseconds; no restart
  -- after `max` crashes within a minute.
  restart = { delay = 500, max_delay = 30000, max = 5 },
}

M.config = vim.deepcopy(defaults)
M.sources = {} -- file name -> true: config_source targets the servers reported (all clients)
local sources_of = {} -- client id -> its own set: one client per checkout, each reports its own

local state = {
  clients = {}, -- root_dir -> client id (Neovim 0.7)
  buffers = {}, -- client id -> { [bufnr] = true }
  crashes = {}, -- root_dir -> times of the recent crashes (ms)
  stopping = {}, -- client id -> true: stopped on purpose
  warned = false, -- the missing-binary message was shown
}

local function notify(msg, level)
  vim.schedule(function()
    vim.notify('greylint: ' .. msg, level or vim.log.levels.INFO)
  end)
end

-- object makes an empty Lua table encode as a JSON object ({}), not as an
-- array ([]), which the server rightly refuses as settings.
local function object(t)
  if t == nil or vim.tbl_isempty(t) then
    return vim.empty_dict()
  end
  return t
end

-- root_dir is the checkout: the nearest directory upwards that holds
-- .greyhound/ or .git; else the file's directory.
local function root_dir(fname)
  local dir = vim.fn.fnamemodify(fname, ':p:h')
  if vim.fn.fnamemodify(dir, ':t') == '.greyhound' then
    return vim.fn.fnamemodify(dir, ':h')
  end
  local d = dir
  while true do
    if vim.fn.isdirectory(d .. '/.greyhound') == 1 or vim.fn.isdirectory(d .. '/.git') == 1 then
      return d
    end
    local parent = vim.fn.fnamemodify(d, ':h')
    if parent == d then
      return dir
    end
    d = parent
  end
end

local function now_ms()
  return vim.loop.now()
end

-- matches reports whether a buffer is one the plugin attaches to.
local function matches(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    return false
  end
  name = vim.fn.fnamemodify(name, ':p')
  if M.sources[name] then
    return true
  end
  for _, p in ipairs(M.config.patterns) do
    if vim.fn.match(name, vim.fn.glob2regpat(p)) >= 0 then
      return true
    end
  end
  return false
end

-- merge_sources makes M.sources the union of every client's targets.
local function merge_sources()
  M.sources = {}
  for _, set in pairs(sources_of) do
    for f in pairs(set) do
      M.sources[f] = true
    end
  end
end

local function attach_sources()
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and M.sources[vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':p')] then
      M.start(buf)
    end
  end
end

local restart -- forward

local function client_config(bufnr)
  local user = {}
  for k, v in pairs(M.config) do
    if not own[k] then
      user[k] = v
    end
  end
  local cfg = vim.tbl_extend('force', {}, user)
  cfg.name = 'greylint'
  cfg.root_dir = cfg.root_dir or root_dir(vim.api.nvim_buf_get_name(bufnr))
  if type(cfg.root_dir) == 'function' then
    cfg.root_dir = cfg.root_dir(vim.api.nvim_buf_get_name(bufnr))
  end
  cfg.init_options = object(cfg.init_options or M.config.settings)
  cfg.settings = { greylint = object(M.config.settings) }
  -- The server reports the config_source targets to a client that asks.
  cfg.capabilities = vim.tbl_deep_extend('force', vim.lsp.protocol.make_client_capabilities(), cfg.capabilities or {}, {
    experimental = { greylintConfigSources = true },
  })
  cfg.handlers = vim.tbl_extend('force', {
    ['greylint/configSources'] = function(_, result, ctx)
      local files = {}
      for _, u in ipairs((result or {}).files or {}) do
        files[vim.uri_to_fname(u)] = true
      end
      sources_of[ctx and ctx.client_id or 0] = files
      merge_sources()
      vim.schedule(attach_sources)
    end,
  }, cfg.handlers or {})
  local user_init, user_attach, user_exit = cfg.on_init, cfg.on_attach, cfg.on_exit
  cfg.on_init = function(client, result)
    client.notify('workspace/didChangeConfiguration', { settings = { greylint = object(M.config.settings) } })
    if user_init then
      return user_init(client, result)
    end
  end
  cfg.on_attach = function(client, buf)
    state.buffers[client.id] = state.buffers[client.id] or {}
    state.buffers[client.id][buf] = true
    -- Neovim 0.7 to 0.10 set neither: <C-x><C-o> completes, <C-]> and
    -- :tag go to definitions through the server.
    vim.api.nvim_buf_set_option(buf, 'omnifunc', 'v:lua.vim.lsp.omnifunc')
    if vim.lsp.tagfunc then
      vim.api.nvim_buf_set_option(buf, 'tagfunc', 'v:lua.vim.lsp.tagfunc')
    end
    if user_attach then
      return user_attach(client, buf)
    end
  end
  local root = cfg.root_dir
  cfg.on_exit = function(code, signal, client_id)
    sources_of[client_id] = nil
    merge_sources()
    local bufs = state.buffers[client_id] or {}
    state.buffers[client_id] = nil
    if state.clients[root] == client_id then
      state.clients[root] = nil
    end
    local deliberate = state.stopping[client_id]
    state.stopping[client_id] = nil
    if user_exit then
      user_exit(code, signal, client_id)
    end
    if deliberate or (code == 0 and signal == 0) or vim.v.exiting ~= vim.NIL then
      return
    end
    restart(root, bufs, code, signal)
  end
  return cfg
end

-- restart starts the server again for the buffers of a crashed one, after
-- a delay that doubles with each crash within a minute.
restart = function(root, bufs, code, signal)
  local t = now_ms()
  local recent = {}
  for _, c in ipairs(state.crashes[root] or {}) do
    if t - c < 60000 then
      table.insert(recent, c)
    end
  end
  table.insert(recent, t)
  state.crashes[root] = recent
  local how = signal ~= 0 and ('signal ' .. signal) or ('status ' .. code)
  local r = M.config.restart
  if #recent > r.max then
    notify(string.format('the server exited (%s) %d times within a minute; not restarting it. :lua require("greylint").restart() tries again.', how, #recent), vim.log.levels.ERROR)
    return
  end
  local delay = math.min(r.delay * 2 ^ (#recent - 1), r.max_delay)
  notify(string.format('the server exited (%s); restarting it in %.1f s', how, delay / 1000), vim.log.levels.WARN)
  vim.defer_fn(function()
    for buf in pairs(bufs) do
      if vim.api.nvim_buf_is_valid(buf) and vim.api.nvim_buf_is_loaded(buf) then
        M.start(buf)
      end
    end
  end, delay)
end

-- installed reports whether the server's binary can run, saying once how
-- to install it when it cannot.
local function installed()
  local bin = M.config.cmd[1]
  if vim.fn.executable(bin) == 1 then
    return true
  end
  if not state.warned then
    state.warned = true
    notify(string.format(
      '%q is not installed or not executable. Install it with `go install github.com/greylint/greylint/cmd/greylint@latest` '
        .. '(or a release archive, or mason.nvim), or point the plugin at it: require("greylint").setup{ cmd = { "/path/to/greylint", "lsp" } }',
      bin
    ), vim.log.levels.WARN)
  end
  return false
end

-- start attaches the greylint server to a buffer.
function M.start(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if not installed() then
    return nil
  end
  -- greyhound files are YAML; keep the yaml filetype for highlighting.
  if vim.bo[bufnr].filetype == '' then
    vim.bo[bufnr].filetype = 'yaml'
  end
  local cfg = client_config(bufnr)
  if vim.lsp.start then -- 0.8+: reuses the client of the same root
    local id = vim.lsp.start(cfg, { bufnr = bufnr })
    state.clients[cfg.root_dir] = id
    return id
  end
  local id = state.clients[cfg.root_dir]
  if not id or not vim.lsp.get_client_by_id(id) or vim.lsp.get_client_by_id(id).is_stopped() then
    id = vim.lsp.start_client(cfg)
    state.clients[cfg.root_dir] = id
  end
  if id and not vim.lsp.buf_is_attached(bufnr, id) then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

-- restart stops the servers and starts them again for their buffers.
function M.restart()
  state.crashes = {}
  for root, id in pairs(state.clients) do
    local client = vim.lsp.get_client_by_id(id)
    local bufs = state.buffers[id] or {}
    state.stopping[id] = true
    state.clients[root] = nil
    if client then
      client.stop()
    end
    vim.defer_fn(function()
      for buf in pairs(bufs) do
        if vim.api.nvim_buf_is_valid(buf) and vim.api.nvim_buf_is_loaded(buf) then
          M.start(buf)
        end
      end
    end, 200)
  end
end

-- fix_all applies source.fixAll.greylint (the fixes `greylint --fix`
-- applies) to a buffer, synchronously: for BufWritePre.
function M.fix_all(bufnr, timeout_ms)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
    context = { diagnostics = {}, only = { 'source.fixAll.greylint' } },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, timeout_ms or 3000)
  for id, r in pairs(responses or {}) do
    local client = vim.lsp.get_client_by_id(id)
    if client and client.name == 'greylint' then
      for _, action in ipairs(r.result or {}) do
        if action.edit then
          vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
        end
      end
    end
  end
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  -- Functions and tables the user passes go to the client as they are.
  for k, v in pairs(opts or {}) do
    if not own[k] then
      M.config[k] = v
    end
  end
  state.warned = false
  local group = vim.api.nvim_create_augroup('greylint', { clear = true })
  vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
    group = group,
    pattern = '*',
    callback = function(args)
      if matches(args.buf) then
        M.start(args.buf)
      end
    end,
  })
  -- Lazy loading (ft = 'yaml', VeryLazy, or by hand): the matching
  -- buffers already open are attached now.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and matches(buf) then
      M.start(buf)
    end
  end
end

return M
