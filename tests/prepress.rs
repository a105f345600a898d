//! The print version as a prepress preflight sees it (issue 17): a CMYK output intent naming
//! its condition, PDF/X-4 beside PDF/A-2b, crop marks on every plate, no RGB anywhere. The
//! plates are rendered by Ghostscript (`gs -sDEVICE=tiffsep`, installed by `./test.sh`).

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;
use lopdf::{Document, Object};

fn build_print(brief: &Path, dir: &Path, name: &str) -> Document {
    let output = mujaz(&["build", "--print", &brief.display().to_string(), "-o", name], dir);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    Document::load(dir.join(name)).unwrap()
}

fn name_of(object: &Object) -> String {
    String::from_utf8_lossy(object.as_name().unwrap_or(b"?")).into_owned()
}

fn text_of(doc: &Document, object: &Object) -> String {
    let object = match object {
        Object::Reference(id) => doc.get_object(*id).unwrap(),
        other => other,
    };
    String::from_utf8_lossy(object.as_str().unwrap_or(b"?")).into_owned()
}

/// The output intents of a PDF: (subtype, condition identifier, the profile's object id).
fn output_intents(doc: &Document) -> Vec<(String, String, lopdf::ObjectId)> {
    let catalog = doc.catalog().unwrap();
    let Ok(intents) = catalog.get(b"OutputIntents") else { return Vec::new() };
    let intents = match intents {
        Object::Reference(id) => doc.get_object(*id).unwrap().as_array().unwrap().clone(),
        other => other.as_array().unwrap().clone(),
    };
    intents
        .iter()
        .map(|intent| {
            let intent = doc.get_dictionary(intent.as_reference().unwrap()).unwrap();
            let subtype = name_of(intent.get(b"S").unwrap());
            let identifier = text_of(doc, intent.get(b"OutputConditionIdentifier").unwrap());
            let profile = intent.get(b"DestOutputProfile").unwrap().as_reference().unwrap();
            (subtype, identifier, profile)
        })
        .collect()
}

fn components(doc: &Document, profile: lopdf::ObjectId) -> i64 {
    doc.get_object(profile).unwrap().as_stream().unwrap().dict.get(b"N").unwrap().as_i64().unwrap()
}

fn xmp(doc: &Document) -> String {
    let catalog = doc.catalog().unwrap();
    let metadata = doc.get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap()).unwrap();
    let stream = metadata.as_stream().unwrap();
    String::from_utf8_lossy(&stream.decompressed_content().unwrap_or_else(|_| stream.content.clone())).into_owned()
}

#[test]
fn the_print_version_claims_pdf_a_and_pdf_x_4_with_a_cmyk_output_intent() {
    let dir = tempfile::tempdir().unwrap();
    for brief in [seed_brief(), english_brief()] {
        let doc = build_print(&brief, dir.path(), "print.pdf");
        let intents = output_intents(&doc);
        let subtypes: Vec<&str> = intents.iter().map(|(s, _, _)| s.as_str()).collect();
        assert_eq!(subtypes, ["GTS_PDFA1", "GTS_PDFX"], "{brief:?}");
        for (subtype, identifier, profile) in &intents {
            assert_eq!(identifier, "CGATS TR 001", "{subtype}");
            assert_eq!(components(&doc, *profile), 4, "{subtype}'s profile is not CMYK");
        }
        assert_eq!(intents[0].2, intents[1].2, "the output intents must share one profile (PDF/A-2)");

        let info = doc.get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap()).unwrap();
        assert_eq!(name_of(info.get(b"Trapped").unwrap()), "False");
        let metadata = xmp(&doc);
        assert!(metadata.contains("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>"), "{metadata}");
        assert!(metadata.contains("<pdf:Trapped>False</pdf:Trapped>"), "{metadata}");
        assert!(metadata.contains("<xmpMM:VersionID>1</xmpMM:VersionID>"), "{metadata}");
        // PDF/A-2 accepts only described schemas: pdfxid is not a predefined one.
        assert!(metadata.contains("<pdfaSchema:prefix>pdfxid</pdfaSchema:prefix>"), "{metadata}");
        assert!(metadata.contains("<pdfaid:part>2</pdfaid:part>"), "{metadata}");

        for (number, page) in doc.get_pages() {
            let page = doc.get_dictionary(page).unwrap();
            assert!(page.get(b"TrimBox").is_ok(), "page {number} of {brief:?} has no TrimBox");
        }
    }
}

#[test]
fn no_page_of_the_sample_briefs_carries_rgb_and_the_marks_are_in_registration_colour() {
    let dir = tempfile::tempdir().unwrap();
    for brief in [seed_brief(), english_brief()] {
        let doc = build_print(&brief, dir.path(), "print.pdf");
        let raw = fs::read(dir.path().join("print.pdf")).unwrap();
        assert!(!raw.windows(10).any(|w| w == b"/DeviceRGB"), "{brief:?} uses DeviceRGB");
        for (id, object) in &doc.objects {
            if let Ok(stream) = object.as_stream() {
                let n = stream.dict.get(b"N").and_then(|n| n.as_i64()).ok();
                assert_ne!(n, Some(3), "object {id:?} of {brief:?} is an RGB colour profile");
            }
        }
        // The crop marks' colour space: /Separation /All, which prints on every plate.
        let registration = doc.objects.values().any(|object| {
            object.as_array().is_ok_and(|array| {
                array.len() == 4 && name_of(&array[0]) == "Separation" && name_of(&array[1]) == "All"
            })
        });
        assert!(registration, "{brief:?} has no /Separation /All colour space");
    }
}

