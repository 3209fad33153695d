//! Draws the concept flow ([`crate::flow::diagram::Layout`]) with box characters: a main
//! column top to bottom, a decision's "No" branch to its side. Three kinds of box, told apart
//! by their lines and not by colour alone: the current node is double-lined (╔═╗) with its label
//! in reverse, nodes the run has passed are heavy (┏━┓) and bold, the rest light (╭─╮).

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text::{pad, width, wrap};
use super::theme::Theme;
use crate::flow::diagram::Layout;

/// Columns of the "No" arrow between a decision and its side branch.
const ARROW_W: usize = 6;
/// The widest a side box's label gets before wrapping.
const SIDE_LABEL_MAX: usize = 18;
/// The columns of a main label that keep the diagram readable (see [`readable_width`]).
const READABLE_LABEL: usize = 24;

/// The diagram as lines, and where the current node is.
#[derive(Debug, Clone, Default)]
pub struct Drawn {
    /// The rows.
    pub lines: Vec<Line<'static>>,
    /// The first row of the current node's box, to scroll to.
    pub current_row: Option<usize>,
    /// The columns the widest row takes.
    pub width: usize,
}

/// How a node is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Current,
    Visited,
    Ahead,
}

struct Glyphs {
    tl: char,
    tr: char,
    bl: char,
    br: char,
    h: char,
    v: char,
    tee: char,
}

impl State {
    fn glyphs(self) -> Glyphs {
        match self {
            State::Current => Glyphs {
                tl: '╔',
                tr: '╗',
                bl: '╚',
                br: '╝',
                h: '═',
                v: '║',
                tee: '╤',
            },
            State::Visited => Glyphs {
                tl: '┏',
                tr: '┓',
                bl: '┗',
                br: '┛',
                h: '━',
                v: '┃',
                tee: '┳',
            },
            State::Ahead => Glyphs {
                tl: '╭',
                tr: '╮',
                bl: '╰',
                br: '╯',
                h: '─',
                v: '│',
                tee: '┬',
            },
        }
    }

    fn border(self, theme: &Theme) -> Style {
        match self {
            State::Current | State::Visited => theme.visited,
            State::Ahead => Style::new(),
        }
    }

    fn label(self, theme: &Theme) -> Style {
        match self {
            State::Current => theme.current,
            State::Visited => theme.visited,
            State::Ahead => Style::new(),
        }
    }
}

/// What the run has done so far: the node on screen and the nodes passed, in order.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    /// The current node.
    pub current: Option<&'a str>,
    /// Nodes visited so far, in order (the current one included).
    pub path: &'a [String],
    /// The words on a decision's arrows (the lesson's language).
    pub yes: &'a str,
    /// See `yes`.
    pub no: &'a str,
}

impl Progress<'_> {
    fn state(&self, id: &str) -> State {
        if self.current == Some(id) {
            State::Current
        } else if self.path.iter().any(|p| p == id) {
            State::Visited
        } else {
            State::Ahead
        }
    }

    /// True when the run went from `a` straight to `b`.
    fn took(&self, a: &str, b: &str) -> bool {
        self.path.windows(2).any(|w| w[0] == a && w[1] == b)
    }
}

/// One box: its rows as (text, style) runs, exactly `w` columns wide.
fn boxed(
    label_lines: &[String],
    w: usize,
    state: State,
    arrow_in: bool,
    tee_out: bool,
    theme: &Theme,
) -> Vec<Vec<Span<'static>>> {
    let g = state.glyphs();
    let inner = w.saturating_sub(2);
    let border = state.border(theme);
    let cx = w / 2;
    let edge = |left: char, right: char, mid: Option<char>| -> Vec<Span<'static>> {
        let mut s: String = std::iter::once(left)
            .chain(std::iter::repeat_n(g.h, inner))
            .chain(std::iter::once(right))
            .collect();
        if let Some(m) = mid {
            s = s
                .chars()
                .enumerate()
                .map(|(i, c)| if i == cx { m } else { c })
                .collect();
        }
        vec![Span::styled(s, border)]
    };
    let mut rows = vec![edge(g.tl, g.tr, arrow_in.then_some('▼'))];
    for line in label_lines {
        rows.push(vec![
            Span::styled(g.v.to_string(), border),
            Span::styled(
                format!(" {} ", pad(line, inner.saturating_sub(2))),
                state.label(theme),
            ),
            Span::styled(g.v.to_string(), border),
        ]);
    }
    rows.push(edge(g.bl, g.br, tee_out.then_some(g.tee)));
    rows
}

