# Messages about a brief: reading it, its TOML, and each check of its contents.
# Placeables: $name is a key's dotted name (`brief.title`), $key a bare key.

hint = hint: { $hint }

## Where a key is, and what kind of value

place-top-level = at the top level
place-in-table = in `{ $table }`
kind-string = a string
kind-number = a number
kind-boolean = true/false
kind-date = a date
kind-list = a list
kind-table = a table
kind-list-of-tables = a list of tables
kind-list-of-strings = a list of strings
kind-string-or-table = a string or a table
kind-date-without-time = a date without a time of day
kind-date-not-time = a date, not a time of day
example-table-header = {"["}{ $key }] on a line of its own
example-date = `{ $key } = 2025-09-21` (no quotes)
example-date-in-digits = `{ $key } = { $date }`, with the digits 0-9 and no quotes (the outlet prints Arabic-Indic digits if it sets `digits = "arabic-indic"` under [locale])
example-text = "…" or """…""" for several paragraphs
example-point = "…" or {"{"} title = "…", text = "…" {"}"}

## Keys and values

unknown-key = unknown key `{ $key }` { $place }
hint-did-you-mean = did you mean `{ $suggestion }`?
hint-known-keys = known keys { $place }: { $keys }
missing-table = missing required table `[{ $key }]`
missing-key = missing required key `{ $key }`
hint-add-it =
    add it, e.g.
    { $example }
wrong-type = `{ $name }` should be { $expected }, not { $found }
should-be = `{ $name }` should be { $expected }
hint-write-it-like = write it like { $example }
too-many-entries = `{ $name }` has { $count } entries; a brief may have at most { $max }
hint-too-many-entries = split the brief, or keep the most important ones
field-too-long = `{ $name }` is { $chars } characters long; one field may hold at most { $max }
hint-field-too-long = split the text over several points or paragraphs
empty-field = `{ $name }` is empty
hint-write-some-text = write some text
not-a-real-date = `{ $name }` is not a real date
hint-real-date = check the month and day
unsupported-lang = unsupported language `{ $lang }`
hint-supported-langs = supported languages: { $langs } (Arabic is the default)
unknown-outlet = there is no outlet named `{ $outlet }`
hint-outlet-did-you-mean = did you mean `{ $suggestion }`? available outlets: { $outlets }
hint-available-outlets = available outlets: { $outlets }
bad-id = `{ $id }` is not a usable id
hint-bad-id = use letters, digits, `-`, `_`, `.` or `:`, e.g. `egypt-pakistan-2025-09`
hint-add-a-point = add at least one point: points = ["…"]
duplicate-source = source id `{ $id }` is already used by source { $first }
hint-duplicate-source = give every source its own id
hint-source-url = write the full address, e.g. "https://example.org/article"

## Reading the file

is-a-directory = this is a directory, not a brief file
hint-is-a-directory = give the path of a `.toml` brief inside it
no-such-file = no such file
hint-no-such-file = check the path; `mujaz new PATH` starts a new brief
cannot-read-file = cannot read the file: { $detail }
not-a-regular-file = this is not a regular file (a device, pipe or socket)
hint-not-a-regular-file = give the path of a `.toml` brief
brief-too-large = the file is { $size } MB; briefs may be at most { $max } MB
hint-right-file = is this the right file?
file-is-utf16 = the file is UTF-16 ({ $order ->
        [little] little-endian
       *[big] big-endian
    }) text, not UTF-8
hint-save-as-utf8 = save it as UTF-8 in your editor (in Notepad: Save as → Encoding: UTF-8); briefs are read as UTF-8 only
not-utf8 = the file is not UTF-8 text (invalid byte at line { $line }, column { $column }; byte offset { $offset })
hint-not-utf8 = save the brief as UTF-8 in your editor (an Arabic file from older Windows programs is often Windows-1256)

## TOML syntax: the parser's own words, and a hint of ours

