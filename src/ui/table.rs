//! Mode 3, the process table full width, and under it the current step's real API call: the
//! request Cognito received and the response it sent, as JSON, and the SDK code when the
//! lesson gives it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use serde_json::Value;

use super::text::truncate;
use super::{Ctx, clamp_scroll, inner, panel, process_table, put_lines, scroll_hint, wrapped};

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
    let t = ctx.theme;
    let app = ctx.app;
    let frames = ctx.frames_so_far();
    let table = process_table::lines(
        frames,
        frames.len().saturating_sub(1),
        usize::from(area.width.saturating_sub(2)),
        true,
        ctx,
    );
    let note = process_table::note_rows(ctx, area.width);
    let wanted =
        u16::try_from(table.lines.len()).unwrap_or(u16::MAX) + 2 + note + u16::from(app.checking());
    let table_h = wanted.min(area.height / 2).max(4);
    let [top, rest] = area.layout(&Layout::vertical([
        Constraint::Length(table_h),
        Constraint::Min(1),
    ]));
    process_table::render(top, buf, ctx);

    let Some(frame) = ctx.frame() else {
        panel("Request and response", t).render(rest, buf);
        return;
    };
    let title = match &frame.api {
        Some(api) => match api.status {
            Some(status) => format!("Step {} · {} → HTTP {status}", frame.number, api.operation),
            None => format!(
                "Step {} · {} → waiting for Cognito",
                frame.number, api.operation
            ),
        },
        None => format!("Step {} · no call to Cognito at this step", frame.number),
    };
    panel(title, t).render(rest, buf);
    let body = inner(rest);
    let mut request: Vec<Line<'static>> = Vec::new();
    let mut response: Vec<Line<'static>> = Vec::new();
    let two = body.width >= 100;
    let col_w = if two {
        (body.width - 3) / 2
    } else {
        body.width
    };
    let cw = usize::from(col_w);
    match &frame.api {
        Some(api) => {
            request.push(Line::from(Span::styled(
                format!("Request: POST {}", api.operation),
                t.heading,
            )));
            match &api.request {
                Some(v) => request.extend(json_lines(v, cw, t.code)),
                None => request.push(Line::from(Span::styled("(no request body)", t.muted))),
            }
            let heading = api.status.map_or_else(
                || "Response: not yet — Cognito is still working".to_owned(),
                |s| format!("Response: HTTP {s}"),
            );
            let style = if api.status.is_some_and(|s| s >= 400) {
                t.bad
            } else {
                t.heading
            };
            response.push(Line::from(Span::styled(heading, style)));
            if let Some(v) = &api.response {
                response.extend(json_lines(v, cw, t.code));
            }
        }
        None => {
            request.extend(wrapped(
                "Nothing is sent at this step: it happens in the app (or in the user's head).",
                col_w,
                t.muted,
            ));
        }
    }
    if let Some(snippet) = &frame.snippet {
        request.push(Line::raw(""));
        request.push(Line::from(Span::styled("The app's code", t.heading)));
        for l in snippet.lines() {
            request.push(Line::from(Span::styled(truncate(l, cw), t.code)));
        }
    }
    let mut notes: Vec<Line<'static>> = Vec::new();
    if frame
        .api
        .as_ref()
        .is_some_and(|a| a.request.is_some() || a.response.is_some())
    {
        notes.push(Line::raw(""));
        notes.extend(wrapped(
            "Long values (tokens) are shortened here; mode 9 shows them whole and decoded.",
            col_w,
            t.muted,
        ));
    }
    let lines: Vec<Line<'static>> = if two {
        let n = request.len().max(response.len() + notes.len());
        response.extend(notes);
        (0..n)
            .map(|i| {
                let left = request.get(i).cloned().unwrap_or_default();
                let pad = cw.saturating_sub(left.width());
                let mut spans = left.spans;
                spans.push(Span::raw(" ".repeat(pad)));
                spans.push(Span::styled(" │ ", t.border));
                spans.extend(response.get(i).cloned().unwrap_or_default().spans);
                Line::from(spans)
            })
            .collect()
    } else {
        let mut all = request;
        all.push(Line::raw(""));
        all.extend(response);
        all.extend(notes);
        all
    };
    let skip = clamp_scroll(app.scroll().table, lines.len(), body.height);
    put_lines(body, buf, &lines, skip);
    scroll_hint(rest, buf, skip, lines.len(), body.height, t.muted);
}
