//! Mode 3, the process table full width, and under it where the current step happens
//! ([`Scene`]) and its real API call: the request Cognito received and the response it sent,
//! as JSON; on a step inside Cognito, the request it is working on and what it checked; on the
//! app's offline token check, that check; and the SDK code when the lesson gives it.

use crate::app::Slot;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use serde_json::Value;

use super::{Ctx, clamp_scroll, inner, panel, process_table, put_lines, scroll_hint_keys, wrapped};
use crate::flow::{ApiCall, Frame, Scene};
use crate::words::Word;

/// Pretty JSON lines in `w` columns; a long line continues under its own indentation.
fn json_lines(value: &Value, w: usize, style: Style) -> Vec<Line<'static>> {
    let text = crate::sanitize::to_json_pretty(&crate::flow::vars::shorten_json(value))
        .unwrap_or_else(|e| e.to_string());
    let mut out = Vec::new();
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let body = w.saturating_sub(indent + 2).max(8);
        for (i, piece) in super::text::wrap(line.trim_start(), body)
            .into_iter()
            .enumerate()
        {
            let lead = " ".repeat(if i == 0 { indent } else { indent + 2 });
            out.push(Line::from(Span::styled(format!("{lead}{piece}"), style)));
        }
    }
    out
}

pub(crate) fn render(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let app = ctx.app;
    let frames = ctx.latest_in_view().1;
    let table = process_table::Table::measure(
        frames,
        frames.len().checked_sub(1),
        usize::from(area.width.saturating_sub(2)),
        true,
        ctx,
    );
    let note = process_table::note_rows(ctx, area.width);
    let wanted = u16::try_from(table.line_count()).unwrap_or(u16::MAX)
        + 2
        + note
        + u16::from(app.checking());
    let table_h = wanted.min(area.height / 2).max(4);
    let [top, rest] = area.layout(&Layout::vertical([
        Constraint::Length(table_h),
        Constraint::Min(1),
    ]));
    process_table::render(top, buf, ctx);
    call_panel(rest, buf, ctx);
}

/// The step's call in `rest`: where it happens, its request and response (side by side from
/// 100 columns on), what Cognito checked, then the app's code across the whole width.
pub(crate) fn call_panel(rest: Rect, buf: &mut Buffer, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let app = ctx.app;
    let Some(frame) = ctx.frame() else {
        panel(ctx.words.get(Word::CallPanel), rest.width, t).render(rest, buf);
        return;
    };
    let body = inner(rest);
    // Two columns only when both have something: a lone column gets the whole width.
    let wide = body.width >= 100;
    let half = (body.width.saturating_sub(3)) / 2;
    let (title, left, right) = if wide {
        let (title, left, right) = content(frame, half, ctx);
        if right.is_empty() {
            content(frame, body.width, ctx)
        } else {
            (title, left, right)
        }
    } else {
        content(frame, body.width, ctx)
    };
    panel(title, rest.width, t).render(rest, buf);
    let lines: Vec<Line<'static>> = if wide && !right.is_empty() {
        let cw = usize::from(half);
        let n = left.len().max(right.len());
        (0..n)
            .map(|i| {
                let l = left.get(i).cloned().unwrap_or_default();
                let pad = cw.saturating_sub(l.width());
                let mut spans = l.spans;
                spans.push(Span::raw(" ".repeat(pad)));
                spans.push(Span::styled(" │ ", t.border));
                spans.extend(right.get(i).cloned().unwrap_or_default().spans);
                Line::from(spans)
            })
            .collect()
    } else {
        // One column: inside Cognito, what it checked comes first (it is the step's point).
        let (first, second) = if frame.scene() == Scene::InsideCognito {
            (right, left)
        } else {
            (left, right)
        };
        let mut all = first;
        if !second.is_empty() {
            all.push(Line::raw(""));
            all.extend(second);
        }
        all
    };
    // The app's code goes under both columns, across the whole width: a code line cut to half
    // the panel while the other half stays empty reads worse than one that fits.
    let mut lines = lines;
    if let Some(snippet) = &frame.snippet {
        lines.extend(super::explanation::snippet_lines(snippet, body.width, ctx));
    }
    ctx.limit(Slot::Table, lines.len(), body.height);
    let skip = clamp_scroll(app.scroll().table, lines.len(), body.height);
    put_lines(body, buf, &lines, skip);
    scroll_hint_keys(rest, buf, (skip, lines.len(), body.height), "[ ]", ctx);
}

type Content = (String, Vec<Line<'static>>, Vec<Line<'static>>);

