//! Rendering: draws an [`App`] into a ratatui [`Frame`]. Reads `&App` only — it never changes
//! the model and never decides anything about Cognito; every fact comes from the run's frames.
//!
//! One file per panel. The screen is a title bar and tabs, the mode's body, and a footer whose
//! key hints come from the key table ([`crate::app::keymap`]).

mod authenticator;
mod authorize;
pub mod class_view;
mod confirm;
mod diagram;
mod errors;
mod explanation;
mod flow;
mod footer;
mod grid;
mod header;
mod help;
mod lab;
mod live;
mod menus;
mod moments;
mod name;
mod predict;
mod process_table;
pub mod qr;
pub(crate) mod quiz;
mod sample;
mod snapshot;
mod srp;
mod step_through;
mod table;
pub mod text;
pub mod theme;
mod token;
mod too_small;
mod tracker;
mod transcript;

use ratatui::Frame as TermFrame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use crate::app::{App, Click, Clicks, Mode, Scroll, Slot};
use crate::flow::{CryptoCost, Frame};
use theme::Theme;

/// The smallest terminal the lesson is drawn in; below it, a "too small" screen.
pub const MIN_WIDTH: u16 = 60;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 18;
/// From this size on, step-through shows every panel at once.
pub const FULL_WIDTH: u16 = 120;

/// The most steps a view of a long run lays out or measures: the process table's rows, mode
/// 8's step lines and mode 4's "what each step changed" come from at most this many steps
/// around the one on screen (each view says which it leaves out; `:` N goes to any step), so
/// a 10,000-step lesson redraws as fast as a 1,000-step one (500 steps: each view's rows are
/// measured so its columns keep their width while it scrolls).
pub(crate) const STEPS_IN_VIEW: usize = 500;
/// See [`FULL_WIDTH`].
pub const FULL_HEIGHT: u16 = 35;

/// What every panel reads.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
    /// How far each view drawn can usefully scroll (what [`render`] returns).
    pub limits: &'a std::cell::Cell<Scroll>,
    /// The app's words in the lesson's language.
    pub words: &'a crate::words::Words,
    /// Where what can be clicked was drawn (what [`render_drawn`] returns).
    pub clicks: &'a std::cell::RefCell<Clicks>,
    /// What this drawing already laid out (see [`tracker::Memo`]).
    pub tracker: &'a tracker::Memo,
}

impl<'a> Ctx<'a> {
    /// Notes that the view of `slot` has `total` lines in a window of `height`.
    pub fn limit(&self, slot: Slot, total: usize, height: u16) {
        self.limit_to(slot, total.saturating_sub(usize::from(height)));
    }

    /// Notes that the view of `slot` can usefully scroll `max` lines (or rows).
    pub fn limit_to(&self, slot: Slot, max: usize) {
        let mut limits = self.limits.get();
        let cap = Scroll::UNKNOWN.get(slot);
        *limits.get_mut(slot) = u16::try_from(max).unwrap_or(cap).min(cap);
        self.limits.set(limits);
    }

    /// Notes that `area` shows `click` (a mouse click there sends it).
    pub fn click(&self, area: Rect, click: Click) {
        self.clicks.borrow_mut().add(area, click);
    }

    /// Forgets what `area` showed before a box was drawn over it.
    pub fn cover(&self, area: Rect) {
        self.clicks.borrow_mut().cover(area);
    }

    /// What frame `n` is called in panel titles and headings: "Step 3" in a lesson, "Call 3"
    /// in a live session (its frames are the learner's own calls, as the header counts them).
    pub fn frame_label(&self, n: usize) -> String {
        if self.app.live_state().is_some() {
            self.words.call(n)
        } else {
            self.words.step(n)
        }
    }