toml-syntax = { $detail }
toml-control-character = { $detail }
toml-bad-escape = { $detail }
toml-bad-date = { $detail }
toml-duplicate-key = { $detail }
toml-unquoted = { $detail }
toml-unclosed-string = { $detail }
toml-arabic-comma = { $detail }
toml-curly-quotes = { $detail }
toml-date-in-arabic-digits = { $detail }
toml-unreadable-value = { $detail }
hint-toml-control-character = there is an invisible character (U+{ $code }) here, often pasted along with copied text: delete it
hint-toml-bad-escape = inside "…" a backslash starts an escape: write `\\` for a backslash (`\\*` for a literal star in inline text), or use '…' or '''…''' strings, where a backslash is plain
hint-toml-bad-date = write dates as year-month-day with a real month and day, e.g. `date = 2025-09-21`
hint-toml-duplicate-key = `{ $key }` is set twice here: keep one (a table such as [brief] is written once)
hint-toml-curly-quotes = TOML text needs straight quotes around it: title = "…"; curly quotes “ ” may go inside
hint-toml-date-in-digits = write dates with the digits 0-9, as `{ $date }` (no quotes); the outlet prints them in Arabic-Indic digits if it sets `digits = "arabic-indic"` under [locale]. Other text goes in quotes
hint-toml-date-form = write dates as `2025-09-21` (no quotes, dashes not slashes); put other text in quotes
hint-toml-quote-text = put text in double quotes: key = "…"
hint-toml-arabic-comma = the items of a list are separated by the Latin comma `,`, not the Arabic comma `،`: `tags = ["مصر", "باكستان"]`
hint-toml-close-string = close the text with `"` on the same line, or use """…""" for text over several lines
hint-see-format = see the brief format in the README

## Inline text