/// The plates Ghostscript separates page 1 into, as (name, width, height, grey pixels; 255 is
/// no ink).
fn plates(pdf: &Path, dir: &Path) -> Vec<(String, u32, u32, Vec<u8>)> {
    let status = Command::new("gs")
        .args(["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep", "-r72", "-dFirstPage=1", "-dLastPage=1"])
        .arg(format!("-sOutputFile={}", dir.join("plate.tif").display()))
        .arg(pdf)
        .status()
        .expect("the prepress test needs Ghostscript: run ./test.sh, which installs it (apt-get install ghostscript)");
    assert!(status.success());
    ["Cyan", "Magenta", "Yellow", "Black"]
        .iter()
        .map(|plate| {
            let file = fs::File::open(dir.join(format!("plate({plate}).tif"))).unwrap();
            let mut decoder = tiff::decoder::Decoder::new(file).unwrap();
            let (width, height) = decoder.dimensions().unwrap();
            let tiff::decoder::DecodingResult::U8(pixels) = decoder.read_image().unwrap() else {
                panic!("the {plate} plate is not 8-bit grey");
            };
            assert_eq!(pixels.len(), (width * height) as usize, "the {plate} plate is not one channel");
            (plate.to_string(), width, height, pixels)
        })
        .collect()
}

#[test]
fn the_crop_marks_print_on_all_four_plates() {
    let dir = tempfile::tempdir().unwrap();
    let doc = build_print(&seed_brief(), dir.path(), "print.pdf");
    let page = doc.get_dictionary(*doc.get_pages().get(&1).unwrap()).unwrap();
    let number = |o: &Object| o.as_float().or_else(|_| o.as_i64().map(|i| i as f32)).unwrap();
    let media: Vec<f32> = page.get(b"MediaBox").unwrap().as_array().unwrap().iter().map(number).collect();
    let bleed: Vec<f32> = page.get(b"BleedBox").unwrap().as_array().unwrap().iter().map(number).collect();
    let plates = plates(&dir.path().join("print.pdf"), dir.path());
    for (plate, width, height, pixels) in &plates {
        assert_eq!(*width as f32, (media[2] - media[0]).round(), "{plate}");
        // The four strips outside the bleed, where only the crop marks are (72 dpi: 1 px = 1 pt;
        // the image's y runs down from the top, the PDF's up from the bottom).
        let (left, right) = (bleed[0] as u32, bleed[2] as u32);
        let (top, bottom) = ((media[3] - bleed[3]) as u32, (media[3] - bleed[1]) as u32);
        let corners =
            [(0, left, 0, *height), (right, *width, 0, *height), (0, *width, 0, top), (0, *width, bottom, *height)];
        for (x0, x1, y0, y1) in corners {
            let inked = (y0..y1)
                .flat_map(|y| (x0..x1).map(move |x| (x, y)))
                .any(|(x, y)| pixels[(y * width + x) as usize] < 128);
            assert!(inked, "no crop mark on the {plate} plate in the strip x {x0}..{x1}, y {y0}..{y1}");
        }
    }
    // And the page itself is there: the text on the black plate.
    let (_, width, _, black) = &plates[3];
    let inside = |pixels: &Vec<u8>| {
        let (left, right) = (bleed[0] as u32 + 20, bleed[2] as u32 - 20);
        let (top, bottom) = ((media[3] - bleed[3]) as u32 + 20, (media[3] - bleed[1]) as u32 - 20);
        (top..bottom)
            .flat_map(|y| (left..right).map(move |x| (x, y)))
            .filter(|(x, y)| pixels[(y * width + x) as usize] < 128)
            .count()
    };
    assert!(inside(black) > 1000, "no text on the black plate");
}

#[test]
fn an_outlet_may_claim_pdf_a_alone_and_keeps_its_cmyk_output_intent() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(english_brief(), dir.path().join("brief.toml")).unwrap();
    let outlet = dir.path().join("templates/archive");
    fs::create_dir_all(&outlet).unwrap();
    fs::write(outlet.join("outlet.toml"), "[outlet]\nbase = \"default\"\n\n[print]\nstandards = [\"pdf/a-2b\"]\n")
        .unwrap();
    let output = mujaz(&["build", "--print", "--outlet", "archive", "brief.toml", "-o", "a.pdf"], dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let doc = Document::load(dir.path().join("a.pdf")).unwrap();
    let intents = output_intents(&doc);
    assert_eq!(intents.len(), 1);
    assert_eq!(intents[0].0, "GTS_PDFA1");
    assert_eq!(components(&doc, intents[0].2), 4);
    assert!(!xmp(&doc).contains("GTS_PDFXVersion"));
}

#[test]
fn pdf_x_4_without_bleed_or_marks_is_refused_at_the_outlet_s_standards_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(english_brief(), dir.path().join("brief.toml")).unwrap();
    let outlet = dir.path().join("templates/flat");
    fs::create_dir_all(&outlet).unwrap();
    let settings =
        "[outlet]\nbase = \"default\"\n\n[print]\nbleed = \"0mm\"\ncrop-marks = false\nstandards = [\"pdf/x-4\"]\n";
    fs::write(outlet.join("outlet.toml"), settings).unwrap();
    let output = mujaz(&["build", "--print", "--outlet", "flat", "brief.toml", "-o", "x.pdf"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error[E0113/bad-value]: PDF/X-4 needs the trim marked on every page"), "{stderr}");
    assert!(stderr.contains("outlet.toml:7:1"), "{stderr}");
    assert!(!dir.path().join("x.pdf").exists());
}