/// The side arrow, [`ARROW_W`] columns: `──No─▶` (a longer word is cut to fit).
fn arrow(word: &str, line: char) -> String {
    let word = super::text::truncate(word, ARROW_W - 4);
    let trail = (ARROW_W - 3).saturating_sub(width(&word));
    let line = line.to_string();
    format!("{}{word}{}▶", line.repeat(2), line.repeat(trail))
}

fn spaces(n: usize) -> Span<'static> {
    Span::raw(" ".repeat(n))
}

/// The connector row below a box: a vertical line at the centre, and a word beside it.
fn connector(w: usize, taken: bool, word: &str, theme: &Theme) -> Vec<Span<'static>> {
    let cx = w / 2;
    let (glyph, style) = if taken {
        ("┃", theme.visited)
    } else {
        ("│", Style::new())
    };
    let mut row = vec![spaces(cx), Span::styled(glyph, style)];
    if !word.is_empty() {
        row.push(Span::styled(format!(" {word}"), style));
    }
    let used = cx + 1 + if word.is_empty() { 0 } else { 1 + width(word) };
    row.push(spaces(w.saturating_sub(used)));
    row
}

fn row_width(row: &[Span<'_>]) -> usize {
    row.iter().map(|s| width(&s.content)).sum()
}

/// The widest label of the main column, and of the side branches (`None` without any).
fn label_widths(layout: &Layout) -> (usize, Option<usize>) {
    let main = layout
        .main
        .iter()
        .map(|n| width(&n.label))
        .max()
        .unwrap_or(0);
    let side = layout
        .main
        .iter()
        .flat_map(|n| n.no_branch.iter())
        .map(|(_, label)| width(label).min(SIDE_LABEL_MAX))
        .max();
    (main, side)
}

/// Columns of the side branches and the arrows to them, for side labels `side` wide.
fn side_total(side: Option<usize>) -> usize {
    side.map_or(0, |w| w + 4 + ARROW_W)
}

/// The columns the diagram would like: every label on one line.
#[must_use]
pub fn natural_width(layout: &Layout) -> usize {
    let (main, side) = label_widths(layout);
    main + 4 + side_total(side)
}

/// The fewest columns in which the diagram still reads well: main labels wrap at
/// [`READABLE_LABEL`] columns at the most, side branches keep their width. Narrower, labels
/// break into a word or two a line.
#[must_use]
pub fn readable_width(layout: &Layout) -> usize {
    let (main, side) = label_widths(layout);
    main.min(READABLE_LABEL) + 4 + side_total(side)
}

/// Draws `layout` in at most `max_w` columns.
#[must_use]
pub fn draw(layout: &Layout, max_w: usize, progress: Progress<'_>, theme: &Theme) -> Drawn {
    // The boxes above the first one a step lit ("User opens app") come before step 1: the run
    // has passed them as soon as it has a path at all.
    let lead_in: Vec<String> = match progress.path.first() {
        Some(first) => layout
            .main
            .iter()
            .take_while(|n| n.id != *first)
            .map(|n| n.id.clone())
            .collect(),
        None => Vec::new(),
    };
    let lead_in_len = lead_in.len();
    let walked: Vec<String> = if lead_in_len < layout.main.len() {
        lead_in
            .into_iter()
            .chain(progress.path.iter().cloned())
            .collect()
    } else {
        // The first lit node is not in the main column: nothing before it is known passed.
        progress.path.to_vec()
    };
    let progress = Progress {
        path: &walked,
        ..progress
    };
    let (main_label, side_label) = label_widths(layout);
    let has_side = side_label.is_some();
    let mut side_w = side_label.map_or(0, |w| w + 4);
    let natural_main = main_label + 4;
    let side_total = side_total(side_label);
    // Give the main column what it needs first; squeeze the side branch only when the main
    // column would otherwise drop below a readable width.
    let mut main_w = natural_main.min(max_w.saturating_sub(side_total)).max(12);
    if has_side && main_w + side_total > max_w {
        side_w = max_w.saturating_sub(main_w + ARROW_W).max(8);
        main_w = max_w.saturating_sub(ARROW_W + side_w).max(8);
    }
    let main_inner = main_w.saturating_sub(4).max(1);
    let side_inner = side_w.saturating_sub(4).max(1);

    let mut rows: Vec<Vec<Span<'static>>> = Vec::new();
    let mut current_row = None;
    let count = layout.main.len();
    for (i, node) in layout.main.iter().enumerate() {
        let state = progress.state(&node.id);
        let first_row = rows.len();
        if state == State::Current {
            current_row = Some(first_row);
        }
        let last = i + 1 == count;
        let mut block = boxed(
            &wrap(&node.label, main_inner),
            main_w,
            state,
            i > 0,
            !last,
            theme,
        );
        // The side branch, drawn from the decision's top row down.
        let mut side: Vec<Vec<Span<'static>>> = Vec::new();
        let mut side_current = None;
        for (j, (id, label)) in node.no_branch.iter().enumerate() {
            let s = progress.state(id);
            if s == State::Current {
                side_current = Some(side.len());
            }
            let more = j + 1 < node.no_branch.len();
            side.extend(boxed(
                &wrap(label, side_inner),
                side_w,
                s,
                j > 0,
                more,
                theme,
            ));
        }
        if let Some(r) = side_current {
            current_row = Some(first_row + r);
        }
        let next_taken = layout
            .main
            .get(i + 1)
            .is_some_and(|n| progress.took(&node.id, &n.id));
        if node.decision && !last {
            block.push(connector(main_w, next_taken, progress.yes, theme));
        }
        while block.len() < side.len() {
            // The side branch is taller: continue the line down to the next box.
            block.push(if last {
                vec![spaces(main_w)]
            } else {
                connector(main_w, next_taken, "", theme)
            });
        }
        for (r, mut row) in block.into_iter().enumerate() {
            if let Some(side_row) = side.get(r) {
                let arrow = if r == 1 {
                    let taken = node
                        .no_branch
                        .first()
                        .is_some_and(|(id, _)| progress.took(&node.id, id));
                    let (line, style) = if taken {
                        ('━', theme.visited)
                    } else {
                        ('─', Style::new())
                    };
                    Span::styled(arrow(progress.no, line), style)
                } else {
                    spaces(ARROW_W)
                };
                let used = row_width(&row);
                row.push(spaces(main_w.saturating_sub(used)));
                row.push(arrow);
                row.extend(side_row.iter().cloned());
            }
            rows.push(row);
        }
    }
    let width = rows.iter().map(|r| row_width(r)).max().unwrap_or(0);
    Drawn {
        lines: rows.into_iter().map(Line::from).collect(),
        current_row,
        width,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::diagram::layout;

    fn seed_layout() -> Layout {
        let scenario = crate::scenario::resolve(None).unwrap();
        layout(scenario.file.diagram.as_ref().unwrap())
    }

    fn text(drawn: &Drawn) -> Vec<String> {
        drawn
            .lines
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
                    .trim_end()
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn seed_diagram_marks_current_visited_and_the_no_branch() {
        let path: Vec<String> = ["enter", "send", "verify"].map(String::from).to_vec();
        let drawn = draw(
            &seed_layout(),
            80,
            Progress {
                current: Some("verify"),
                path: &path,
                yes: "Yes",
                no: "No",
            },
            &Theme::monochrome(),
        );
        let rows = text(&drawn);
        let joined = rows.join("\n");
        assert!(
            joined.contains("╭────"),
            "unvisited boxes are light:\n{joined}"
        );
        assert!(
            joined.contains("┃ User enters credentials"),
            "visited boxes are heavy:\n{joined}"
        );
        assert!(
            joined.contains("║ Cognito verifies credentials"),
            "current is double:\n{joined}"
        );
        assert!(
            joined.contains("──No─▶│ Error shown"),
            "the No branch sits beside:\n{joined}"
        );
        assert!(joined.contains("│ Yes"), "{joined}");
        let row = drawn.current_row.unwrap();
        assert!(rows[row].starts_with('╔'), "{}", rows[row]);
    }

    #[test]
    fn the_error_path_is_drawn_heavy() {
        let path: Vec<String> = ["enter", "send", "verify", "error"]
            .map(String::from)
            .to_vec();
        let drawn = draw(
            &seed_layout(),
            80,
            Progress {
                current: Some("error"),
                path: &path,
                yes: "Yes",
                no: "No",
            },
            &Theme::monochrome(),
        );
        let joined = text(&drawn).join("\n");
        assert!(joined.contains("━━No━▶║ Error shown"), "{joined}");
        assert!(!joined.contains("┃ Yes"), "{joined}");
    }

    #[test]
    fn narrow_widths_wrap_labels_and_never_overflow() {
        for w in [20, 30, 41, 56, 90] {
            let drawn = draw(
                &seed_layout(),
                w,
                Progress {
                    current: None,
                    path: &[],
                    yes: "Yes",
                    no: "No",
                },
                &Theme::colour(),
            );
            assert!(
                drawn.width <= w.max(12 + ARROW_W + 8),
                "{w}: {}",
                drawn.width
            );
            for line in text(&drawn) {
                assert!(width(&line) <= drawn.width);
            }
        }
    }
}
