-- Headless check of the plugin and the server through Neovim's built-in
-- LSP client. Run by cmd/greylint's TestNeovim:
--   GREYLINT=/path/to/greylint RESULT=/tmp/out nvim --headless -u NONE -c 'luafile editors/nvim/test/headless.lua' FILE
-- It writes "ok" or the reason of failure to $RESULT and quits.
local result = os.getenv('RESULT')
local function finish(msg)
  local f = io.open(result, 'w')
  f:write(msg)
  f:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  vim.opt.runtimepath:prepend(os.getenv('PLUGIN'))
  require('greylint').setup({ cmd = { os.getenv('GREYLINT'), 'lsp' } })
  vim.cmd('edit ' .. os.getenv('FILE'))
  local buf = vim.api.nvim_get_current_buf()

  -- Diagnostics: the unknown build on line 8 (0-based 7).
  local found = vim.wait(15000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == 'unknown-build' and d.lnum == 7 then
        return true
      end
    end
    return false
  end, 50)
  if not found then
    local got = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(got, string.format('%s@%d', tostring(d.code), d.lnum))
    end
    error('no unknown-build diagnostic on line 8; got: ' .. table.concat(got, ', '))
  end

  -- Empty settings went out as a JSON object, not an array.
  for _, c in pairs(vim.lsp.get_active_clients()) do
    local init = vim.fn.json_encode(c.config.init_options)
    if init ~= '{}' then
      error('init_options encode as ' .. init .. ', want {}')
    end
  end

  -- Completion after "image_from_build: " on line 8.
  local line = vim.api.nvim_buf_get_lines(buf, 7, 8, false)[1]
  local col = #line -- the end of the (mistaken) value
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = 7, character = col },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, 10000)
  local labels = {}
  for _, r in pairs(responses or {}) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, item in ipairs(items) do
      labels[item.label] = true
    end
  end
  if not (labels['api-build'] and labels['worker-build']) then
    error('completion did not offer the builds: ' .. vim.inspect(vim.tbl_keys(labels)))
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
  -- Lenses on the two builds and the two services; api-build has one use.
  local lenses = request('textDocument/codeLens', { textDocument = td })
  if #lenses ~= 4 then
    error('codeLens: ' .. vim.inspect(lenses))
  end
  local resolved = request('codeLens/resolve', lenses[1])
  if not (resolved.command and resolved.command.title == '1 use') then
    error('codeLens/resolve: ' .. vim.inspect(resolved))
  end
  local folds = request('textDocument/foldingRange', { textDocument = td })
  if #folds < 2 then
    error('foldingRange: ' .. vim.inspect(folds))
  end
end)
finish(ok and 'ok' or tostring(err))
