# Messages about an outlet: its folder, its outlet.toml, its fonts and images.

outlet-missing-glyph = no embedded font can draw `{ $char }` (U+{ $code }), which the outlet prints
hint-outlet-missing-glyph = it would print as an empty box; fonts tried: { $fonts }. Change the outlet's text
rgb-image = the print version carries this RGB image as it is
hint-rgb-image = the print shop converts it to CMYK for the press, and its colours may shift; for colours you have checked, give a CMYK JPEG (or an SVG)
unknown-base = `outlet.base` names `{ $base }`, which is not a built-in outlet
hint-builtin-outlets = built-in outlets: { $outlets }
no-main-file = outlet `{ $outlet }` has no `{ $file }`
incomplete-settings = outlet `{ $outlet }`: the merged settings are incomplete ({ $detail })

## Fonts

too-many-fonts = an outlet may bring at most { $max } font files, this one has { $count }
hint-too-many-fonts = keep the styles the outlet uses (regular, bold, maybe italic) of one or two families
not-a-font = this is not a font mujaz can lay out with
hint-not-a-font = give a TrueType or OpenType file (.ttf, .otf, .ttc), or move it out of fonts/
font-shadowed = this font's family, `{ $family }`, is a built-in font's: the built-in one is used
hint-font-shadowed = remove the file, or use a font whose family name is its own
font-without-licence = the outlet's fonts come without a licence file
hint-font-without-licence = put the fonts' licence (OFL.txt for SIL Open Font License fonts) in the fonts/ folder: the PDF embeds the fonts, and most font licences ask that the licence travel with them

## The folder

outlet-symlink = an outlet folder may not contain symbolic links
outlet-hard-link = an outlet folder may not contain hard links
hint-copy-into-outlet = copy the file into the outlet folder instead
outlet-file-too-large = the file is larger than { $max } MB
outlet-too-many-files = an outlet folder may hold at most { $max } files
outlet-too-large = an outlet's files may be at most { $max } MB together
image-too-large = the image is { $width } × { $height } pixels ({ $millions } million); an image may have at most { $max } million
image-too-large-inside = { $why } (inside the file, as a data: URL)
hint-image-too-large = scale the image down; a page needs about 3,500 × 2,500 pixels at print resolution

## outlet.toml

hint-see-outlets = see “Outlets and templates” in the README
invalid-setting = `{ $name }`: { $problem }
length-too-long = `{ $text }` is longer than a page can be
hint-length-too-long = lengths may be at most 5080mm (200in), the largest PDF page
not-a-length = `{ $text }` is not a length
hint-length = write a number and a unit: "21mm", "2.1cm", "12pt" or "1in"
out-of-range = `{ $text }` is out of range
range-logo-height = give a logo's height: 5mm to 60mm
range-font-size = give the body text's size: 6pt to 30pt
leading-out-of-range = the leading is out of range
hint-leading = give it in em, from 0 to 5, e.g. 0.9
not-a-colour = `{ $text }` is not a colour
hint-colour = write screen colours as "#rrggbb", e.g. "#1d3557"
cmyk-needs-four = a print colour needs four percentages
hint-cmyk = write [cyan, magenta, yellow, black] from 0 to 100, e.g. [90, 60, 10, 40]
unknown-font-family = there is no font family `{ $family }`
hint-font-families = the fonts mujaz has: { $families }
not-a-choice = `{ $text }` is not one of the choices
hint-choose-one = choose one of: { $choices }
unknown-entry = `{ $name }` has an unknown entry
hint-choose-from = choose from: { $choices }
outlet-no-such-file = the outlet has no file `{ $file }`
hint-outlet-no-such-file = put the file in the outlet's folder and give its path relative to that folder
path-leaves-outlet = `{ $path }` leaves the outlet folder
hint-path-inside = give a path inside the outlet folder, e.g. "logo.svg"
unknown-placeholder = `{ $name }` has an unknown placeholder `{ $placeholder }`
hint-no-placeholders = this label takes no placeholders: write its text without braces
hint-placeholder-did-you-mean = did you mean `{ $suggestion }`? this label's placeholders: { $known }
hint-placeholders = this label's placeholders: { $known }
kind-font-family = a font family name
kind-string-or-languages = a string or a table of languages
kind-length = a length
kind-em = a number of em
not-a-base-url = `{ $text }` is not a web address a site can be published at
hint-base-url = write the address of the folder the site is published in, starting with https://, e.g. "https://briefs.example.org/"; or "" for none
kind-colour = a colour
kind-cmyk = four CMYK percentages
kind-font-families = a list of font families
pdf-x-needs-trim = PDF/X-4 needs the trim marked on every page, and this outlet's print pages have no bleed and no crop marks
hint-pdf-x-needs-trim = set `bleed` under [print] (3mm is usual) or turn `crop-marks` on; or take "pdf/x-4" out of `standards`