/// The panel under the table for `frame` in columns `w` wide: its title, then what goes on
/// the left (the request, what happens where) and on the right (the response
/// and what Cognito checked). Where a step happens decides what may be said about Cognito.
fn content(frame: &Frame, w: u16, ctx: &Ctx<'_>) -> Content {
    let (t, words) = (ctx.theme, ctx.words);
    let label = ctx.frame_label(frame.number);
    let mut left = Vec::new();
    let mut right = Vec::new();
    let title = match frame.scene() {
        Scene::Call => {
            let api = frame.api.as_ref().expect("a call has its API record");
            // A JSON API call is a POST named by its operation; a hosted-UI request names
            // its own method (`GET /oauth2/authorize`).
            let method = if api.operation.contains(' ') {
                ""
            } else {
                "POST "
            };
            left.extend(request_lines(
                &words.fill(
                    Word::CallRequest,
                    &[("method", method), ("operation", &api.operation)],
                ),
                api,
                w,
                ctx,
            ));
            right.extend(response_lines(api, w, ctx));
            match api.status {
                Some(status) => format!("{label} · {} → HTTP {status}", api.operation),
                None => words.fill(
                    Word::CallWaiting,
                    &[("label", &label), ("operation", &api.operation)],
                ),
            }
        }
        Scene::InsideCognito => {
            let call = frame.call_worked_on(ctx.frames_so_far());
            let working_on = call.and_then(|c| c.api.as_ref().map(|a| (c.number, a)));
            if let Some((sent, api)) = working_on {
                left.extend(request_lines(
                    &words.fill(
                        Word::CallWorkedOn,
                        &[("sent", &sent.to_string()), ("operation", &api.operation)],
                    ),
                    api,
                    w,
                    ctx,
                ));
            }
            right.extend(wrapped(words.get(Word::CallNoAnswerYet), w, t.heading));
            right.push(Line::raw(""));
            right.extend(wrapped(words.get(Word::CallCheckedInOrder), w, t.heading));
            for check in &frame.cognito_checks {
                right.extend(super::explanation::check_entry(check, w, ctx));
            }
            match working_on {
                Some((sent, api)) => words.fill(
                    Word::CallInsideWorking,
                    &[
                        ("label", &label),
                        ("sent", &sent.to_string()),
                        ("operation", &api.operation),
                    ],
                ),
                None => words.fill(Word::CallInside, &[("label", &label)]),
            }
        }
        Scene::AppCheck => {
            left.extend(wrapped(words.get(Word::CallAppCheck), w, t.muted));
            if let Some(v) = &frame.verification {
                left.push(Line::raw(""));
                for check in &v.checks {
                    left.extend(super::explanation::check_entry(check, w, ctx));
                }
            }
            words.fill(Word::CallInApp, &[("label", &label)])
        }
        Scene::Device => {
            left.extend(wrapped(words.get(Word::CallDevice), w, t.muted));
            words.fill(Word::CallOnDevice, &[("label", &label)])
        }
        Scene::Time => {
            left.extend(wrapped(words.get(Word::CallTimeText), w, t.muted));
            words.fill(Word::CallTimePasses, &[("label", &label)])
        }
        Scene::App => {
            left.extend(wrapped(words.get(Word::CallAppText), w, t.muted));
            words.fill(Word::CallInApp, &[("label", &label)])
        }
    };
    (title, left, right)
}

fn request_lines(heading: &str, api: &ApiCall, w: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let mut out = wrapped(heading, w, t.heading);
    match &api.request {
        Some(v) => out.extend(json_lines(v, usize::from(w), t.code)),
        None => out.push(Line::from(Span::styled(
            ctx.words.get(Word::CallNoBody).to_owned(),
            t.muted,
        ))),
    }
    out
}

fn response_lines(api: &ApiCall, w: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let heading = api.status.map_or_else(
        || ctx.words.get(Word::CallResponseNotYet).to_owned(),
        |s| {
            ctx.words
                .fill(Word::CallResponse, &[("status", &s.to_string())])
        },
    );
    let style = if api.status.is_some_and(|s| s >= 400) {
        t.bad
    } else {
        t.heading
    };
    let mut out = vec![Line::from(Span::styled(heading, style))];
    if let Some(v) = &api.response {
        out.extend(json_lines(v, usize::from(w), t.code));
    }
    if api.request.is_some() || api.response.is_some() {
        out.push(Line::raw(""));
        out.extend(wrapped(ctx.words.get(Word::CallShortened), w, t.muted));
    }
    out
}
