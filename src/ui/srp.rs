//! Mode 9's SRP section: every SRP number (or PKCE value) of the sign-in so far, whole, with
//! who computed it and what it is (the tracker and the checks show them shortened).

use ratatui::text::{Line, Span};

use super::Ctx;
use super::text::{pad, wrap};
use crate::flow::{Frame, SrpSide};
use crate::sanitize;

/// The section's lines at width `w`; empty when the step has no SRP numbers.
pub(crate) fn srp_lines(frame: &Frame, w: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let Some(kind) = frame.values_kind() else {
        return Vec::new();
    };
    let mut out = vec![
        Line::raw(""),
        Line::from(Span::styled(
            format!("{} SO FAR, WHOLE", kind.words().to_uppercase()),
            t.heading,
        )),
    ];
    out.extend(super::wrapped(kind.what_travels(), w, t.muted));
    let side_w = 9;
    let value_w = usize::from(w).saturating_sub(side_w + 2).max(16);
    for value in &frame.srp {
        let side = match value.side {
            SrpSide::Device => "device",
            SrpSide::Cognito => "Cognito",
        };
        let head = format!(
            "{} {}",
            sanitize::line(&value.name),
            sanitize::line(&value.meaning)
        );
        for (i, l) in wrap(&head, value_w).into_iter().enumerate() {
            let lead = if i == 0 { side } else { "" };
            out.push(Line::from(vec![
                Span::styled(format!("  {}", pad(lead, side_w)), t.visited),
                Span::styled(l, t.muted),
            ]));
        }
        for l in wrap(&sanitize::line(&value.value), value_w) {
            out.push(Line::from(vec![
                Span::raw(format!("  {}", " ".repeat(side_w))),
                Span::raw(l),
            ]));
        }
    }
    out
}
