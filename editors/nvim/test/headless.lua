-- Headless check of the plugin and the server through Neovim's built-in
-- LSP client. Run by cmd/greylint's TestNeovim:
--   GREYLINT=/path/to/greylint RESULT=/tmp/out FILE=... SOURCE=... nvim --headless -u NONE -c 'luafile editors/nvim/test/headless.lua'
-- It writes "ok" or the reason of failure to $RESULT and quits.
--
-- The steps run in a coroutine resumed by timers, so that Neovim's main
-- loop runs between them: typed keys (insert mode, <C-x><C-o>) are
-- processed there, not inside a vim.wait.
local result = os.getenv('RESULT')
local function finish(msg)
  local f = io.open(result, 'w')
  f:write(msg)
  f:close()
  vim.cmd('qall!')
end

local co
local function resume()
  local ok, err = coroutine.resume(co)
  if not ok then
    finish(tostring(err))
  elseif coroutine.status(co) == 'dead' then
    finish('ok')
  end
end

-- wait_until yields to the main loop until cond() holds.
local function wait_until(cond, ms, what)
  local deadline = vim.loop.now() + ms
  while true do
    local v = cond()
    if v then
      return v
    end
    if vim.loop.now() > deadline then
      error('timed out waiting for ' .. (type(what) == 'function' and what() or what))
    end
    vim.defer_fn(resume, 20)
    coroutine.yield()
  end
end

local function greylint_client(buf)
  for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
    if c.name == 'greylint' then
      return c
    end
  end
end

local function diags_of(buf)
  local got = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(got, string.format('%s@%d', tostring(d.code), d.lnum))
  end
  return table.concat(got, ', ')
end

local function has_unknown_build(buf)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'unknown-build' and d.lnum == 7 then
      return true
    end
  end
  return false
end

