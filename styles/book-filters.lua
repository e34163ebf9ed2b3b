-- Helpers shared by the pandoc Lua filters of styles/: pdf/book.lua, docx/book.lua and
-- permissions/letter.lua. A filter loads this module from the styles/ folder above its own,
-- so a manuscript that overrides a filter may override this too (styles/book-filters.lua);
-- otherwise the package's copy is found through LUA_PATH, which book sets for pandoc
-- (book.render.pandoc.lua_path). Each filter starts with:
--
--   package.path = pandoc.path.join({ pandoc.path.directory(PANDOC_SCRIPT_FILE), '..', '?.lua' })
--     .. ';' .. package.path
--   local filters = require('book-filters')

local M = {}

-- Whether an element (a Div, a Span, a Header) carries the class.
function M.has_class(el, name)
  for _, c in ipairs(el.classes) do
    if c == name then return true end
  end
  return false
end

-- A raw Typst block.
function M.raw(text)
  return pandoc.RawBlock('typst', text)
end

-- Blocks between two raw Typst blocks: `#name[` ... `]`.
function M.wrap(opening, blocks, closing)
  local out = { M.raw(opening) }
  for _, b in ipairs(blocks) do table.insert(out, b) end
  table.insert(out, M.raw(closing))
  return out
end

-- Inlines between two raw Typst inlines.
function M.wrap_inlines(opening, inlines, closing)
  local out = { pandoc.RawInline('typst', opening) }
  for _, item in ipairs(inlines) do table.insert(out, item) end
  table.insert(out, pandoc.RawInline('typst', closing))
  return out
end

return M
