-- Headless Neovim (0.7+): loads each grammar's C library (built by its Makefile) and compiles every
-- query file of queries/neovim and queries/helix with vim.treesitter.parse_query; then runs the
-- highlight and injection queries over small texts and reports, per node, the capture Neovim
-- would show (the last matching pattern wins) and the one Helix would show (the first wins), and
-- the language of each injection. Config and output: JSON files named by BLOCKWISE_QUERY_CONFIG
-- { grammars = { { name, so, queries = { { file, path } } } }, texts = { { grammar, text } }, out }.
local cfg = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('BLOCKWISE_QUERY_CONFIG')), '\n'))
local parse_query = vim.treesitter.query and vim.treesitter.query.parse or vim.treesitter.parse_query
local out = { compiled = {}, highlights = {}, injections = {} }

local function run()
  local queries = {}
  for _, g in ipairs(cfg.grammars) do
    vim.treesitter.require_language(g.name, g.so)
    queries[g.name] = {}
    for _, q in ipairs(g.queries) do
      local text = table.concat(vim.fn.readfile(q.path), '\n')
      local ok, res = pcall(parse_query, g.name, text)
      table.insert(out.compiled, { grammar = g.name, file = q.file, ok = ok, error = (not ok) and tostring(res) or nil })
      if ok then queries[g.name][q.file] = res end
    end
  end
  for _, t in ipairs(cfg.texts) do
    local parser = vim.treesitter.get_string_parser(t.text, t.grammar)
    local root = parser:parse()[1]:root()
    -- Highlights: node -> captures in pattern order.
    for _, editor in ipairs({ 'neovim', 'helix' }) do
      local q = queries[t.grammar][editor .. '/highlights.scm']
      local per = {}
      for pattern, match in q:iter_matches(root, t.text, 0, -1) do
        for id, node in pairs(match) do
          local name = q.captures[id]
          if name:sub(1, 1) ~= '_' and name ~= 'spell' then
            local text = vim.treesitter.query.get_node_text(node, t.text)
            local sr, sc = node:range()
            local key = sr .. ':' .. sc .. ':' .. node:type()
            per[key] = per[key] or { text = text, type = node:type(), captures = {} }
            table.insert(per[key].captures, { pattern = pattern, name = name })
          end
        end
      end
      for _, v in pairs(per) do
        table.sort(v.captures, function(a, b) return a.pattern < b.pattern end)
        local pick = editor == 'neovim' and v.captures[#v.captures] or v.captures[1]
        table.insert(out.highlights, { grammar = t.grammar, editor = editor, text = v.text, type = v.type, capture = pick.name })
      end
    end
    -- Injections (Neovim's query, Vim regexes): language and first line of each injected body.
    local iq = queries[t.grammar]['neovim/injections.scm']
    for _, match, metadata in iq:iter_matches(root, t.text, 0, -1) do
      for id, node in pairs(match) do
        if iq.captures[id] == 'injection.content' then
          local row = node:range()
          table.insert(out.injections, { grammar = t.grammar, row = row, language = metadata['injection.language'], legacy = metadata.language, combined = metadata.combined ~= nil })
        end
      end
    end
  end
end

local ok, err = pcall(run)
if not ok then out.error = tostring(err) end
vim.fn.writefile({ vim.fn.json_encode(out) }, cfg.out)
vim.cmd('qa!')
