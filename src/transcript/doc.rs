//! A handout as a small document model, written out as Markdown or as HTML: one builder
//! ([`super::handout`]) decides what a handout holds, and the two writers only decide how it
//! looks, so the two formats can never disagree about content.

use std::fmt::Write as _;

use crate::page::escape as html;
use crate::sanitize;

/// A run of inline text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    /// Plain text.
    Text(String),
    /// Bold.
    Strong(String),
    /// Italic.
    Emph(String),
    /// Code, shown as it is.
    Code(String),
}

/// Inline text from plain words.
#[must_use]
pub fn text(s: impl Into<String>) -> Vec<Span> {
    vec![Span::Text(s.into())]
}

/// One quiz question as a handout prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// 1-based.
    pub number: usize,
    /// The question.
    pub prompt: String,
    /// The choices, lettered A, B, … in order.
    pub choices: Vec<String>,
    /// Hints to print (none with `--no-hints`).
    pub hints: Vec<String>,
    /// The answer's letter, text and explanation; `None` prints a line to write it on.
    pub answer: Option<(String, String, Option<String>)>,
    /// "Hint:", "Answer:" and what the line to write on is for, in the lesson's language.
    pub labels: [String; 3],
}

/// A block of a handout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading of level 1 to 4.
    Heading(u8, Vec<Span>),
    /// A paragraph.
    Para(Vec<Span>),
    /// A quoted note.
    Quote(Vec<Span>),
    /// Preformatted text (code, a diagram) in a language (`text`, `json`, `js`…).
    Code {
        /// The language tag.
        lang: String,
        /// The lines.
        text: String,
    },
    /// A table of text cells.
    Table {
        /// Column headings.
        header: Vec<String>,
        /// Rows of cells.
        rows: Vec<Vec<String>>,
    },
    /// A bulleted list.
    Bullets(Vec<Vec<Span>>),
    /// Bullets each followed by a value shown as code (SRP numbers).
    Values(Vec<(Vec<Span>, String)>),
    /// A quiz question.
    Question(Question),
    /// Blocks kept on one page when printed (HTML); Markdown writes them in order.
    Keep(Vec<Block>),
}

/// Escapes the characters Markdown would read as formatting, after showing control
/// characters visibly ([`sanitize::text`]).
#[must_use]
pub fn md_escape(text: &str) -> String {
    let text = sanitize::text(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown table (a cell's line breaks become spaces: a row is one line; `|` escaped).
pub fn md_table(out: &mut String, header: &[String], rows: &[impl AsRef<[String]>]) {
    let cells = |row: &[String]| -> String {
        let escaped: Vec<String> = row
            .iter()
            .map(|c| md_escape(&c.replace(['\r', '\n'], " ")).replace('|', "\\|"))
            .collect();
        format!("| {} |", escaped.join(" | "))
    };
    let _ = writeln!(out, "{}", cells(header));
    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
    for row in rows {
        let _ = writeln!(out, "{}", cells(row.as_ref()));
    }
    out.push('\n');
}

fn md_spans(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) => md_escape(t),
            Span::Strong(t) => format!("**{}**", md_escape(t)),
            Span::Emph(t) => format!("*{}*", md_escape(t)),
            Span::Code(t) => format!("`{}`", sanitize::line(t)),
        })
        .collect()
}

/// The blocks as Markdown.
#[must_use]
pub fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    push_markdown(&mut out, blocks);
    out
}

fn push_markdown(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Heading(level, spans) => {
                let _ = writeln!(
                    out,
                    "{} {}\n",
                    "#".repeat(usize::from(*level)),
                    md_spans(spans)
                );
            }
            Block::Para(spans) => {
                let _ = writeln!(out, "{}\n", md_spans(spans));
            }
            Block::Quote(spans) => {
                let _ = writeln!(out, "> {}\n", md_spans(spans));
            }
            Block::Code { lang, text } => {
                let _ = writeln!(
                    out,
                    "```{lang}\n{}\n```\n",
                    sanitize::text(text.trim_end_matches('\n'))
                );
            }
            Block::Table { header, rows } => md_table(out, header, rows),
            Block::Bullets(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", md_spans(item));
                }
                out.push('\n');
            }
            Block::Values(items) => {
                for (label, value) in items {
                    let _ = writeln!(
                        out,
                        "- {}\n\n  ```\n  {}\n  ```",
                        md_spans(label),
                        sanitize::line(value)
                    );
                }
                out.push('\n');
            }
            Block::Question(q) => {
                let _ = writeln!(out, "{}. {}\n", q.number, md_escape(&q.prompt));
                for (j, choice) in q.choices.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "   - **{}.** {}",
                        crate::quiz::letter_str(j),
                        md_escape(choice)
                    );
                }
                out.push('\n');
                let [hint_label, answer_label, _] = &q.labels;
                for hint in &q.hints {
                    let _ = writeln!(out, "   *{hint_label}* {}\n", md_escape(hint));
                }
                match &q.answer {
                    Some((letter, choice, explanation)) => {
                        let explanation = explanation
                            .as_deref()
                            .map(|e| format!(" {}", md_escape(e)))
                            .unwrap_or_default();
                        let _ = writeln!(
                            out,
                            "   **{answer_label} {letter}** ({}).{explanation}\n",
                            md_escape(choice)
                        );
                    }
                    None => {
                        let _ = writeln!(out, "   {answer_label} ______\n");
                    }
                }
            }
            Block::Keep(inner) => push_markdown(out, inner),
        }
    }
}

