# What the commands print: one line per brief, the summary, and the lines of new, outlet,
# watch and preview. Paths are shown as given on the command line.

error-line = error: { $line }
built = built { $brief } → { $output } ({ $pages } { $pages ->
        [one] page
       *[other] pages
    })
built-files = built { $brief } → { $first } … { $last } ({ $files } files of { $pages } { $pages ->
        [one] page
       *[other] pages
    })
timings = timings: load { $load } · validate { $validate } · render { $render } · export { $export } · write { $write }
skipped = skipped { $brief } → { $output } (unchanged; --force rebuilds)
cannot-build = cannot build `{ $brief }` ({ $problems }); nothing was written
brief-has-problems = `{ $brief }` has { $problems }
summary = { $verb ->
        [checked] checked
       *[built] built
    } { $done } of { $total } briefs{ $skipped ->
        [0] {""}
       *[other] , { $skipped } unchanged
    }{ $failed ->
        [0] {""}
       *[other] ; failed: { $names }
    } in { $seconds } s
peak-memory = peak memory: { $peak }
count-errors = { $count ->
        [one] 1 error
       *[other] { $count } errors
    }
count-warnings = { $count ->
        [one] 1 warning
       *[other] { $count } warnings
    }
count-warnings-denied = { $warnings }, denied by --deny-warnings
count-both = { $errors } and { $warnings }
no-briefs-found = no briefs found (folders are searched for *.toml files)

## Usage mistakes

bad-source-date-epoch = SOURCE_DATE_EPOCH is `{ $value }`, not a number of seconds since 1970-01-01
bad-pages = --pages: { $problem }
not-a-page-number = `{ $text }` is not a page number (pages count from 1)
no-pages-given = give pages like `1`, `1-2` or `2-`
bad-ppi = --ppi must be between 1 and 2400
bad-timeout = --timeout must be a positive number of seconds
bad-memory-limit = --memory-limit must be a positive number of megabytes
output-overwrites-brief = -o { $output } would overwrite a brief; give a .{ $extension } file{ $extension ->
        [json] {""}
       *[other] {" "}or a folder
    }
bad-output-pattern = --output-pattern: { $problem }
output-names-a-file = -o { $output } names a .{ $extension } file, but { $why }; give a folder (e.g. -o out/)
why-pattern-needs-folder = --output-pattern names files inside a folder
why-several-briefs = { $count } briefs are being built
batch-worker-failed = batch worker: { $detail }
cannot-write-data = cannot write the data: { $detail }
cannot-write-manual = cannot write the manual page: { $detail }

## new, outlet new, watch and preview

created = created { $path }
created-schema = created { $path } (editors with TOML support use it to complete and check keys)
build-it-with = build it with: mujaz build { $path }
outlet-created = created outlet `{ $name }` in { $folder } (from `{ $from }`)
outlet-created-next =
    edit { $folder }/outlet.toml, then build with: mujaz build BRIEF.toml
    (set `outlet = "{ $name }"` in the brief; `templates/` beside the brief is found by itself)
watching = watching { $brief } (press Ctrl-C to stop)
waiting-for-change = waiting for a change to the brief or its outlet
rebuilt-in = built { $brief } → { $output } in { $ms } ms
watch-failed = `{ $brief }` has { $problems }; the last good PDF is kept
watch-restarting = restarting the watching process to end the stopped template; the last good PDF is kept
watch-abandoned = stopped watching: fix the template, then start `mujaz watch` again
preview-ready = preview of { $brief } at { $url } (press Ctrl-C to stop)
preview-rebuilt = rebuilt { $brief }
supervised-ended = the last save ended mujaz (signal { $signal }: Typst failed beyond recovery, or the system stopped it); starting again, { $kept }
kept-same-address = on the same address
kept-last-good-pdf = the last good PDF is kept
preview-not-a-brief = `{ $brief }` is not a brief file (check the path; `mujaz new PATH` starts one)
preview-cannot-start = cannot start the preview server
preview-template-stopped = The last save stopped the template (a time or memory limit, or a failure Typst cannot recover from). Fix the template or the brief and save again.
preview-abandoned = the template was stopped (time or memory limit) but keeps running inside mujaz; preview stopped: fix the template, then start `mujaz preview` again

