//! Self-contained HTML pages (the class report, the handout): escaping, and the document
//! shell every page shares.
//!
//! A page needs nothing but itself: its style is inline, its charts are inline SVG, it has no
//! script, and its Content-Security-Policy (`default-src 'none'`) forbids the browser to fetch
//! anything at all, so opening it offline, from a USB stick or an email attachment shows all of
//! it and tells nobody. It prints on A4 and Letter: margins fit both, rows and figures are kept
//! whole across pages, table headers repeat, and long words wrap instead of widening a table.

use std::fmt::Write as _;

use crate::sanitize;

/// `text` safe inside HTML text or a quoted attribute: `& < > " '` as entities, and every
/// control or bidi character shown visibly escaped ([`sanitize::text`]).
#[must_use]
pub fn escape(text: &str) -> String {
    let text = sanitize::text(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The style every page starts from; a page adds its own after it.
pub const BASE_CSS: &str = "\
:root { color-scheme: light; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif;
  margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; background: #fff; line-height: 1.45; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .4rem; border-bottom: 2px solid #444; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1rem 0 .2rem; }
p { margin: .3rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid #999; padding: .25rem .4rem; text-align: left; vertical-align: top; }
td { overflow-wrap: break-word; }
td.long { overflow-wrap: anywhere; }
th { background: #eee; overflow-wrap: normal; hyphens: manual; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.n { white-space: nowrap; }
code, pre { font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: .88em; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f6f6; border: 1px solid #ddd; padding: .5rem; }
.muted { color: #555; }
.keep { break-inside: avoid; page-break-inside: avoid; }
@page { margin: 14mm 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr, figure, svg, .keep { break-inside: avoid; page-break-inside: avoid; }
  table { font-size: 8.5pt; }
}
";

/// A whole page: `<!DOCTYPE html>` to `</html>` in `language` (its `lang`, which screen
/// readers and hyphenation follow), with `title`, the base style plus `css`, and `body`
/// (already HTML).
#[must_use]
pub fn document(language: crate::words::Language, title: &str, css: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + BASE_CSS.len() + css.len() + 512);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"generator\" content=\"cogflow {}\">\n\
         <title>{}</title>\n<style>\n{BASE_CSS}{css}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        language.tag(),
        env!("CARGO_PKG_VERSION"),
        escape(title)
    );
    out
}

/// A word this long (a token, an id, a URL) may be broken anywhere to keep its table inside
/// the page; shorter words only wrap at spaces, so "empty" never prints as "empt y".
pub const LONG_WORD: usize = 24;

/// A table: `header` cells, then `rows`; cells are text (escaped here). Columns whose index is
/// in `numeric` are right-aligned; a cell holding a word of [`LONG_WORD`] characters or more
/// may break it anywhere.
#[must_use]
pub fn table(header: &[&str], rows: &[Vec<String>], numeric: &[usize]) -> String {
    let class = |i: usize, cell: &str| {
        let long = cell
            .split_whitespace()
            .any(|w| w.chars().count() >= LONG_WORD);
        match (numeric.contains(&i), long) {
            (true, _) => " class=\"n\"",
            (false, true) => " class=\"long\"",
            (false, false) => "",
        }
    };
    let mut out = String::from("<table>\n<thead><tr>");
    for (i, h) in header.iter().enumerate() {
        let _ = write!(out, "<th{}>{}</th>", class(i, ""), escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let _ = write!(out, "<td{}>{}</td>", class(i, cell), escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_controls() {
        let cases: &[(&str, &str)] = &[
            ("plain", "plain"),
            (
                "<script>alert('x')</script>",
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
            ),
            ("a & \"b\"", "a &amp; &quot;b&quot;"),
            ("\u{1b}[2J", "\\u{1b}[2J"),
            ("rtl\u{202e}", "rtl\\u{202e}"),
            ("two\nlines", "two\nlines"),
        ];
        for (text, want) in cases {
            assert_eq!(escape(text), *want, "{text:?}");
        }
    }

    #[test]
    fn only_cells_with_long_words_may_break_them() {
        let rows = vec![vec![
            "empty".to_owned(),
            "eyJhbGciOiJSUzI1NiIsImtpZCI6".to_owned(),
            "3".to_owned(),
        ]];
        let html = table(&["a", "b", "n"], &rows, &[2]);
        assert!(
            html.contains("<td>empty</td><td class=\"long\">eyJ"),
            "{html}"
        );
        assert!(html.contains("<td class=\"n\">3</td>"), "{html}");
    }

    #[test]
    fn a_document_fetches_nothing_and_runs_nothing() {
        let page = document(crate::words::Language::En, "A <title>", "", "<p>hi</p>\n");
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(page.contains("<title>A &lt;title&gt;</title>"));
        assert!(page.contains("default-src 'none'"));
        for forbidden in ["<script", "http://", "https://", "src=", "<link", "@import"] {
            assert!(!page.contains(forbidden), "{forbidden}");
        }
    }
}
