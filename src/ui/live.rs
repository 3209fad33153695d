//! The live view's own panels (`cogflow serve`): the strip above the footer that says what the
//! server is doing (a call held by `--step` and how long its client waits, the codes it
//! delivered, the clock moved on purpose), and what shows before the learner's first call.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::text::truncate;
use super::{Ctx, hanging, inner, panel, put_lines, wrapped};
use crate::app::live::{Held, Live};
use crate::flow::time::{format_utc, human_duration};

/// Rows the strip takes.
pub(crate) const STRIP_ROWS: u16 = 2;

/// The strip: what is held (or that the server is serving), then delivered codes and the clock.
pub(crate) fn render_strip(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>, live: &Live) {
    let t = ctx.theme;
    let w = usize::from(area.width);
    let calls = ctx.app.current().frames.len();
    let first = match live.held.front() {
        Some(held) => Line::from(Span::styled(
            truncate(&held_words(held, live, ctx), w),
            t.changed,
        )),
        None => {
            let step = if live.step {
                " · --step: each call waits for →"
            } else {
                ""
            };
            let endpoint = match &ctx.app.current().kind {
                crate::app::PathKind::Live { endpoint } => endpoint.as_str(),
                _ => "",
            };
            Line::from(Span::styled(
                truncate(
                    &format!(
                        " ● serving {endpoint} · {calls} call{}{step}",
                        if calls == 1 { "" } else { "s" }
                    ),
                    w,
                ),
                t.good,
            ))
        }
    };
    buf.set_line(area.x, area.y, &first, area.width);
    if area.height < 2 {
        return;
    }
    let mut second = Vec::new();
    if let Some(code) = live.delivered.last() {
        second.push(format!("latest code delivered {code}"));
    }
    if let Some(now) = live.clock {
        second.push(format!(
            "served clock {} (moved on purpose)",
            format_utc(now)
        ));
    }
    let text = if second.is_empty() {
        " Codes the pool \"sends\" show here (and at GET /_cogflow/messages) · + and > move the clock"
            .to_owned()
    } else {
        format!(" {}", second.join(" · "))
    };
    buf.set_line(
        area.x,
        area.y + 1,
        &Line::from(Span::styled(truncate(&text, w), t.note)),
        area.width,
    );
}

/// "⏸ Call #3 held at “credentials checked” · → lets it go on · the client is waiting: boto3
/// gives up after 60 s (botocore's read_timeout), 48 s left". The key comes first, so a narrow
/// terminal still shows it.
fn held_words(held: &Held, live: &Live, ctx: &Ctx<'_>) -> String {
    let waited = live.now.saturating_sub(held.since);
    let patience = match &held.waits {
        Some((sdk, Some(secs))) => {
            let left = secs.saturating_sub(waited);
            if left == 0 {
                format!("{sdk} gave up after {secs} s (botocore's read_timeout) and may retry")
            } else {
                format!(
                    "{sdk} gives up after {secs} s (botocore's read_timeout), {} left",
                    human_duration(left)
                )
            }
        }
        Some((sdk, None)) => {
            format!("{sdk} sets no timeout: it waits as long as the connection stays open")
        }
        None => "how long it waits depends on its HTTP library".to_owned(),
    };
    let more = if live.held.len() > 1 {
        format!(" ({} calls held)", live.held.len())
    } else {
        String::new()
    };
    let key = if ctx.app.holding_here() {
        "→ lets it go on"
    } else {
        "End, then → lets it go on"
    };
    format!(
        " ⏸ Call #{} held at “{}”{more} · {key} · the client is waiting: {patience}",
        held.call, held.phase
    )
}

/// Before the first call: what to paste, and what will happen.
pub(crate) fn render_waiting(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>, live: &Live) {
    let t = ctx.theme;
    panel("Waiting for your code's first call", t).render(area, buf);
    let body = inner(area);
    let w = body.width;
    let mut lines = wrapped(
        "Point boto3, the AWS CLI or amazon-cognito-identity-js at this mock pool: paste these two lines into the shell your code runs in.",
        w,
        ratatui::style::Style::new(),
    );
    lines.push(Line::raw(""));
    for export in &live.exports {
        lines.extend(
            super::text::wrap(export, usize::from(w))
                .into_iter()
                .map(|piece| Line::from(Span::styled(piece, t.code))),
        );
    }
    lines.push(Line::raw(""));
    let client_id = &live.client_id;
    for code in [
        "import boto3".to_owned(),
        "idp = boto3.client(\"cognito-idp\")".to_owned(),
        format!("idp.initiate_auth(AuthFlow=\"USER_PASSWORD_AUTH\", ClientId=\"{client_id}\","),
        "    AuthParameters={\"USERNAME\": \"user123\", \"PASSWORD\": \"pass123\"})".to_owned(),
    ] {
        lines.push(Line::from(Span::styled(
            truncate(&code, usize::from(w)),
            t.code,
        )));
    }
    if let Some(url) = &live.login_url {
        lines.push(Line::raw(""));
        lines.extend(wrapped(
            "Or sign in through the hosted UI (managed login): open this in a browser; the redirect back carries the code.",
            w,
            ratatui::style::Style::new(),
        ));
        lines.extend(
            super::text::wrap(&crate::sanitize::line(url), usize::from(w))
                .into_iter()
                .map(|piece| Line::from(Span::styled(piece, t.code))),
        );
    }
    lines.push(Line::raw(""));
    lines.extend(hanging(
        "→ ",
        "Each call becomes a step here as it arrives: the request and response, what Cognito checked and why, the tracker of the caller's user, mode 9 on the tokens it issued. ← steps back through everything that happened; End follows the newest call again.",
        w,
        t.key,
        ratatui::style::Style::new(),
    ));
    if live.step {
        lines.extend(hanging(
            "⏸ ",
            "--step is on: each call waits at each phase (request received, credentials checked, response returned) until you press →.",
            w,
            t.changed,
            t.changed,
        ));
    }
    put_lines(body, buf, &lines, 0);
}
