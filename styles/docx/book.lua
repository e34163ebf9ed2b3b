-- Pandoc Lua filter for the copy-editing DOCX only (book build docx): each paragraph of an
-- excerpt gets the "Verified quotation" paragraph style and a Word comment naming its source
-- and unit; the attribution gets the "Attribution" style. The styles are defined in
-- styles/docx/reference.docx. The EPUB and the PDF never see this filter.

package.path = pandoc.path.join({ pandoc.path.directory(PANDOC_SCRIPT_FILE), '..', '?.lua' })
  .. ';' .. package.path
local filters = require('book-filters')   -- styles/book-filters.lua: the helpers every filter shares
local has_class = filters.has_class

local count = 0

local function verified(block, source, unit)
  if block.t == 'Para' or block.t == 'Plain' then
    count = count + 1
    local id = tostring(count)
    local note = 'Verified quotation: ' .. source .. ', unit ' .. unit ..
      '. Checked word for word against the captured source: do not edit it. Query any change ' ..
      'in a comment; the editor corrects the source or the excerpt.'
    local start = pandoc.Span({ pandoc.Str(note) },
      pandoc.Attr('', { 'comment-start' }, { { 'id', id }, { 'author', 'book' } }))
    local finish = pandoc.Span({}, pandoc.Attr('', { 'comment-end' }, { { 'id', id } }))
    local inlines = { start }
    for _, item in ipairs(block.content) do table.insert(inlines, item) end
    table.insert(inlines, finish)
    block = pandoc.Para(inlines)
  end
  return pandoc.Div({ block }, pandoc.Attr('', {}, { { 'custom-style', 'Verified quotation' } }))
end

function Div(el)
  if not has_class(el, 'excerpt') then return nil end
  if has_class(el, 'cited') then
    -- a quotation of a published work is not verified against a capture: it keeps pandoc's
    -- block quotation style and gets no comment; its citation is set as an attribution
    for _, block in ipairs(el.content) do
      if block.t == 'Div' and has_class(block, 'attribution') then block.attributes['custom-style'] = 'Attribution' end
    end
    return el
  end
  local source = el.attributes['source'] or el.attributes['data-source'] or '?'
  local unit = el.attributes['unit'] or el.attributes['data-unit'] or '?'
  local out = {}
  for _, block in ipairs(el.content) do
    if block.t == 'BlockQuote' then
      for _, inner in ipairs(block.content) do table.insert(out, verified(inner, source, unit)) end
    elseif block.t == 'Div' and has_class(block, 'attribution') then
      block.attributes['custom-style'] = 'Attribution'
      table.insert(out, block)
    else
      table.insert(out, block)
    end
  end
  return out
end
