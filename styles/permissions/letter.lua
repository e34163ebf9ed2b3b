-- Pandoc Lua filter for the PDF of a permission request letter: maps the letter's
-- marked spans and divs (styles/permissions/letter.md.j2) to the functions of
-- styles/permissions/letter.typ. The DOCX is written from the same Markdown by book.

local function has_class(el, name)
  for _, c in ipairs(el.classes) do
    if c == name then return true end
  end
  return false
end

local SPANS = { passage = 'passage', context = 'context-text' }
local DIVS = { sender = 'sender', date = 'letter-date', ['reply-form'] = 'reply-form' }

function Span(el)
  for class, fn in pairs(SPANS) do
    if has_class(el, class) then
      local out = { pandoc.RawInline('typst', '#' .. fn .. '[') }
      for _, item in ipairs(el.content) do table.insert(out, item) end
      table.insert(out, pandoc.RawInline('typst', ']'))
      return out
    end
  end
end

function Div(el)
  for class, fn in pairs(DIVS) do
    if has_class(el, class) then
      local out = { pandoc.RawBlock('typst', '#' .. fn .. '[') }
      for _, item in ipairs(el.content) do table.insert(out, item) end
      table.insert(out, pandoc.RawBlock('typst', ']'))
      return out
    end
  end
end