    /// The frame on screen, if any is computed.
    pub fn frame(&self) -> Option<&'a Frame> {
        self.app.frame()
    }

    /// The frames revealed so far: up to and including the one on screen.
    pub fn frames_so_far(&self) -> &'a [Frame] {
        let path = self.app.current();
        let end = (self.app.shown_index() + 1).min(path.frames.len());
        &path.frames[..end]
    }

    /// The latest [`STEPS_IN_VIEW`] of [`Ctx::frames_so_far`], and how many come before them.
    pub fn latest_in_view(&self) -> (usize, &'a [Frame]) {
        let frames = self.frames_so_far();
        let from = frames.len().saturating_sub(STEPS_IN_VIEW);
        (from, &frames[from..])
    }

    /// A crypto cost as the learner reads it: "argon2id verify: 14 ms — the mock's stand-in for
    /// Cognito's undocumented hash, …", "RS256 sign (ID token): 2 ms — signing a token with the
    /// pool's private key".
    pub fn crypto_line(&self, cost: &CryptoCost) -> String {
        let time = if self.app.redact_timings {
            "N ms".to_owned()
        } else {
            let ms = cost.elapsed.as_secs_f64() * 1000.0;
            if ms < 1.0 {
                format!("{ms:.2} ms")
            } else {
                format!("{ms:.0} ms")
            }
        };
        // A signature names its token: a sign-in makes two, an ID and an access token.
        let words = self.words;
        let operation = words.said(&cost.operation);
        let why = words.said(cost.why());
        let mut blanks = vec![("operation", &*operation), ("time", &time), ("why", &*why)];
        let token = cost.token().map(|token| words.said(token));
        let word = match &token {
            Some(token) => {
                blanks.push(("token", token));
                crate::words::Word::CryptoLineOf
            }
            None => crate::words::Word::CryptoLine,
        };
        words.fill(word, &blanks)
    }
}

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut TermFrame<'_>) {
    render_measured(app, frame);
}

/// Draws the whole screen and returns how far each view drawn can usefully scroll, for
/// [`crate::app::Message::Viewport`] ([`Scroll::UNKNOWN`] for the views not drawn).
pub fn render_measured(app: &App, frame: &mut TermFrame<'_>) -> Scroll {
    render_drawn(app, frame.area(), frame.buffer_mut()).0
}

/// Draws the whole screen into `buf` (what [`render`] does; benches and tests call it with a
/// plain buffer).
pub fn render_area(app: &App, area: Rect, buf: &mut Buffer) -> Scroll {
    render_drawn(app, area, buf).0
}

/// Draws the whole screen into `buf` and returns how far each view can scroll and where
/// what can be clicked was drawn (the TUI looks mouse clicks up there).
pub fn render_drawn(app: &App, area: Rect, buf: &mut Buffer) -> (Scroll, Clicks) {
    let limits = std::cell::Cell::new(Scroll::UNKNOWN);
    let clicks = std::cell::RefCell::new(Clicks::default());
    draw(app, area, buf, &limits, &clicks);
    (limits.get(), clicks.into_inner())
}

fn draw(
    app: &App,
    area: Rect,
    buf: &mut Buffer,
    limits: &std::cell::Cell<Scroll>,
    clicks: &std::cell::RefCell<Clicks>,
) {
    let theme = if app.monochrome() {
        Theme::monochrome()
    } else {
        Theme::colour()
    };
    let words = app.scenario().words();
    let memo = tracker::Memo::default();
    let ctx = Ctx {
        app,
        theme: &theme,
        limits,
        words: &words,
        clicks,
        tracker: &memo,
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small::render(area, buf, &ctx);
        return;
    }
    let [head, body, foot] = area.layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(footer::height(app, area.width, area.height)),
    ]));
    header::render(head, buf, &ctx);
    footer::render(foot, buf, &ctx);
    let body = match app.live_state() {
        Some(state) => {
            let [body, strip] = body.layout(&Layout::vertical([
                Constraint::Min(1),
                Constraint::Length(live::STRIP_ROWS),
            ]));
            live::render_strip(strip, buf, &ctx, state);
            if let Some(lab) = state.lab.as_ref().filter(|lab| lab.shown) {
                lab::render(body, buf, &ctx, state, lab);
                if app.help_open() {
                    help::render(body, buf, &ctx);
                }
                return;
            }
            if app.current().frames.is_empty() {
                live::render_waiting(body, buf, &ctx, state);
                if app.help_open() {
                    help::render(body, buf, &ctx);
                }
                return;
            }
            body
        }
        None => body,
    };
    // `--watch`: what check says of the last save sits above the lesson.
    let body = if app.watch_problems().is_empty() {
        body
    } else {
        let [top, rest] = body.layout(&Layout::vertical([
            Constraint::Length(errors::height(body.width, body.height, &ctx)),
            Constraint::Min(1),
        ]));
        errors::render(top, buf, &ctx);
        rest
    };
    match app.mode() {
        Mode::StepThrough => step_through::render(body, buf, &ctx),
        Mode::Flow => flow::render(body, buf, &ctx),
        Mode::Table => table::render(body, buf, &ctx),
        Mode::Tracker => tracker::render_mode(body, buf, &ctx),
        Mode::Moments => moments::render(body, buf, &ctx),
        Mode::Quiz => quiz::render(body, buf, &ctx),
        Mode::Snapshot => snapshot::render(body, buf, &ctx),
        Mode::Transcript => transcript::render(body, buf, &ctx),
        Mode::Token => token::render(body, buf, &ctx),
    }
    if app.mode().shows_step() {
        predict::render(body, buf, &ctx);
    }
    menus::render(body, buf, &ctx);
    name::render(body, buf, &ctx);
    confirm::render(body, buf, &ctx);
    if app.help_open() {
        help::render(body, buf, &ctx);
    }
}

