//! Mode 1, step-through. From 120x35 on: the flow diagram, the execution sample, the status
//! tracker and the step's explanation above the process table, all at once. Smaller: the
//! process table, the explanation and (when it fits) the tracker, with a one-line flow trail;
//! the diagram and sample are one key away (2), as is the full tracker (4). At the step that
//! gives the app an authenticator secret, the set-up panel (the QR code, the key, the URI)
//! takes the diagram's and tracker's place beside the explanation, where a learner holding a
//! phone looks for it; the table gives up its empty rows so the whole code fits.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::diagram::{self, Drawn, Progress};
use super::text::{truncate, width};
use super::{
    Ctx, FULL_HEIGHT, FULL_WIDTH, authenticator, explanation, inner, panel, process_table, sample,
    tracker,
};
use crate::flow::diagram::{Layout as Laid, layout};
use crate::words::Word;

/// The fewest rows the explanation gets before other panels give way.
const EXPLAIN_MIN: u16 = 6;
/// The rows the explanation keeps in the full layout (eight lines of text and its border)
/// before the execution sample or the process table takes any: the step's explanation is what
/// the learner reads, the table scrolls and the sample is in mode 2.
const EXPLAIN_ROOM: u16 = 10;
/// The narrowest the right-hand column gets in the full layout (the tracker needs it).
const RIGHT_MIN: u16 = 60;
/// The fewest rows the process table keeps when the set-up panel wants its room: its heading,
/// the current row (wrapped to two lines at most) and one more, the border.
const TABLE_MIN: u16 = 6;
/// The narrowest the explanation gets beside the set-up panel.
const EXPLAIN_BESIDE_QR: u16 = 36;

/// The `otpauth://` URI of the step on screen, when it set up an authenticator (not in a live
/// session: there the learner's own code shows its QR code), and the rows its panel wants.
fn set_up_uri<'a>(ctx: &Ctx<'a>) -> Option<(&'a str, u16)> {
    if ctx.app.live_state().is_some() {
        return None;
    }
    let uri = ctx.frame()?.otpauth_uri()?;
    Some((uri, authenticator::wanted(&super::qr::Qr::new(uri)).1))
}

/// `table_h` cut so that `wanted` rows of `height` stay for the set-up panel, keeping
/// [`TABLE_MIN`] rows (or fewer if it wanted fewer).
fn leave_room(table_h: u16, height: u16, wanted: Option<u16>) -> u16 {
    match wanted {
        Some(rows) => table_h
            .min(height.saturating_sub(rows))
            .max(TABLE_MIN.min(table_h)),
        None => table_h,
    }
}

/// The set-up panel and the explanation side by side in `area`.
fn set_up(area: Rect, buf: &mut Buffer, uri: &str, ctx: &Ctx<'_>) {
    let (want_w, _) = authenticator::wanted(&super::qr::Qr::new(uri));
    let [qr, ex] = area.layout(&Layout::horizontal([
        Constraint::Length(want_w.min(area.width.saturating_sub(EXPLAIN_BESIDE_QR))),
        Constraint::Min(1),
    ]));
    authenticator::render(qr, buf, uri, ctx);
    explanation::render(ex, buf, ctx);
}

/// Rows the process table panel takes: every row of the run (so the layout does not jump as
/// rows appear), its heading, the note, the border.
fn table_height(ctx: &Ctx<'_>, w: u16, input: bool) -> u16 {
    let path = ctx.app.current();
    let rows = path
        .total()
        .unwrap_or(path.frames.len() + 1)
        .max(ctx.frames_so_far().len());
    let lines = process_table::Table::measure(
        ctx.latest_in_view().1,
        None,
        usize::from(w.saturating_sub(2)),
        input,
        ctx,
    )
    .line_count();
    // Wrapped rows take more than one line: count what is shown, then one line per row to come.
    let shown = ctx.frames_so_far().len();
    let extra = rows.saturating_sub(shown);
    let note = if input {
        process_table::note_rows(ctx, w)
    } else {
        0
    };
    u16::try_from(lines + extra).unwrap_or(u16::MAX) + 2 + note
}

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    // The header's two rows, the hints' row, and a status's rows (the layout stays while one
    // shows: the explanation gives them up).
    let chrome = 3 + super::footer::status_height(ctx.app, area.width, u16::MAX);
    if area.width >= FULL_WIDTH && area.height + chrome >= FULL_HEIGHT {
        full(area, buf, ctx);
    } else {
        stacked(area, buf, ctx);
    }
}

