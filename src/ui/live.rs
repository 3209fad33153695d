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
use crate::words::Word;

/// Rows the strip takes.
pub(crate) const STRIP_ROWS: u16 = 2;

/// The strip: what is held (or that the server is serving), then delivered codes and the clock.
pub(crate) fn render_strip(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>, live: &Live) {
    let t = ctx.theme;
    let w = usize::from(area.width);
    let words = ctx.words;
    let calls = ctx.app.current().frames.len();
    let count = if calls == 1 {
        words.get(Word::LiveOneCall).to_owned()
    } else {
        words.fill(Word::LiveCalls, &[("n", &calls.to_string())])
    };
    let first = match live.held.front() {
        Some(held) => Line::from(Span::styled(
            truncate(&held_words(held, live, ctx), w),
            t.changed,
        )),
        None => {
            let step = if live.step {
                words.get(Word::LiveStepOn)
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
                        " {}",
                        words.fill(
                            Word::LiveServing,
                            &[("endpoint", endpoint), ("calls", &count), ("step", step)]
                        )
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
        second.push(words.fill(Word::LiveDelivered, &[("code", code)]));
    }
    if let Some(now) = live.clock {
        second.push(words.fill(Word::LiveClockMoved, &[("time", &format_utc(now))]));
    }
    let text = if second.is_empty() {
        format!(" {}", words.get(Word::LiveCodesHint))
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
    let words = ctx.words;
    let waited = live.now.saturating_sub(held.since);
    let patience = match &held.waits {
        Some((sdk, Some(secs))) => {
            let left = secs.saturating_sub(waited);
            let secs = secs.to_string();
            if left == 0 {
                words.fill(Word::LiveGaveUp, &[("sdk", sdk), ("secs", &secs)])
            } else {
                words.fill(
                    Word::LiveGivesUp,
                    &[
                        ("sdk", sdk),
                        ("secs", &secs),
                        ("left", &human_duration(left)),
                    ],
                )
            }
        }
        Some((sdk, None)) => words.fill(Word::LiveNoTimeout, &[("sdk", sdk)]),
        None => words.get(Word::LiveHttpWaits).to_owned(),
    };
    let more = if live.held.len() > 1 {
        words.fill(Word::LiveHeldMore, &[("n", &live.held.len().to_string())])
    } else {
        String::new()
    };
    let key = words.get(if ctx.app.holding_here() {
        Word::LiveLetGo
    } else {
        Word::LiveEndLetGo
    });
    let call = held.call.to_string();
    let phase = match held.phase {
        "request received" => words.get(Word::LivePhaseReceived),
        "credentials checked" => words.get(Word::LivePhaseChecked),
        "response returned" => words.get(Word::LivePhaseReturned),
        other => other,
    };
    format!(
        " {}",
        words.fill(
            Word::LiveHeld,
            &[
                ("call", &call),
                ("phase", phase),
                ("more", &more),
                ("key", key),
                ("patience", &patience),
            ],
        )
    )
}

/// Before the first call: what to paste, and what will happen.
pub(crate) fn render_waiting(area: Rect, buf: &mut Buffer, ctx: &Ctx<'_>, live: &Live) {
    let t = ctx.theme;
    let words = ctx.words;
    panel(words.get(Word::LiveWaitingTitle), area.width, t).render(area, buf);
    let body = inner(area);
    let w = body.width;
    let mut lines = wrapped(words.get(Word::LivePoint), w, ratatui::style::Style::new());
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
            words.get(Word::LiveHostedUi),
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
        words.get(Word::LiveEachCall),
        w,
        t.key,
        ratatui::style::Style::new(),
    ));
    if live.step {
        lines.extend(hanging(
            "⏸ ",
            words.get(Word::LiveStepExplained),
            w,
            t.changed,
            t.changed,
        ));
    }
    put_lines(body, buf, &lines, 0);
}
