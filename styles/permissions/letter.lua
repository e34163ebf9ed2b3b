-- Pandoc Lua filter for the PDF of a permission request letter: maps the letter's
-- marked spans and divs (styles/permissions/letter.md.j2) to the functions of
-- styles/permissions/letter.typ. The DOCX is written from the same Markdown by book.

package.path = pandoc.path.join({ pandoc.path.directory(PANDOC_SCRIPT_FILE), '..', '?.lua' })
  .. ';' .. package.path
local filters = require('book-filters')   -- styles/book-filters.lua: the helpers every filter shares
local has_class = filters.has_class

local SPANS = { passage = 'passage', context = 'context-text' }
local DIVS = { sender = 'sender', date = 'letter-date', ['reply-form'] = 'reply-form' }

function Span(el)
  for class, fn in pairs(SPANS) do
    if has_class(el, class) then
      return filters.wrap_inlines('#' .. fn .. '[', el.content, ']')
    end
  end
end

function Div(el)
  for class, fn in pairs(DIVS) do
    if has_class(el, class) then
      return filters.wrap('#' .. fn .. '[', el.content, ']')
    end
  end
end