/// Everything at once.
fn full(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let setup = set_up_uri(ctx);
    let live_call = ctx.app.live_state().is_some();
    let scenario = ctx.app.scenario();
    let laid = scenario.file.diagram.as_ref().map(layout);
    let diagram_w = laid
        .as_ref()
        .map_or(0, |l| diagram_width(l, area.width, ctx));
    let right_w = area.width.saturating_sub(diagram_w);
    // The sample wraps to the panel it is in: under the diagram, or above the tracker.
    let sample_h = |w: u16| {
        if scenario.file.sample.is_some() {
            sample::height(w, ctx)
        } else {
            0
        }
    };
    // Drawn once: its height places the sample, then it fills the left panel.
    let drawn = laid.as_ref().map(|l| {
        diagram::draw(
            l,
            usize::from(diagram_w.saturating_sub(2)),
            progress(ctx),
            ctx.theme,
        )
    });
    let diagram_h = drawn
        .as_ref()
        .map_or(0, |d| u16::try_from(d.lines.len() + 2).unwrap_or(u16::MAX));
    let (sample_h_left, sample_h_right) = (sample_h(diagram_w), sample_h(right_w));
    let table_h = table_height(ctx, area.width, true).min(area.height / 2);
    // The sample goes under the diagram when it fits there (the table only gives rows back
    // below, so it still does after), else above the tracker.
    let sample_left =
        diagram_w > 0 && area.height.saturating_sub(table_h) >= diagram_h + sample_h_left;
    // The rows the tracker may take for values wrapped whole without taking any from another
    // panel: the table keeps its rows, the explanation its room, a sample above it its place.
    // (A sample that would not fit above the one-line tracker either waits in mode 2
    // anyway: it keeps no rows.)
    let spare = if setup.is_some() || live_call {
        0
    } else {
        let above = area.height.saturating_sub(table_h);
        let one_line = tracker::height(ctx, right_w, 0);
        let sample_above = !sample_left && above >= sample_h_right + one_line + EXPLAIN_ROOM;
        above.saturating_sub(EXPLAIN_ROOM + if sample_above { sample_h_right } else { 0 })
    };
    let tracker_h = tracker::height(ctx, right_w, spare);
    // The explanation keeps its room beside the tracker: the table scrolls rather than take it
    // (it keeps its current row; "rows x-y of N" says what is out of sight).
    let table_h = match setup {
        Some((_, rows)) => leave_room(table_h, area.height, Some(rows)),
        None => leave_room(table_h, area.height, Some(tracker_h + EXPLAIN_ROOM)),
    };
    let [top, bottom] = area.layout(&Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(table_h),
    ]));
    process_table::render(bottom, buf, ctx);
    if live_call {
        return live(top, buf, ctx);
    }
    if let Some((uri, _)) = setup {
        return set_up(top, buf, uri, ctx);
    }

    let [left, right] = top.layout(&Layout::horizontal([
        Constraint::Length(diagram_w),
        Constraint::Min(1),
    ]));
    // Else above the tracker when the explanation keeps its room, else it waits in mode 2.
    let sample_left = diagram_w > 0 && left.height >= diagram_h + sample_h_left;
    let sample_right = !sample_left && right.height >= sample_h_right + tracker_h + EXPLAIN_ROOM;
    if let Some(drawn) = drawn.as_ref().filter(|_| diagram_w > 0) {
        let [d, s] = left.layout(&Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(if sample_left { sample_h_left } else { 0 }),
        ]));
        flow_panel(d, buf, drawn, ctx);
        if sample_left {
            sample::render(s, buf, ctx);
        }
    }
    let [s, tr, ex] = right.layout(&Layout::vertical([
        Constraint::Length(if sample_right { sample_h_right } else { 0 }),
        Constraint::Length(tracker_h),
        Constraint::Min(1),
    ]));
    if sample_right {
        sample::render(s, buf, ctx);
    }
    tracker::render(tr, buf, ctx);
    explanation::render(ex, buf, ctx);
}

/// A live session's call (`cogflow serve`): its request and response where a lesson has its
/// diagram (the learner's code follows no lesson's flow), the tracker and the explanation
/// beside it.
fn live(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let [left, right] = area.layout(&Layout::horizontal([
        Constraint::Percentage(50),
        Constraint::Percentage(50),
    ]));
    super::table::call_panel(left, buf, ctx);
    let tracker_h =
        tracker::height(ctx, right.width, 0).min(right.height.saturating_sub(EXPLAIN_MIN));
    let [tr, ex] = right.layout(&Layout::vertical([
        Constraint::Length(tracker_h),
        Constraint::Min(1),
    ]));
    tracker::render(tr, buf, ctx);
    explanation::render(ex, buf, ctx);
}

