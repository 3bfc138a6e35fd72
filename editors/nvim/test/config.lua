-- Checks lsp/greylint.lua (the Neovim 0.11+ configuration) and the plugin's
-- settings encoding in whatever Neovim runs it (0.7.2 in CI, which cannot
-- enable the configuration but can load it). Writes "ok" or the failure to
-- $RESULT. Run by cmd/greylint's TestNeovimConfig.
local result = os.getenv('RESULT')
local function finish(msg)
  local f = io.open(result, 'w')
  f:write(msg)
  f:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  local plugin = os.getenv('PLUGIN')
  local cfg = dofile(plugin .. '/lsp/greylint.lua')
  assert(cfg.cmd[1] == 'greylint' and cfg.cmd[2] == 'lsp', 'cmd: ' .. vim.inspect(cfg.cmd))
  assert(vim.tbl_contains(cfg.filetypes, 'yaml'), 'filetypes: ' .. vim.inspect(cfg.filetypes))
  assert(vim.tbl_contains(cfg.root_markers, '.greyhound'), 'root_markers: ' .. vim.inspect(cfg.root_markers))
  local init = vim.fn.json_encode(cfg.init_options)
  assert(init == '{}', 'init_options encode as ' .. init)
  local settings = vim.fn.json_encode(cfg.settings.greylint)
  assert(settings == '{}', 'settings.greylint encodes as ' .. settings)

  -- The plugin: default settings go out as {} too.
  vim.opt.runtimepath:prepend(plugin)
  local greylint = require('greylint')
  greylint.setup({})
  assert(vim.tbl_contains(greylint.config.patterns, '*/.greylint.yaml'), 'the plugin does not attach to .greylint.yaml')

  -- greylint missing: one message that says how to install it, however
  -- many greyhound files are opened, and no spawn error.
  local messages = {}
  vim.notify = function(msg)
    table.insert(messages, msg)
  end
  local dir = vim.fn.tempname() .. '/.greyhound'
  vim.fn.mkdir(dir, 'p')
  greylint.setup({ cmd = { dir .. '/no-such-greylint', 'lsp' } })
  vim.cmd('edit ' .. dir .. '/config.yaml')
  vim.cmd('edit ' .. dir .. '/applications.yaml')
  vim.wait(200, function()
    return false
  end)
  assert(#messages == 1, 'messages for a missing greylint: ' .. vim.inspect(messages))
  assert(messages[1]:find('go install github.com/greylint/greylint/cmd/greylint@latest', 1, true), 'no install hint: ' .. messages[1])
  assert(#vim.lsp.get_active_clients() == 0, 'a client was started without a server')
end)
finish(ok and 'ok' or tostring(err))