fn html_spans(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) => html(t),
            Span::Strong(t) => format!("<strong>{}</strong>", html(t)),
            Span::Emph(t) => format!("<em>{}</em>", html(t)),
            Span::Code(t) => format!("<code>{}</code>", html(t)),
        })
        .collect()
}

/// The blocks as an HTML fragment (a page's body; see [`crate::page::document`]).
#[must_use]
pub fn to_html(blocks: &[Block]) -> String {
    let mut out = String::new();
    push_html(&mut out, blocks);
    out
}

#[allow(clippy::too_many_lines)] // one arm per block, each a few lines
fn push_html(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Heading(level, spans) => {
                let _ = writeln!(out, "<h{level}>{}</h{level}>", html_spans(spans));
            }
            Block::Para(spans) => {
                let _ = writeln!(out, "<p>{}</p>", html_spans(spans));
            }
            Block::Quote(spans) => {
                let _ = writeln!(out, "<blockquote>{}</blockquote>", html_spans(spans));
            }
            Block::Code { lang, text } => {
                let class = if lang == "text" { "diagram" } else { "code" };
                let _ = writeln!(
                    out,
                    "<pre class=\"{class}\"><code>{}</code></pre>",
                    html(text.trim_end_matches('\n'))
                );
            }
            Block::Table { header, rows } => {
                let header: Vec<&str> = header.iter().map(String::as_str).collect();
                out.push_str(&crate::page::table(&header, rows, &[]));
            }
            Block::Bullets(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", html_spans(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Values(items) => {
                out.push_str("<ul class=\"values\">\n");
                for (label, value) in items {
                    let _ = writeln!(
                        out,
                        "<li>{}<pre><code>{}</code></pre></li>",
                        html_spans(label),
                        html(value)
                    );
                }
                out.push_str("</ul>\n");
            }
            Block::Question(q) => {
                let _ = writeln!(
                    out,
                    "<div class=\"question keep\">\n<p class=\"prompt\"><span class=\"number\">{}.</span> {}</p>\n<ol class=\"choices\" type=\"A\">",
                    q.number,
                    html(&q.prompt)
                );
                for choice in &q.choices {
                    let _ = writeln!(out, "<li>{}</li>", html(choice));
                }
                out.push_str("</ol>\n");
                let [hint_label, answer_label, blank] = &q.labels;
                for hint in &q.hints {
                    let _ = writeln!(
                        out,
                        "<p class=\"hint\"><em>{}</em> {}</p>",
                        html(hint_label),
                        html(hint)
                    );
                }
                match &q.answer {
                    Some((letter, choice, explanation)) => {
                        let explanation = explanation
                            .as_deref()
                            .map(|e| format!(" {}", html(e)))
                            .unwrap_or_default();
                        let _ = writeln!(
                            out,
                            "<p class=\"answer\"><strong>{} {}</strong> ({}).{explanation}</p>",
                            html(answer_label),
                            html(letter),
                            html(choice)
                        );
                    }
                    None => {
                        let _ = writeln!(
                            out,
                            "<p class=\"answer\">{} <span class=\"blank\" aria-label=\"{}\"></span></p>",
                            html(answer_label),
                            html(blank)
                        );
                    }
                }
                out.push_str("</div>\n");
            }
            Block::Keep(inner) => {
                out.push_str("<div class=\"keep\">\n");
                push_html(out, inner);
                out.push_str("</div>\n");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Block> {
        vec![
            Block::Heading(2, text("Quiz <1>")),
            Block::Para(vec![
                Span::Text("a * b ".into()),
                Span::Strong("bold".into()),
                Span::Code("x|y".into()),
            ]),
            Block::Table {
                header: vec!["A|B".into(), "C".into()],
                rows: vec![vec!["two\nlines".into(), "<b>".into()]],
            },
            Block::Question(Question {
                number: 1,
                prompt: "Which?".into(),
                choices: vec!["One".into(), "Two".into()],
                hints: vec!["Think".into()],
                answer: None,
                labels: ["Hint:", "Answer:", "write your answer here"].map(String::from),
            }),
        ]
    }

    #[test]
    fn markdown_escapes_and_keeps_rows_on_one_line() {
        let md = to_markdown(&sample());
        assert_eq!(
            md,
            "## Quiz \\<1\\>\n\na \\* b **bold**`x|y`\n\n| A\\|B | C |\n|---|---|\n| two lines | \\<b\\> |\n\n\
             1. Which?\n\n   - **A.** One\n   - **B.** Two\n\n   *Hint:* Think\n\n   Answer: ______\n\n"
        );
    }

    #[test]
    fn html_escapes_everything_it_writes() {
        let page = to_html(&sample());
        assert!(page.contains("<h2>Quiz &lt;1&gt;</h2>"));
        assert!(page.contains("<td>&lt;b&gt;</td>"));
        assert!(page.contains("<ol class=\"choices\" type=\"A\">\n<li>One</li>"));
        assert!(!page.contains("<b>"));
    }
}