/// The diagram panel's width beside the right-hand column: its natural width when the
/// whole run's tracker still fits beside it; else never narrower than the diagram reads well
/// (the tracker then drops its earliest columns), and never so wide that the right-hand column
/// falls under [`RIGHT_MIN`].
fn diagram_width(laid: &Laid, width: u16, ctx: &Ctx<'_>) -> u16 {
    let cols = |w: usize| u16::try_from(w + 2).unwrap_or(u16::MAX);
    let natural = cols(diagram::natural_width(laid));
    let readable = cols(diagram::readable_width(laid));
    let beside_whole_tracker = width.saturating_sub(tracker::min_width(ctx, width).max(RIGHT_MIN));
    natural
        .min(beside_whole_tracker.max(readable))
        .min(width.saturating_sub(RIGHT_MIN))
}

/// What the run has done so far, for the diagram: the node on screen and the nodes passed.
fn progress<'a>(ctx: &Ctx<'a>) -> Progress<'a> {
    let frame = ctx.frame();
    Progress {
        current: frame.and_then(|f| f.node.as_deref()),
        path: frame.map_or(&[], |f| f.path.as_slice()),
        yes: ctx.words.get(crate::words::Word::Yes),
        no: ctx.words.get(crate::words::Word::No),
    }
}

/// The `drawn` diagram in a panel, scrolled to keep the current node in sight.
fn flow_panel(area: Rect, buf: &mut Buffer, drawn: &Drawn, ctx: &Ctx<'_>) {
    panel(
        ctx.words.get(crate::words::Word::ProcessFlow),
        area.width,
        ctx.theme,
    )
    .render(area, buf);
    let body = inner(area);
    let height = usize::from(body.height);
    let skip = match drawn.current_row {
        Some(row) if drawn.lines.len() > height => row
            .saturating_sub(height / 3)
            .min(drawn.lines.len() - height),
        _ => 0,
    };
    let left = body.x
        + u16::try_from(usize::from(body.width).saturating_sub(drawn.width) / 2).unwrap_or(0);
    super::put_lines(
        Rect {
            x: left,
            width: body.right() - left,
            ..body
        },
        buf,
        &drawn.lines,
        skip,
    );
}

/// Stacked for smaller terminals.
fn stacked(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    // Narrow: the Input column waits in mode 3, so rows keep to one line.
    let input = area.width >= 100;
    let setup = set_up_uri(ctx);
    let table_h =
        table_height(ctx, area.width, input).min(area.height.saturating_sub(EXPLAIN_MIN + 1));
    let table_h = leave_room(
        table_h,
        area.height.saturating_sub(1),
        setup.map(|(_, rows)| rows),
    );
    let tracker_h = tracker::height(ctx, area.width, 0);
    let room_for_tracker = setup.is_none() && area.height >= 1 + table_h + tracker_h + EXPLAIN_MIN;
    let tracker_h = if room_for_tracker { tracker_h } else { 0 };
    let [trail, table, tr, ex] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(table_h),
        Constraint::Length(tracker_h),
        Constraint::Min(1),
    ]));
    trail_line(trail, buf, ctx, !room_for_tracker);
    process_table::render_with(table, buf, ctx, input);
    if tracker_h > 0 {
        tracker::render(tr, buf, ctx);
    }
    match setup {
        Some((uri, _)) => set_up(ex, buf, uri, ctx),
        None => explanation::render(ex, buf, ctx),
    }
}

/// The trail's parts in `w` columns after `head`: the labels passed, whole and from the latest
/// back ("… → " stands for the earlier ones), the current one, and where the hidden panels
/// are. Never a label cut inside a word: the labels passed go first, then the note on the
/// hidden panels (the tabs name them too), and only then is the current label shortened, after
/// a whole word.
fn trail_fitted(
    head: &str,
    before: &[String],
    current: &str,
    more: &str,
    w: usize,
) -> (String, String, String) {
    let room = w.saturating_sub(width(head));
    let current = truncate(current, room);
    let left = room.saturating_sub(width(&current));
    // The note on the hidden panels stays when it leaves room for the latest label passed
    // (or there is none), else it gives its room to that label.
    let latest = before.last().map_or(0, |label| width(label) + width(" → "));
    let elided = if before.len() > 1 {
        width("… → ")
    } else {
        0
    };
    let label_fits = |extra: usize| latest > 0 && latest + elided + extra <= left;
    let more = if width(more) > left || (label_fits(0) && !label_fits(width(more))) {
        ""
    } else {
        more
    };
    let mut room = left.saturating_sub(width(more));
    let mut trail = String::new();
    for (i, label) in before.iter().enumerate().rev() {
        let piece = format!("{label} → ");
        // Room for this piece, and for "… → " before it unless it is the first.
        let elided = if i == 0 { 0 } else { width("… → ") };
        if width(&piece) + elided > room {
            // Every earlier label left out: "… → " says so, when it fits.
            if width("… → ") <= room {
                trail.insert_str(0, "… → ");
            }
            break;
        }
        room -= width(&piece);
        trail.insert_str(0, &piece);
    }
    (trail, current, more.to_owned())
}