co = coroutine.create(function()
  local messages = {}
  vim.notify = function(msg)
    table.insert(messages, msg)
  end
  vim.opt.runtimepath:prepend(os.getenv('PLUGIN'))

  -- Lazy setup: the buffer is open before setup is called (ft = 'yaml',
  -- VeryLazy, or by hand); setup attaches to it.
  vim.cmd('edit ' .. os.getenv('FILE'))
  local buf = vim.api.nvim_get_current_buf()
  local attached = 0
  require('greylint').setup({
    cmd = { os.getenv('GREYLINT'), 'lsp' },
    on_attach = function()
      attached = attached + 1
    end,
    flags = { debounce_text_changes = 10 },
  })

  -- Diagnostics: the unknown build on line 8 (0-based 7).
  wait_until(function()
    return has_unknown_build(buf)
  end, 15000, function()
    return 'an unknown-build diagnostic on line 8 (lazy setup after :edit); got: ' .. diags_of(buf)
  end)
  local client = greylint_client(buf)
  if attached ~= 1 then
    error('the on_attach passed to setup ran ' .. attached .. ' times, want 1')
  end
  if client.config.flags.debounce_text_changes ~= 10 then
    error('flags were not passed to the client: ' .. vim.inspect(client.config.flags))
  end
  if vim.bo[buf].omnifunc ~= 'v:lua.vim.lsp.omnifunc' then
    error('omnifunc is ' .. vim.inspect(vim.bo[buf].omnifunc))
  end
  if vim.lsp.tagfunc and vim.bo[buf].tagfunc ~= 'v:lua.vim.lsp.tagfunc' then
    error('tagfunc is ' .. vim.inspect(vim.bo[buf].tagfunc))
  end

  -- Empty settings went out as a JSON object, not an array.
  local init = vim.fn.json_encode(client.config.init_options)
  if init ~= '{}' then
    error('init_options encode as ' .. init .. ', want {}')
  end

  -- The features Neovim 0.7's client can ask for as plain requests.
  local function request(method, params)
    local responses = vim.lsp.buf_request_sync(buf, method, params, 10000)
    for _, r in pairs(responses or {}) do
      if r.err then
        error(method .. ': ' .. vim.inspect(r.err))
      end
      return r.result
    end
    error(method .. ': no answer')
  end
  local td = { uri = vim.uri_from_bufnr(buf) }
  -- api-build (line 2) is defined once and used once.
  local hl = request('textDocument/documentHighlight', { textDocument = td, position = { line = 1, character = 12 } })
  if #hl ~= 2 then
    error('documentHighlight of api-build: ' .. vim.inspect(hl))
  end
  local def = request('textDocument/definition', { textDocument = td, position = { line = 5, character = 24 } })
  def = def[1] or def
  if not (def.range and def.range.start.line == 1) then
    error('definition of api-build: ' .. vim.inspect(def))
  end
  -- Lenses on the two builds and the two services; api-build has one use,
  -- and running the lens's command works (workspace/executeCommand).
  local lenses = request('textDocument/codeLens', { textDocument = td })
  if #lenses ~= 4 then
    error('codeLens: ' .. vim.inspect(lenses))
  end
  local resolved = request('codeLens/resolve', lenses[1])
  if not (resolved.command and resolved.command.title == '1 use') then
    error('codeLens/resolve: ' .. vim.inspect(resolved))
  end
  local uses = request('workspace/executeCommand', resolved.command)
  if #uses ~= 1 or uses[1].range.start.line ~= 5 then
    error('workspace/executeCommand ' .. resolved.command.command .. ': ' .. vim.inspect(uses))
  end
  local folds = request('textDocument/foldingRange', { textDocument = td })
  if #folds < 2 then
    error('foldingRange: ' .. vim.inspect(folds))
  end

  -- Completion through omnifunc, typed: empty the value of line 8, then
  -- A<C-x><C-o> in insert mode; the first build is inserted as plain text.
  vim.api.nvim_win_set_cursor(0, { 8, 0 })
  vim.api.nvim_buf_set_lines(buf, 7, 8, false, { '    image_from_build: ' })
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes('A<C-x><C-o>', true, false, true), 'n', false)
  local line = wait_until(function()
    local l = vim.api.nvim_buf_get_lines(buf, 7, 8, false)[1]
    if l ~= '    image_from_build: ' then
      return l
    end
  end, 10000, 'omnifunc completion to insert a build')
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes('<Esc>', true, false, true), 'n', false)
  if line ~= '    image_from_build: api-build' and line ~= '    image_from_build: worker-build' then
    error('omnifunc completion inserted ' .. vim.inspect(line))
  end
  wait_until(function()
    return vim.fn.mode() == 'n'
  end, 5000, 'normal mode')
  -- Put the mistake back for what follows.
  vim.api.nvim_buf_set_lines(buf, 7, 8, false, { '    image_from_build: worker-bild' })
  wait_until(function()
    return has_unknown_build(buf)
  end, 10000, 'the mistake to be reported again')

  -- The server reported the config_source target outside .greyhound/:
  -- opening it attaches the server.
  local source = os.getenv('SOURCE')
  wait_until(function()
    return require('greylint').sources[source]
  end, 10000, function()
    return 'greylint/configSources naming ' .. source .. '; have ' .. vim.inspect(require('greylint').sources)
  end)
  vim.cmd('edit ' .. source)
  local sbuf = vim.api.nvim_get_current_buf()
  wait_until(function()
    return greylint_client(sbuf)
  end, 10000, 'the server to attach to the config_source target')
  vim.cmd('buffer ' .. buf)

  -- Kill the server: the plugin says so and starts it again.
  local pid = client.rpc.pid
  vim.loop.kill(pid, 'sigkill')
  local restarted = wait_until(function()
    local c = greylint_client(buf)
    if c and c.id ~= client.id and c.initialized ~= false then
      return c
    end
  end, 15000, 'the killed server to be restarted')
  local said = false
  for _, m in ipairs(messages) do
    if m:find('restarting it', 1, true) then
      said = true
    end
  end
  if not said then
    error('no message about the restart: ' .. vim.inspect(messages))
  end
  vim.diagnostic.reset(nil, buf)
  vim.api.nvim_buf_set_lines(buf, 8, 8, false, { '' })
  wait_until(function()
    return has_unknown_build(buf)
  end, 15000, function()
    return 'diagnostics from the restarted server (client ' .. restarted.id .. '); got: ' .. diags_of(buf)
  end)
end)
resume()
