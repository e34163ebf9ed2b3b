-- Pandoc Lua filter for the PDF only: maps the chapter model's divs and spans
-- (rendered by styles/chapter.md.j2, shared with the EPUB) to the Typst
-- functions defined in styles/pdf/book.typ. The EPUB never sees this filter.
--
--   .book-doc div         -> "// @@doc <id>" ... "// @@end <id>" markers, split by book/pdf.py
--   chapter heading       -> #heading(level: 1, supplement: [label])[title] <id>
--   .chapter-subtitle div -> #chapter-subtitle[...]
--   .section div          -> #book-section(name: "...", kind: "...")[...] <id>
--   .excerpt div          -> #excerpt(attribution: [...])[quoted blocks]
--   * * *                 -> #ornament()
--   images                -> image(..., alt: "...") (PDF/UA-1 requires the text alternative)
--   a very long paragraph -> #[#set par(linebreaks: "simple", ...);#set text(hyphenate: false); ...]
--                            first-fit, no tracking, no hyphenation (only when the book has one)
--   a very long Str         -> the same text as several Strs (only when the book has one), see cut_long_str

package.path = pandoc.path.join({ pandoc.path.directory(PANDOC_SCRIPT_FILE), '..', '?.lua' })
  .. ';' .. package.path
local filters = require('book-filters')   -- styles/book-filters.lua: the helpers every filter shares
local has_class, raw, wrap = filters.has_class, filters.raw, filters.wrap

local function typst_string(s)
  s = s:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('\n', '\\n'):gsub('\r', '\\r'):gsub('\t', '\\t')
  return '"' .. s .. '"'
end

