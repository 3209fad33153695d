//! Property tests: the loader never panics, whatever the bytes, and every diagnostic points
//! inside the file.

use cogflow::scenario::{self, Diagnostic, Origin, load};
use proptest::prelude::*;

/// Real scenario texts to mutate: the built-in lesson and the rich fixture.
fn seeds() -> Vec<&'static [u8]> {
    vec![
        scenario::BUILTINS[0].1.as_bytes(),
        include_bytes!("../fixtures/valid/rich.toml"),
        include_bytes!("../fixtures/valid/minimal.toml"),
        include_bytes!("../fixtures/invalid/duplicate-variant-id.toml"),
    ]
}

/// Pieces of TOML dropped into a line to reach past the parser into the later passes.
const FRAGMENTS: &[&str] = &[
    "1",
    "-1",
    "0",
    "4294967296",
    "\"\"",
    "\"x\"",
    "[]",
    "{}",
    "true",
    "2026-01-15",
    "1.5",
    "\"\\u001b[31m\"",
    "\"\\e\"",
    "[[steps]]",
    "[pool]",
    "x = 1",
    "\"A\"",
    "\"Z\"",
    "\"9\"",
    "\"error:Nope\"",
    "\"challenge\"",
    "[1, \"a\"]",
    "{ a = 1 }",
    "\"\u{202e}\"",
    "'''\n'''",
];

#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    ReplaceValue(usize, usize),
}

/// Mostly ASCII, so that most mutants are still UTF-8 and reach the later passes (random
/// bytes are tested on their own).
fn byte() -> impl Strategy<Value = u8> {
    prop_oneof![6 => 0x00u8..0x80, 1 => any::<u8>()]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), byte()).prop_map(|(i, b)| Edit::Flip(i, b)),
        (any::<usize>(), byte()).prop_map(|(i, b)| Edit::Insert(i, b)),
        any::<usize>().prop_map(Edit::Delete),
        any::<usize>().prop_map(Edit::DeleteLine),
        any::<usize>().prop_map(Edit::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(l, f)| Edit::ReplaceValue(l, f)),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    let mut lines: Vec<Vec<u8>> = bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    match *edit {
        Edit::Flip(i, b) if !bytes.is_empty() => {
            let i = i % bytes.len();
            bytes[i] = b;
            return;
        }
        Edit::Insert(i, b) => {
            let i = i % (bytes.len() + 1);
            bytes.insert(i, b);
            return;
        }
        Edit::Delete(i) if !bytes.is_empty() => {
            bytes.remove(i % bytes.len());
            return;
        }
        Edit::DeleteLine(i) => {
            lines.remove(i % lines.len());
        }
        Edit::DuplicateLine(i) => {
            let i = i % lines.len();
            let copy = lines[i].clone();
            lines.insert(i, copy);
        }
        Edit::SwapLines(a, b) => {
            let n = lines.len();
            lines.swap(a % n, b % n);
        }
        Edit::ReplaceValue(l, f) => {
            let n = lines.len();
            let line = &mut lines[l % n];
            if let Some(eq) = line.iter().position(|b| *b == b'=') {
                line.truncate(eq + 1);
                line.push(b' ');
                line.extend_from_slice(FRAGMENTS[f % FRAGMENTS.len()].as_bytes());
            }
        }
        _ => return,
    }
    *bytes = lines.join(&b'\n');
}

/// Every diagnostic names a line of the file and a column within that line (or just past it).
fn assert_located(bytes: &[u8], diagnostics: &[Diagnostic]) {
    let lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    for d in diagnostics {
        assert!(d.line >= 1 && d.col >= 1, "{d}");
        assert!(
            d.line <= lines.len(),
            "line beyond the file ({} lines): {d}",
            lines.len()
        );
        let width: usize = lines[d.line - 1]
            .utf8_chunks()
            .map(|c| c.valid().chars().count() + c.invalid().len())
            .sum();
        assert!(
            d.col <= width + 1,
            "column beyond line {} ({width} wide): {d}",
            d.line
        );
        assert!(!d.to_string().contains('\u{1b}'), "raw escape in {d:?}");
    }
}

fn check(bytes: &[u8]) {
    match load("fuzz.toml", bytes, Origin::Path("fuzz.toml".into())) {
        Ok(loaded) => assert_located(bytes, &loaded.warnings),
        Err(error) => {
            assert!(!error.diagnostics.is_empty());
            assert_located(bytes, &error.diagnostics);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn mutated_scenarios_never_panic_and_are_located(
        seed in 0..4usize,
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let mut bytes = seeds()[seed].to_vec();
        for edit in &edits {
            apply(&mut bytes, edit);
        }
        check(&bytes);
    }

    #[test]
    fn random_bytes_never_panic_and_are_located(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        check(&bytes);
    }

    #[test]
    fn random_text_never_panics_and_is_located(text in "[ -~\n\t\"'=\\[\\]{}\u{1b}é]{0,400}") {
        check(text.as_bytes());
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for deep in [
        format!("a = {}", "[".repeat(100_000)),
        format!("a = {}", "{b=".repeat(100_000)),
        format!("[{}b]", "a.".repeat(100_000)),
    ] {
        let error = load(
            "deep.toml",
            deep.as_bytes(),
            Origin::Path("deep.toml".into()),
        )
        .unwrap_err();
        assert_located(deep.as_bytes(), &error.diagnostics);
    }
}