joined-paragraphs = `{ $name }` is one paragraph: its blank line is printed as a space
hint-joined-paragraphs = remove the blank line; the news and background texts and commentary points take several paragraphs
more-inline-problems = `{ $name }` has { $count } more problems like the ones above
hint-fix-those-first = fix those first, then check again
unclosed-emphasis = `{ $delim }` in `{ $name }` is never closed
hint-unclosed-emphasis = close it with another `{ $delim }`; a star that is not markup is written `\\*` inside "…" (`\*` inside '…' or '''…''')
unclosed-bracket = `[` in `{ $name }` is never closed
hint-unclosed-bracket = close it with `]`, or write `\[` for a literal bracket
unclosed-link = the link address in `{ $name }` is never closed
hint-unclosed-link = write links as [label](https://…); the address ends at `)` and cannot contain spaces (write %20)
hint-link-address = write the full address, e.g. [label](https://example.org)
empty-link-label = a link in `{ $name }` has no text to show, so it would vanish from the page
hint-empty-link-label = put the words to click between the brackets: [the ministry's statement](https://…)
bad-citation = `[@{ $id }]` is not a valid citation
hint-bad-citation = cite a source by its id, e.g. [@reuters-2025]
url-empty = the link has no address
url-has-space = `{ $url }` contains a space; write it as %20
url-scheme = `{ $url }` is not an http, https or mailto address
url-no-address = `{ $url }` has no address after `{ $scheme }`
url-invalid = `{ $url }` is not a valid address ({ $detail })

## Characters

control-character = control character U+{ $code } in the text{ $more ->
        [0] {""}
       *[other] {" "}(and { $more } more)
    }
hint-direction-override = direction overrides leak into the text after them; to keep a run of Latin text whole, wrap it in the isolates U+2066…U+2069, or remove the character
hint-control-character = remove it: invisible control characters print as boxes or break the layout
stacked-marks = one letter here carries { $count } characters (combining marks); a letter may have at most { $max }
hint-stacked-marks = remove the stacked marks: no script needs so many on one letter, and laying them out takes memory that grows with their square
word-too-long = a word of { $length } characters with no space in it; a word may have at most { $max }
hint-word-too-long = put spaces where the words are; breaking a run this long across lines takes time that grows with its square
unclosed-isolate = the isolate U+{ $code } is never closed in this text
hint-unclosed-isolate = end it with U+2069 (POP DIRECTIONAL ISOLATE); an open isolate reorders everything after it
missing-glyph = { $count ->
        [one] no embedded font can draw { $listed }
       *[other] no embedded font can draw { $count } characters here: { $listed }{ $more ->
            [0] {""}
           *[other] {" "}and { $more } more
        }
    }
hint-missing-glyph = { $count ->
        [one] it would print as an empty box; fonts tried: { $fonts }. Replace the character
       *[other] they would print as empty boxes; fonts tried: { $fonts }. Replace the characters
    }

## Citations

unknown-citation = no source has the id `{ $id }`
hint-did-you-mean-citation = did you mean `[@{ $suggestion }]`?
hint-add-a-source = add a source: [[sources]] id = "{ $id }" title = "…"
hint-add-or-cite = add a [[sources]] entry with id = "{ $id }", or cite one of: { $known }
uncited-source = source `{ $id }` is never cited
hint-uncited-source = cite it in the text with [@{ $id }], or remove its id

## Format v2: status, embargo, key figures, quotes, notes

bad-status = unknown status `{ $status }`
hint-status = a brief is "draft" (every page is marked) or "final" (the default)
kind-datetime-with-offset = a date and time with its offset from UTC
example-embargo = `embargo = 2025-09-22T06:00:00+03:00` (no quotes)
facts-count = the key figures box has { $count } { $count ->
        [one] entry
       *[other] entries
    }; it holds { $min } to { $max }
hint-facts-count = keep the figures a reader should remember; one figure belongs in the text
unknown-after = `{ $name }`: `{ $value }` is not a section
bad-note-reference = `[^{ $id }]` is not a valid note reference
hint-bad-note-reference = refer to a note by its key under [notes], e.g. [^1]
bad-note-key = `{ $id }` cannot be a note's key
hint-bad-note-key = use letters, digits, `-` or `_`, e.g. 1 = "…" or source-note = "…"
unknown-note = no note has the key `{ $id }`
hint-did-you-mean-note = did you mean `[^{ $suggestion }]`?
hint-add-a-note = add it under [notes]: { $id } = "…"
unused-note = the note `{ $id }` is never referred to
hint-unused-note = refer to it in the text with [^{ $id }], or remove it

## Figures

duplicate-figure = two figures have the id `{ $id }`
hint-duplicate-figure = give every figure its own id
figure-outside-folder = `{ $file }` is not a path inside the brief's folder
hint-figure-outside-folder = put the image in the brief's folder (or a folder inside it, such as `images/`) and give its path from there, e.g. "images/map.svg"
figure-not-found = there is no file `{ $file }` beside the brief
hint-figure-not-found = the path is relative to the brief's folder, e.g. "images/map.svg"
figure-symlink = `{ $file }` goes through a symbolic link
hint-figure-symlink = copy the image itself into the brief's folder
figure-not-a-file = `{ $file }` is not a regular file
figure-too-large = `{ $file }` is larger than { $max } MB
figure-not-an-image = `{ $file }` is not a PNG, JPEG, GIF, WebP or SVG image
hint-figure-kinds = give a PNG, JPEG, GIF, WebP or SVG file
figure-svg-outside = the SVG `{ $file }` refers to `{ $reference }`, outside itself
hint-figure-svg-outside = an SVG may show only what it holds: embed the image it uses (as a data: URL) or remove the reference
figure-undecodable = `{ $file }` cannot be read as an image: { $detail }
unknown-figure = no figure has the id `{ $id }`
hint-did-you-mean-figure = did you mean `[@fig:{ $suggestion }]`?
hint-add-a-figure = add a figure: [[figures]] id = "{ $id }" file = "…" alt = "…"
hint-known-figures = the figures: { $known }
unreferenced-figure = the figure `{ $id }` is never referred to
hint-unreferenced-figure = refer to it in the text with [@fig:{ $id }], or remove it
rgb-figure = the print version carries the RGB image `{ $file }` as it is
hint-rgb-figure = the print shop converts it to CMYK for the press, and its colours may shift; for colours you have checked, give the figure as a CMYK JPEG
hint-figure-undecodable = the file may be damaged or saved in a variant Typst cannot read: open it in an image editor and save it again as PNG or JPEG
bad-figure-id = `{ $id }` cannot be a figure's id
hint-bad-figure-id = use letters, digits, `-`, `_` or `.` (no `:`): the text refers to it as [@fig:id], e.g. id = "map"
embargo-needs-offset = `{ $name }` has a date and a time but no offset from UTC
hint-embargo-offset = add the offset of the time zone the embargo is meant in, e.g. `embargo = 2025-09-22T06:00:00+03:00`
hint-rgb-svg-figure = Typst writes an SVG's colours as RGB, and the print shop converts them for the press: check them on a proof, or give the figure as a CMYK JPEG where they must be exact

## Bulletins

reference-in-bulletin = a bulletin has no sources or notes of its own
hint-reference-in-bulletin = cite sources and notes in the brief that uses them; the bulletin's own text is the title and the foreword
hint-issue-number = write it like `number = 142`, or leave it out for an unnumbered bulletin
hint-add-briefs = name the briefs in the order they are to appear, e.g. `briefs = ["../briefs/first.toml", "../briefs/second.toml"]`
no-brief-file = there is no brief file at `{ $entry }`
hint-no-brief-file = paths are relative to the bulletin's folder (`{ $folder }`); check the name
empty-brief-folder = the folder `{ $entry }` holds no brief files (`*.toml`)
pattern-matches-nothing = the pattern `{ $entry }` matches no brief file
hint-pattern = patterns are relative to the bulletin's folder (`{ $folder }`), e.g. `../briefs/2025-09-*.toml`
bad-pattern = `{ $entry }` is not a pattern mujaz can read: { $detail }
entry-is-a-bulletin = `{ $entry }` is a bulletin, not a brief
hint-entry-is-a-bulletin = a bulletin bundles briefs; list that bulletin's briefs here instead
duplicate-brief = `{ $file }` is already in this bulletin (from `{ $first }`)
hint-duplicate-brief = a brief appears once in an issue; remove one of the two entries
too-many-bulletin-briefs = the bulletin names { $count } briefs; at most { $max } fit one issue
hint-too-many-bulletin-briefs = split it into several bulletins
cannot-read-brief = cannot read `{ $file }`: { $detail }
outlet-in-bulletin = this brief names the outlet `{ $outlet }`; in the bulletin it is laid out by `{ $bulletin }`
hint-outlet-in-bulletin = an issue has one design: leave `outlet` out of the brief, or build the bulletin with `--outlet`
draft-in-bulletin = this brief is a draft: its pages in the bulletin carry the draft mark
hint-draft-in-bulletin = set `status = "final"` when it is ready, or leave it out of this issue
embargo-after-bulletin = this brief is embargoed until { $embargo }, after the bulletin's date ({ $date })
hint-embargo-after-bulletin = publish it in a later issue, or check the embargo's date
draft-on-site = this brief is a draft: its page and PDF on the site carry the draft mark
hint-draft-on-site = set `status = "final"` when it is ready, or build the site without it
embargo-on-site = this brief is embargoed until { $embargo }, and a site is public as soon as it is uploaded
hint-embargo-on-site = build the site without it until then (`--deny-warnings` keeps such briefs off the site)
kind-whole-number = a whole number
bad-issue-number-range = `{ $name }` must be a whole number from 1 to { $max }
