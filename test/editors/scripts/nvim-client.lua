-- Neovim (0.7+) with no plugin: the built-in LSP client (vim.lsp.start_client) runs Blockwise's
-- language server, opens each case file, waits for its diagnostics and asks a hover. Driven by
-- test/editors/editors.test.ts (and the bench) through BLOCKWISE_EDITOR_CONFIG, a JSON file:
-- { cmd = {...}, root = dir, out = file, cases = { { path, hover = { line, character } } } }.
-- Writes { client, files = { { path, filetype, diagnostics = { { code, line } }, hover, ms } }, init_ms }.
local cfg = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('BLOCKWISE_EDITOR_CONFIG')), '\n'))
local result = { client = 'neovim ' .. tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch), files = {} }

local function finish(err)
  if err then result.error = err end
  vim.fn.writefile({ vim.fn.json_encode(result) }, cfg.out)
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local t0 = vim.loop.hrtime()
  local id, client
  if cfg.init then
    -- Started with the user's configuration from docs/editors.md (nvim -u): it starts and attaches
    -- the client itself when a file of ours is opened.
  else
    id = vim.lsp.start_client({ name = 'blockwise', cmd = cfg.cmd, root_dir = cfg.root })
    if not id then error('start_client failed') end
    client = vim.lsp.get_client_by_id(id)
    vim.wait(10000, function() return client.initialized end, 5)
    if not client.initialized then error('no initialize response') end
    result.init_ms = (vim.loop.hrtime() - t0) / 1e6
  end
  for _, c in ipairs(cfg.cases) do
    local t1 = vim.loop.hrtime()
    vim.cmd('edit ' .. vim.fn.fnameescape(c.path))
    local buf = vim.api.nvim_get_current_buf()
    if cfg.init then
      -- Neovim lists a client as active once its initialize is answered.
      vim.wait(10000, function()
        for _, cl in pairs(vim.lsp.get_active_clients()) do
          if cl.name == 'blockwise' then client = cl end
        end
        return client ~= nil
      end, 5)
      if not client then error('the configuration started no client named blockwise (filetype ' .. vim.bo[buf].filetype .. ')') end
    else
      vim.lsp.buf_attach_client(buf, id)
    end
    vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 2)
    local file = { path = c.path, filetype = vim.bo[buf].filetype, diagnostics = {}, ms = (vim.loop.hrtime() - t1) / 1e6 }
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      table.insert(file.diagnostics, { code = code, line = d.lnum })
    end
    if c.hover then
      local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = c.hover }
      local replies = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 10000) or {}
      for _, r in pairs(replies) do
        if r.result and r.result.contents then
          local lines = vim.lsp.util.convert_input_to_markdown_lines(r.result.contents)
          file.hover = table.concat(lines, '\n')
        end
      end
    end
    table.insert(result.files, file)
  end
  if client then
    client.stop()
    vim.wait(3000, function() return client.is_stopped() end, 10)
  end
end)
finish(not ok and tostring(err) or nil)