/// "Flow: A → B → ▶ C", cut from the left to fit, and where the hidden panels are.
fn trail_line(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>, tracker_hidden: bool) {
    let t = ctx.theme;
    let w = usize::from(area.width);
    let words = ctx.words;
    let more = format!(
        "  {}",
        words.get(if tracker_hidden {
            Word::TrailMoreTracker
        } else {
            Word::TrailMore
        })
    );
    let more = more.as_str();
    if ctx.app.live_state().is_some() {
        let line = Line::from(vec![
            Span::styled(format!(" {}", words.get(Word::TrailLive)), t.title),
            Span::styled(
                format!(
                    "  {}",
                    words.get(if tracker_hidden {
                        Word::TrailLiveMoreTracker
                    } else {
                        Word::TrailLiveMore
                    })
                ),
                t.muted,
            ),
        ]);
        buf.set_line(area.x, area.y, &line, area.width);
        return;
    }
    let labels: Vec<String> = ctx.frame().map_or_else(Vec::new, |frame| {
        let nodes = ctx
            .app
            .scenario()
            .file
            .diagram
            .as_ref()
            .map(|d| d.nodes.clone())
            .unwrap_or_default();
        frame
            .path
            .iter()
            .map(|id| {
                nodes
                    .iter()
                    .find(|n| &n.id == id)
                    .map_or_else(|| id.clone(), |n| n.label.clone())
            })
            .collect()
    });
    let Some((last, before)) = labels.split_last() else {
        buf.set_line(
            area.x,
            area.y,
            &Line::from(Span::styled(
                format!(" {}", words.get(Word::TrailNotStarted)),
                t.muted,
            )),
            area.width,
        );
        return;
    };
    let (head, current) = (
        format!(" {}", words.get(Word::TrailFlow)),
        format!("▶ {last}"),
    );
    let (trail, current, more) = trail_fitted(&head, before, &current, more, w);
    let line = Line::from(vec![
        Span::styled(head, t.title),
        Span::styled(trail, t.visited),
        Span::styled(current, t.current),
        Span::styled(more, t.muted),
    ]);
    buf.set_line(area.x, area.y, &line, area.width);
}

#[cfg(test)]
mod tests {
    use crate::app::{App, Command, Message, Mode, Options};
    use crate::ui::tests::screen;

    /// Rows of text the step's explanation panel shows, and whether it says more is below.
    fn explanation_rows(text: &str) -> Option<(usize, bool)> {
        let lines: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
        let (top, col) = lines.iter().enumerate().find_map(|(i, l)| {
            let s: String = l.iter().collect();
            s.find("┌ Step ").map(|b| (i, s[..b].chars().count()))
        })?;
        let bottom = (top + 1..lines.len()).find(|&i| lines[i].get(col) == Some(&'└'))?;
        let more = lines[bottom].iter().collect::<String>().contains("lines ");
        Some((bottom - top - 1, more))
    }

    /// Issue 8: at 120x40 the process table never squeezes the step's explanation (it was 4
    /// lines of 5 at lockout's last step, 5 of 11 at forgot-password's first): on every step
    /// of every built-in lesson the explanation keeps 8 lines, or shows all it has.
    #[test]
    fn the_table_never_squeezes_the_explanation_at_120x40() {
        for scenario in crate::scenario::builtins().unwrap() {
            let id = scenario.file.scenario.id.clone();
            let options = Options::for_snapshots(Mode::StepThrough);
            let mut app = App::new(scenario, &options);
            app.run_jobs_here();
            let total = app.current().total().unwrap_or(0);
            // From the last step back (← asks no prediction).
            app.update(Message::Do(Command::Last));
            for step in (1..=total).rev() {
                let text = screen(&app, 120, 40);
                if let Some((rows, more)) = explanation_rows(&text) {
                    assert!(rows >= 8 || !more, "{id} step {step}: {rows} rows\n{text}");
                }
                app.update(Message::Do(Command::Back));
            }
        }
    }
}