## The preview page

preview-title = mujaz preview
preview-hint = hint:
preview-build = build
preview-stopped = mujaz preview has stopped
preview-page = page
preview-error = error
preview-warning = warning

## new, outlet new and watch, when they cannot

new-exists = `{ $path }` already exists; mujaz new never overwrites a file
new-not-toml = `{ $path }` should end in .toml
new-unknown-outlet = there is no outlet named `{ $outlet }`; outlets: { $outlets }
cannot-create = cannot create `{ $path }`
scaffold-unknown-base = there is no built-in outlet `{ $from }`; built-in outlets: { $outlets }
scaffold-bad-name = `{ $name }` cannot be an outlet name: use letters, digits, `-` and `_`
scaffold-exists = `{ $folder }` already exists; choose another name or remove it first
cannot-watch-system = cannot watch files on this system
cannot-watch = cannot watch `{ $path }`

## Output patterns, outlet list and units

pattern-unclosed-brace = a `{"{"}` without `{"}"}`
pattern-unknown-placeholder = unknown placeholder `{ $placeholder }`; use { $known }
pattern-no-file-name = the pattern must end in a file name, e.g. "{"{"}lang{"}"}/{"{"}id{"}"}"
outlet-list-builtin = built-in
outlet-list-overrides = (overrides the built-in one)
outlet-list-fonts = fonts: { $fonts }
outlet-list-fonts-unreadable = fonts: (unreadable; `mujaz check` says why)
unit-ms = { $ms } ms
unit-mb = { $mb } MB

## import

import-failed = cannot import `{ $draft }`: { $problem }
import-exists = `{ $path }` already exists; mujaz import never overwrites a file (give another name with -o)
hint-import-formats = mujaz imports .txt (UTF-8, UTF-16 or Windows-1256), .md and .docx drafts
import-too-large = the file is larger than { $max } MB
import-binary = this is not a text file
import-encoding = the draft is not UTF-8: it was read as { $encoding }
import-macro-document = this Word file carries macros, which mujaz does not open
import-old-word = this is an old Word file (.doc)
import-encrypted-word = this Word file is protected by a password (or is an old .doc)
import-not-a-zip = this is not a Word (.docx) file
import-not-a-word-file = the file holds no Word document
import-zip-too-many = the file has more than { $max } parts
import-zip-too-large = a part of the file unpacks to more than { $max } MB
hint-import-save-as-docx = open it in Word and save it as a Word Document (.docx) without a password, or as plain text
import-no-sections = no heading in the draft names a section of a brief
hint-import-headings = put each section under a heading on a line of its own, one of: { $headings }
import-summary = { $news } news { $news ->
        [one] paragraph
       *[other] paragraphs
    }, { $points } commentary { $points ->
        [one] point
       *[other] points
    }, { $background } background { $background ->
        [one] paragraph
       *[other] paragraphs
    }, { $questions } { $questions ->
        [one] question
       *[other] questions
    }, { $sources } { $sources ->
        [one] source
       *[other] sources
    }
import-written = wrote { $path }: { $found }
import-fill-title = fill in: the title (no short first line named it)
import-fill-date = fill in: the date (the draft writes none)
import-next = next: mujaz check { $path }
import-image-written = wrote the draft's picture { $path }
import-fill-alt = fill in: its alt, what it shows (the draft gives no description)
site-written = { $index } and { $feed } now list { $entries } { $entries ->
        [one] entry
       *[other] entries
    }
site-unchanged = { $index } and { $feed } unchanged ({ $entries } { $entries ->
        [one] entry
       *[other] entries
    })
site-not-listed = nothing in { $folder } could be listed, so its index and feed were left as they were
site-print = a site's PDFs are the screen version, for readers; make the print version with `mujaz build --print`
