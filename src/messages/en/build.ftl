# Messages about laying out and writing a brief, and about the worker processes of a batch.

date-unusable = the brief's date cannot be used by Typst
outlet-unusable = outlet `{ $outlet }`: { $detail }
# Typst's own words, for the outlet's designer.
typst-says = { $detail }
web-template-says = { $detail }
hint-web-template = an outlet's web templates are the files in its `web/` folder; `mujaz outlet new` copies the built-in ones to start from
hint-web-template-fuel = the template did far more work than any page needs (a 200-brief bulletin takes about a hundredth of what it may); look for a loop that runs too long
typst-hint = { $detail }
standards-clash = these PDF standards cannot be combined: { $detail }
cannot-write-pdf = cannot write the PDF: { $detail }
hint-outlet-glyph-at-export = a character in the outlet's own text (its template, labels or [text] lines) that no embedded font draws; change that text in the outlet
page-image-too-large = page { $page } would be an image of { $millions } million pixels at { $ppi } ppi
hint-lower-ppi = lower --ppi, or check the outlet's page size
glyph-forbidden-in-print = { $problem }: the print version's standard ({ $standards }) forbids it
hint-glyph-forbidden-in-print = fonts tried: { $fonts }; replace the character with one they draw, or take { $settings } out of `standards` under `[print]` in the outlet's outlet.toml
no-pages-selected = no pages selected (the brief has { $pages } pages)
hint-check-pages = check --pages
cannot-write-file = { $detail }

## Work that was stopped

doing-layout = to lay out the brief
doing-write = to write the { $format }
template-timeout = outlet `{ $outlet }` took longer than { $seconds } s { $doing }; it was stopped
hint-template-timeout = a template with a very long or endless loop; fix the template, or raise the limit with --timeout
template-memory = outlet `{ $outlet }` made mujaz use { $used } MB of memory { $doing }, over the limit of { $limit } MB; it was stopped
hint-template-memory = a template that builds ever larger values, or a huge image; fix the template, or raise the limit with --memory-limit (it counts the whole process: in a batch, one worker)
typst-panicked = Typst failed { $doing }: { $detail }
hint-typst-panicked = this is a bug in mujaz or Typst, not in your brief; please report it with the brief attached
no-worker-thread = cannot start a worker thread { $doing }: { $detail }
internal-error = internal error in mujaz { $version }: { $detail }
internal-error-hint = this is a bug in mujaz, not in your brief; please report it with the brief attached

## Batches and their worker processes

not-built-memory = not built: the build stopped when a template went over the memory limit
never-built = the brief was never built
output-name-unusable = cannot name the output: { $placeholder } is `{ $value }`, which cannot be part of a file name
hint-output-name = rename the brief file, or use a --output-pattern without that placeholder
output-collision = { $briefs } and { $last } would { $count ->
        [2] both
       *[other] all
    } be written to `{ $output }`
hint-output-collision = give each brief its own id, or use --output-pattern with {"{"}id{"}"}, {"{"}date{"}"}, {"{"}lang{"}"} or {"{"}outlet{"}"}
worker-ended-well = the worker process ended normally
worker-not-waited-for = it could not be waited for
worker-ended-saying = { $cause }: { $tail }
worker-signal = the worker process ended on signal { $signal }{ $name ->
        [abort] {" "}(abort)
        [killed] {" "}(killed)
        [segfault] {" "}(segmentation fault)
       *[other] {""}
    }
worker-exit-status = the worker process ended with { $status }
worker-cannot-hand-over = the brief could not be handed to a worker process
worker-cannot-start = cannot start a worker process for this brief: { $detail }
worker-unreadable-failure = the worker process reported a failure that could not be read
worker-stopped = mujaz stopped while building this brief; { $cause }
hint-worker-stopped = the rest of the batch was built; an abort or stack overflow comes from the outlet's template or images (an image Typst cannot decode, values nested too deep), a stop from outside the batch
worker-ended-twice = the worker process ended twice before answering
and-more-errors = { $first } (and { $more } more { $more ->
        [one] error
       *[other] errors
    })
no-errors = no errors

## Writing files

cannot-create-folder = cannot create the folder `{ $folder }`
output-is-a-folder = `{ $path }` is a folder; give a file name, or build several briefs into it
output-not-a-regular-file = `{ $path }` is not a regular file (a device, pipe or socket); give a file name
cannot-create-temporary = cannot create a temporary file in `{ $folder }`
cannot-write-temporary = cannot write the temporary file
cannot-flush-temporary = cannot flush the temporary file
cannot-keep-permissions = cannot keep the file's permissions
cannot-move-into-place = cannot move the output into place at `{ $path }`