-- Inlines set inside a raw Typst call (a chapter's title, an attribution, a caption) are written
-- to Typst by pandoc's own writer, each as if alone: a Plain block. One pandoc.write costs about
-- 0.7 ms however short the text (the writer sets itself up each time, translations and all), and
-- a book has two such pieces per excerpt: a 100k-word book spent 0.45 s in it. So `prepare` queues
-- the pieces of the whole run and tags the element with the piece's number (data-book-piece),
-- `write_queued` writes them all in one call, and the blocks filter takes each from `written`.
local queued, written = {}, {}

local function queue(inlines)
  queued[#queued + 1] = inlines
  return tostring(#queued)
end

-- Each piece as its own Plain block after a cut line the writer cannot make from text (it escapes
-- a second "/"), so each starts a line as it would alone; the output is cut back into the pieces.
local CUT = '// @@book-cut\n'

local function write_queued()
  if #queued == 0 then return end
  local blocks = {}
  for _, inlines in ipairs(queued) do
    blocks[#blocks + 1] = pandoc.RawBlock('typst', CUT)
    blocks[#blocks + 1] = pandoc.Plain(inlines)
  end
  local out = pandoc.write(pandoc.Pandoc(blocks), 'typst', { wrap_text = 'none' }) .. '\n'
  local at = 1
  while true do
    local _, last = out:find(CUT, at, true)
    if not last then break end
    local next_cut = out:find('\n' .. CUT, last + 1, true) or #out
    written[#written + 1] = (out:sub(last + 1, next_cut):gsub('%s+$', ''))
    at = next_cut + 1
  end
  assert(#written == #queued, 'book.lua: pandoc wrote ' .. #written .. ' pieces of ' .. #queued)
  queued = {}
end

-- Inlines as Typst, written at once: for the few pieces set before the queue is written (a caption).
local function typst_now(inlines)
  local out = pandoc.write(pandoc.Pandoc({ pandoc.Plain(inlines) }), 'typst', { wrap_text = 'none' })
  return (out:gsub('%s+$', ''))
end

-- A queued piece, by the number `prepare` tagged an element with.
local function piece(number)
  return written[tonumber(number)]
end

local function label(id)
  if id and id ~= '' then return ' <' .. id .. '>' end
  return ''
end

-- A chapter heading's label and title (spans of the heading), for chapter_heading: queued by
-- `prepare` as data-book-piece "label title" (an empty label: "- title").
local function heading_spans(el)
  local label_inlines, title_inlines
  for _, inline in ipairs(el.content) do
    if inline.t == 'Span' and has_class(inline, 'chapter-label') then label_inlines = inline.content end
    if inline.t == 'Span' and has_class(inline, 'chapter-title') then title_inlines = inline.content end
  end
  return label_inlines, title_inlines
end

local function prepare_heading(el)
  if el.level ~= 1 then return nil end
  local label_inlines, title_inlines = heading_spans(el)
  if not title_inlines then return nil end
  el.attributes['data-book-piece'] = (label_inlines and queue(label_inlines) or '-') .. ' ' .. queue(title_inlines)
  return el
end

local function chapter_heading(el)
  local pieces = el.attributes['data-book-piece']
  if not pieces then return nil end
  local label_piece, title_piece = pieces:match('^(%S+) (%S+)$')
  local supplement = label_piece ~= '-' and ('[' .. piece(label_piece) .. ']') or 'none'
  return raw('#heading(level: 1, supplement: ' .. supplement .. ')[' .. piece(title_piece) .. ']'
    .. label(el.identifier))
end

local function typst_length(value)
  if not value or value == '' then return nil end
  local number, unit = value:match('^%s*([%d%.]+)%s*(%a*%%?)%s*$')
  if not number then return nil end
  if unit == 'px' or unit == '' then return string.format('%.2fpt', tonumber(number) * 0.75) end
  if unit == '%' or unit == 'pt' or unit == 'mm' or unit == 'cm' or unit == 'in' or unit == 'em' then
    return number .. unit
  end
  return nil
end

local function image_call(img, alt)
  local args = { typst_string(img.src) }
  local width, height = typst_length(img.attributes.width), typst_length(img.attributes.height)
  if width then table.insert(args, 'width: ' .. width) end
  if height then table.insert(args, 'height: ' .. height) end
  table.insert(args, 'alt: ' .. typst_string(alt))
  return 'image(' .. table.concat(args, ', ') .. ')'
end

local function Image_(img)
  return pandoc.RawInline('typst', '#box(' .. image_call(img, pandoc.utils.stringify(img.caption)) .. ')')
end

local function Figure_(fig)
  local img
  fig.content:walk({ Image = function(i) img = img or i end })
  if not img then return nil end
  local alt = pandoc.utils.stringify(img.caption)
  local caption = pandoc.utils.blocks_to_inlines(fig.caption.long or {})
  local text = '#figure(' .. image_call(img, alt)
  if #caption > 0 then text = text .. ', caption: [' .. typst_now(caption) .. ']' end
  return raw(text .. ')' .. label(fig.identifier))
end

local function Header_(el)
  if el.level == 1 then return chapter_heading(el) end
end

local function HorizontalRule_()
  return raw('#ornament()')
end

-- A writer's name as inlines, read as the name inside the attribution is read (a span, so "C."
-- is not a list marker). A book quotes the same writers again and again: each name is read once.
local names = {}

local function name_inlines(name)
  if not names[name] then
    local found = pandoc.Inlines({})
    pandoc.read('[' .. name .. ']{}', 'markdown+smart').blocks:walk({
      Span = function(span) if #found == 0 then found:extend(span.content) end end })
    names[name] = found
  end
  return names[name]
end

-- The short credit of an excerpt (the writer's name, from the excerpt's data-writer, and the
-- rights holder's credit line when the attribution carries one) and the key that says "the
-- same source and writer": the source and the writer's name, or the unit when the source does
-- not name the writer (data-unnamed). book.typ's credit-text prints the short one after the
-- first such quotation on a spread.
local function short_credit(excerpt, attribution)
  local source, name = excerpt.attributes['data-source'], excerpt.attributes['data-writer']
  if not source or not name then return nil, nil end
  local who = excerpt.attributes['data-unnamed'] and ('unit:' .. (excerpt.attributes['data-unit'] or '')) or name
  local short = pandoc.Inlines({})
  short:extend(name_inlines(name))
  for i = 2, #attribution.content do
    short:insert(pandoc.LineBreak())
    short:extend(pandoc.utils.blocks_to_inlines({ attribution.content[i] }))
  end
  return short, source .. '/' .. who
end

-- An attribution's words as the credit sets them: the shared template writes "— Name, ...", and the
-- Typst function sets the dash itself. A page mark (page_marks) stays first: it takes no room.
local function credit_inlines(attribution)
  local inlines = pandoc.utils.blocks_to_inlines(attribution.content)
  local first = 1
  while first <= #inlines and inlines[first].t == 'RawInline' do first = first + 1 end
  while #inlines >= first and (inlines[first].t == 'Space'
      or (inlines[first].t == 'Str' and inlines[first].text == '—')) do
    inlines:remove(first)
  end
  if #inlines >= first and inlines[first].t == 'Str' and inlines[first].text:sub(1, 3) == '—' then
    inlines[first] = pandoc.Str(inlines[first].text:sub(4))
  end
  return inlines
end

-- An excerpt's attributions, queued: each attribution div is tagged "full short" (short "-" when
-- the credit has no key), the key in data-book-key.
local function prepare_excerpt(el)
  local content = el.content
  for i, block in ipairs(content) do
    if block.t == 'Div' and has_class(block, 'attribution') then
      local short, key = short_credit(el, block)
      local full = queue(credit_inlines(block))
      block.attributes['data-book-piece'] = full .. ' ' .. (key and queue(short) or '-')
      if key then block.attributes['data-book-key'] = key end
      content[i] = block
    end
  end
  el.content = content
  return el
end

-- The previous keyed credit of the document being read, and a count for the credits' labels:
-- credit-text compares a credit's page only with the one before it, when both have one key.
-- Labels are "<document id>-<count>": unique in the book, and the same whichever documents
-- share the pandoc run (a document's Typst is cached alone). `each_document` starts each one.
local credits = { doc = '', count = 0, key = nil, id = nil }

local function Div_(el)
  if has_class(el, 'book-doc') then
    local kind = has_class(el, 'chapter') and 'chapter' or 'matter'
    return wrap('// @@doc ' .. el.identifier .. ' ' .. kind, el.content, '// @@end ' .. el.identifier)
  end
  if has_class(el, 'chapter-subtitle') then
    return wrap('#chapter-subtitle[', el.content, ']')
  end
  if has_class(el, 'source-entry') then
    return wrap('#source-entry[', el.content, ']')
  end
  if has_class(el, 'excerpt') then
    local quoted, attribution = {}, 'none'
    for _, block in ipairs(el.content) do
      if block.t == 'BlockQuote' then
        for _, b in ipairs(block.content) do table.insert(quoted, b) end
      elseif block.t == 'Div' and has_class(block, 'attribution') then
        local full, short = block.attributes['data-book-piece']:match('^(%S+) (%S+)$')
        local key = block.attributes['data-book-key']
        attribution = 'credit-text([' .. piece(full) .. ']'
        if key then
          credits.count = credits.count + 1
          local id = credits.doc .. '-' .. credits.count
          attribution = attribution .. ', short: [' .. piece(short) .. '], key: ' .. typst_string(key)
            .. ', id: ' .. typst_string(id)
          if credits.key == key then attribution = attribution .. ', prev: ' .. typst_string(credits.id) end
          credits.key, credits.id = key, id
        else
          credits.key, credits.id = nil, nil
        end
        attribution = attribution .. ')'
      else
        table.insert(quoted, block)
      end
    end
    -- The attribution is kept with the last lines of its quotation: it ends the last paragraph,
    -- as one unbreakable line of its own (book.typ's credit-line), so the paragraph breaks
    -- where it must and widow control carries at least one line of the quotation over with it.
    local last = quoted[#quoted]
    if attribution ~= 'none' and last and last.t == 'Para' then
      last.content:insert(pandoc.RawInline('typst', '#credit-line(' .. attribution .. ')'))
      attribution = 'none'
    end
    return wrap('#excerpt(attribution: ' .. attribution .. ')[', quoted, ']')
  end
  if has_class(el, 'section') then
    local name = ''
    for _, c in ipairs(el.classes) do
      local n = c:match('^section%-(.+)$')
      if n then name = n end
    end
    local kind = el.attributes['epub:type'] or el.attributes['type'] or ''
    return wrap('#book-section(name: ' .. typst_string(name) .. ', kind: ' .. typst_string(kind) .. ')[',
      el.content, ']' .. label(el.identifier))
  end
end

-- Figures first, so that their images are set whole, with caption and alt text. Then the
-- chapter model's blocks, and images in running text. An Image function makes pandoc hand
-- every inline element of the book to Lua, which doubles the conversion time of a long
-- book, so it runs only when book/pdf.py says the text has an image outside a figure
-- (metadata `book-inline-images`).
local blocks = { Header = Header_, HorizontalRule = HorizontalRule_, Div = Div_ }
local blocks_and_images = { Image = Image_, Header = Header_, HorizontalRule = HorizontalRule_, Div = Div_ }

-- With metadata `book-page-marks` (the EPUB's print page list, book/pdf/document.py), every
-- paragraph outside the notes starts with #book-pmark("key"), where the key is the paragraph's
-- first 32 ASCII letters, lower-cased: the EPUB finds the same paragraph by the same key.
local function page_marks(doc)
  if not doc.meta['book-page-marks'] then return nil end
  return doc:walk({
    traverse = 'topdown',
    Note = function(el) return el, false end,
    Para = function(el)
      local text = pandoc.utils.stringify(el.content:filter(function(i) return i.t ~= 'Note' end))
      local key = text:lower():gsub('[^a-z]', ''):sub(1, 32)
      if key ~= '' then el.content:insert(1, pandoc.RawInline('typst', '#book-pmark("' .. key .. '")')) end
      return el, false
    end,
  })
end

-- A very long paragraph (metadata `book-long-paragraph`: its length in characters, set by
-- book/pdf/document.py only when the book has one) is broken into lines first-fit: Typst's
-- optimal line breaker takes minutes on a paragraph of megabytes. Nor are its words hyphenated
-- or its letters tracked: on a 5 MB paragraph Typst took 14.0 s of CPU and 1590 MiB, 10.3 s and
-- 1536 MiB without hyphenation, 9.1 s and 1470 MiB without tracking too (docs/speed.md); the
-- lines stay justified, a little looser, as a pathological paragraph may be.
local function long_paragraphs(limit)
  return function(el)
    if #pandoc.utils.stringify(el) <= limit then return nil end
    -- The ";" ends each set rule: inside an attribution the paragraph is made inline, and without it
    -- Typst would read what follows on the same line (a line break "\\") as code ("set ... if").
    -- `false`: the walk does not go on into the paragraph's inlines, looking for a paragraph in one
    -- of its notes (1.1 of pandoc's 7.4 s CPU on a 5 MB paragraph, docs/speed.md); a note's text
    -- takes the set rules in force where the note is, so a long one is set by this rule already.
    return wrap('#[#set par(linebreaks: "simple", justification-limits: (tracking: (min: 0em, max: 0em)));#set text(hyphenate: false);', { el }, ']'), false
  end
end

-- pandoc's Typst writer takes time that grows with the square of one Str's length (30,000
-- characters: 3 s; 300,000: minutes), and a Chinese, Japanese or Thai paragraph, written without
-- spaces, is one Str (E228 measures such a run by its line-break opportunities, not its spaces).
-- A Str longer than `piece` code points is cut into Strs of about that length, each cut between two
-- characters past ASCII (U+0E00 on: Thai, kana, ideographs...), where no escape of the writer depends
-- on the neighbour: the writer sets adjacent Strs side by side, so the Typst is the same, made in
-- linear time (300,000 ideographs: 1 s). Walked only when a document has such a run (the metadata).
local function cut_long_str(piece)
  return function(el)
    local text = el.text
    if #text <= piece then return nil end
    local out, start, count, previous = {}, 1, 0, 0
    for at, code in utf8.codes(text) do
      if count >= piece and code >= 0x0E00 and previous >= 0x0E00 then
        out[#out + 1] = pandoc.Str(text:sub(start, at - 1))
        start, count = at, 0
      end
      count, previous = count + 1, code
    end
    if #out == 0 then return nil end
    out[#out + 1] = pandoc.Str(text:sub(start))
    return out
  end
end

-- The part of a section's last block that goes with what follows it: a list's last item, as a
-- list of its own that goes on numbering (the rest of the list stays where it falls), or the
-- whole block. Typst moves a sticky block whole, so sticking a whole list left the page before
-- it up to a dozen lines short.
local function last_part(block)
  if (block.t == 'OrderedList' or block.t == 'BulletList') and #block.content > 1 then
    local tail = block:clone()
    tail.content = { block.content[#block.content] }
    if block.t == 'OrderedList' then
      tail.listAttributes = pandoc.ListAttributes(block.listAttributes.start + #block.content - 1,
        block.listAttributes.style, block.listAttributes.delimiter)
    end
    block.content[#block.content] = nil
    return { block }, tail
  end
  return {}, block
end

-- A chapter's sources note never takes a page alone: the last block of the section before it
-- (of a list, its last item) is set sticky (#block(sticky: true)), so Typst carries it over to
-- the note's page rather than break between them.
local function keep_before_sources(el)
  if not (has_class(el, 'book-doc') and has_class(el, 'chapter')) then return nil end
  local previous = nil
  for _, block in ipairs(el.content) do
    if block.t == 'Div' and has_class(block, 'section') then
      if has_class(block, 'section-sources') then
        if previous and #previous.content > 0 then
          local last = previous.content[#previous.content]
          previous.content[#previous.content] = nil
          local stays, sticks = last_part(last)
          for _, b in ipairs(stays) do previous.content:insert(b) end
          for _, b in ipairs(wrap('#block(sticky: true)[', { sticks }, ']')) do previous.content:insert(b) end
        end
        return el
      end
      previous = block
    end
  end
  return nil
end

-- The second pass, one document at a time: the blocks filter walks from the inside out, so a
-- book-doc div is reached after its excerpts, too late to start counting their credits afresh.
-- A document's id is the div's without pandoc's per-file prefix (ids never contain "__").
local function each_document(doc, filter)
  local out = pandoc.Blocks({})
  for _, block in ipairs(doc.blocks) do
    if block.t == 'Div' and has_class(block, 'book-doc') then
      credits = { doc = block.identifier:gsub('^.*__', ''), count = 0, key = nil, id = nil }
    end
    out:extend(pandoc.Blocks({ block }):walk(filter))
  end
  doc.blocks = out
  return doc
end

-- The first pass over the blocks: what the second needs prepared (chapter headings and
-- attributions queued, figures set), and a chapter's sources note kept with what precedes it.
-- Figures are set here, before any Image function of the second pass could touch their images;
-- a book-doc div is reached after its sections, whose last block may then be a figure already set.
local function prepare_div(el)
  if has_class(el, 'excerpt') then return prepare_excerpt(el) end
  return keep_before_sources(el)
end

return {
  { Pandoc = function(doc)
      local piece = tonumber(pandoc.utils.stringify(doc.meta['book-long-word'] or ''))
      if piece then return doc:walk({ Str = cut_long_str(piece) }) end
      return nil
    end },
  { Pandoc = page_marks },
  { Div = prepare_div, Header = prepare_heading, Figure = Figure_ },
  { Pandoc = function(doc)
      write_queued()
      local images = doc.meta['book-inline-images']
      local limit = tonumber(pandoc.utils.stringify(doc.meta['book-long-paragraph'] or ''))
      -- not inside an attribution: the excerpt's filter makes it one line of inlines (credit-text)
      if limit then
        doc = doc:walk({
          traverse = 'topdown',
          Div = function(el) if has_class(el, 'attribution') then return el, false end end,
          Para = long_paragraphs(limit),
        })
      end
      return each_document(doc, images and blocks_and_images or blocks)
    end },
}