/// A bordered panel `width` columns wide with a title, fitted to its top border by
/// [`fit_title`].
pub(crate) fn panel<'a>(title: impl Into<String>, width: u16, theme: &Theme) -> Block<'a> {
    // The corners and the spaces around the title.
    let room = usize::from(width).saturating_sub(4);
    Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Plain)
        .border_style(theme.border)
        .title(Line::from(Span::styled(
            format!(" {} ", fit_title(&title.into(), room)),
            theme.panel_title,
        )))
}

/// `title` in at most `room` columns, never cut inside a word. A title is parts joined by
/// " · ", the most important first ("Quiz · Question 1 of 3 · 0 of 3 right the first time, no
/// hints used"; "Status tracker · + set ~ changed - removed"): what does not fit is left out
/// from the end, a ", " clause at a time and then a part at a time, so each part shown is
/// whole; the first part alone, still too long, is cut after a whole word with "…".
pub(crate) fn fit_title(title: &str, room: usize) -> String {
    let mut parts: Vec<String> = title.split(" · ").map(str::to_owned).collect();
    while parts.len() > 1 && text::width(&parts.join(" · ")) > room {
        let last = parts.pop().unwrap_or_default();
        if let Some((kept, _)) = last.rsplit_once(", ") {
            parts.push(kept.to_owned());
        }
    }
    text::truncate(&parts.join(" · "), room)
}

/// A `width` x `height` box centred in `area`, neither larger than `area`.
pub(crate) fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Draws a box over the lesson: `rect` cleared, framed with `title`, and taken from the
/// panels beneath it for mouse clicks (a click on the box must not reach what it hides).
/// Returns the box's inside.
pub(crate) fn overlay(
    rect: Rect,
    title: impl Into<String>,
    buf: &mut Buffer,
    ctx: &Ctx<'_>,
) -> Rect {
    ctx.cover(rect);
    Clear.render(rect, buf);
    panel(title, rect.width, ctx.theme).render(rect, buf);
    inner(rect)
}

/// A message box centred in `area`: `lines` (wrapped to `width - 4`) one column in from
/// each border, as tall as they need or `area` allows.
pub(crate) fn message_box(
    area: Rect,
    width: u16,
    title: impl Into<String>,
    lines: &[Line<'static>],
    buf: &mut Buffer,
    ctx: &Ctx<'_>,
) {
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let body = overlay(centred(area, width, height), title, buf, ctx);
    let body = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2),
        ..body
    };
    put_lines(body, buf, lines, 0);
}

