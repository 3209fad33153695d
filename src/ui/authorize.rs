//! An authorize request explained parameter by parameter ([`crate::flow::authorize`]), drawn
//! in the step's panel (mode 1), for the lesson's authorize step and for a served one (live
//! view).

use ratatui::text::{Line, Span};

use super::{Ctx, hanging};
use crate::flow::Frame;
use crate::flow::authorize::parameters;
use crate::words::Word;

/// The section's lines at width `w`; empty for a frame that is not an authorize request.
pub(crate) fn lines(frame: &Frame, w: u16, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let Some(parameters) = parameters(frame) else {
        return Vec::new();
    };
    let t = ctx.theme;
    let words = ctx.words;
    let mut out = vec![
        Line::raw(""),
        Line::from(Span::styled(
            words.get(Word::AuthorizeHeading).to_owned(),
            t.heading,
        )),
    ];
    let indent = "    ";
    for parameter in &parameters {
        let style = match parameter.verdict {
            Some(true) => t.good,
            Some(false) => t.bad,
            None => t.muted,
        };
        out.extend(hanging(
            parameter.glyph(),
            &parameter.sent(words),
            w,
            style,
            t.key,
        ));
        for note in parameter.notes(words) {
            out.extend(hanging(indent, &note, w, t.muted, t.muted));
        }
    }
    out
}