/// A panel's inside after its border.
pub(crate) fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// Writes `lines` into `area`, skipping the first `skip`, cutting what does not fit.
pub(crate) fn put_lines(area: Rect, buf: &mut Buffer, lines: &[Line<'_>], skip: usize) {
    for (row, line) in lines
        .iter()
        .skip(skip)
        .take(usize::from(area.height))
        .enumerate()
    {
        let y = area.y + u16::try_from(row).unwrap_or(u16::MAX);
        buf.set_line(area.x, y, line, area.width);
    }
}

/// The lines of a scrolled view from line `skip` on, `height` of them, made only where they
/// show: each part comes with its line count and is laid out only when it reaches the window,
/// so a long view costs what is on screen.
pub(crate) struct Window {
    from: usize,
    to: usize,
    /// The line the next part starts at.
    at: usize,
    /// The line `lines` starts at.
    first: Option<usize>,
    lines: Vec<Line<'static>>,
}

impl Window {
    pub(crate) fn new(skip: usize, height: u16) -> Window {
        Window {
            from: skip,
            to: skip + usize::from(height),
            at: 0,
            first: None,
            lines: Vec::new(),
        }
    }

    /// A part of `count` lines, which `make` lays out.
    pub(crate) fn part(&mut self, count: usize, make: impl FnOnce() -> Vec<Line<'static>>) {
        if self.at < self.to && self.at + count > self.from {
            self.first.get_or_insert(self.at);
            let made = make();
            debug_assert_eq!(made.len(), count, "a part's count is its lines");
            self.lines.extend(made);
        }
        self.at += count;
    }

    /// Lines already made.
    pub(crate) fn lines(&mut self, lines: Vec<Line<'static>>) {
        self.part(lines.len(), || lines);
    }

    /// Draws the window's lines in `area`.
    pub(crate) fn draw(self, area: Rect, buf: &mut Buffer) {
        let skip = self.from - self.first.unwrap_or(self.from);
        put_lines(area, buf, &self.lines, skip);
    }
}

/// The scroll offset that keeps `total` lines in a window of `height`, clamped.
pub(crate) fn clamp_scroll(requested: u16, total: usize, height: u16) -> usize {
    let max = total.saturating_sub(usize::from(height));
    usize::from(requested).min(max)
}

/// When `total` lines do not all fit in `height` rows from line `skip` on, says which show
/// (" lines 3-20 of 41, ↑↓ scroll ") at the right of `panel`'s bottom border.
pub(crate) fn scroll_hint(
    panel: Rect,
    buf: &mut Buffer,
    skip: usize,
    total: usize,
    height: u16,
    ctx: &Ctx<'_>,
) {
    scroll_hint_keys(panel, buf, (skip, total, height), "↑↓", ctx);
}

/// [`scroll_hint`] naming other keys ("[ ]" for mode 3's request and response).
pub(crate) fn scroll_hint_keys(
    panel: Rect,
    buf: &mut Buffer,
    (skip, total, height): (usize, usize, u16),
    keys: &str,
    ctx: &Ctx<'_>,
) {
    let shown = usize::from(height);
    if total <= shown || panel.height == 0 {
        return;
    }
    let last = (skip + shown).min(total);
    let hint = ctx.words.fill(
        crate::words::Word::LinesShown,
        &[
            ("first", &(skip + 1).to_string()),
            ("last", &last.to_string()),
            ("total", &total.to_string()),
            ("keys", keys),
        ],
    );
    border_hint(panel, buf, &format!(" {hint} "), ctx.theme.muted);
}

/// Writes `hint` (" rows 3-7 of 12, ↑↓ scroll ") at the right of `panel`'s bottom border.
pub(crate) fn border_hint(panel: Rect, buf: &mut Buffer, hint: &str, style: ratatui::style::Style) {
    if panel.height == 0 {
        return;
    }
    let w = u16::try_from(text::width(hint) + 1).unwrap_or(u16::MAX);
    let x = panel.right().saturating_sub(w).max(panel.x);
    let room = usize::from(panel.right() - x);
    buf.set_stringn(x, panel.bottom() - 1, hint, room, style);
}

/// Lines of wrapped text in one style.
pub(crate) fn wrapped(text: &str, width: u16, style: ratatui::style::Style) -> Vec<Line<'static>> {
    text::wrap(text, usize::from(width))
        .into_iter()
        .map(|l| Line::from(Span::styled(l, style)))
        .collect()
}

/// Wrapped text with a first-line prefix (e.g. "✓ ") and a hanging indent.
pub(crate) fn hanging(
    prefix: &str,
    text: &str,
    width: u16,
    prefix_style: ratatui::style::Style,
    style: ratatui::style::Style,
) -> Vec<Line<'static>> {
    let indent = text::width(prefix);
    let body = usize::from(width).saturating_sub(indent).max(1);
    text::wrap(text, body)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 {
                Span::styled(prefix.to_owned(), prefix_style)
            } else {
                Span::raw(" ".repeat(indent))
            };
            Line::from(vec![lead, Span::styled(l, style)])
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests;
