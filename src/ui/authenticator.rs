//! Mode 1's set-up panel, at the step that gave the app an authenticator secret
//! (AssociateSoftwareToken): what a set-up screen shows a learner holding a phone. The QR code
//! of the `otpauth://` URI, and beside it (under it when the panel is narrow) the key to type
//! by hand and the URI itself. A panel too small for the whole code says so in a sentence
//! instead: a clipped QR code would not scan.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::qr::Qr;
use super::text::width;
use super::{Ctx, inner, panel, put_lines, wrapped};
use crate::sanitize;
use crate::words::Word;

/// The text column's width beside the code.
const TEXT_W: u16 = 32;
/// The narrowest text column worth putting beside the code rather than under it.
const TEXT_MIN: u16 = 16;

/// Columns × rows the whole panel wants for `qr`: borders, the code, the text beside it.
#[must_use]
pub(crate) fn wanted(qr: &Qr) -> (u16, u16) {
    let (cols, rows) = qr.size().unwrap_or((TEXT_W, 8));
    (cols + 1 + TEXT_W + 2, rows + 2)
}

/// The panel for `uri` in `area`.
pub(crate) fn render(area: Rect, buf: &mut Buffer, uri: &str, ctx: &Ctx<'_>) {
    let qr = Qr::new(uri);
    panel(
        ctx.words.get(Word::AuthenticatorPanel),
        area.width,
        ctx.theme,
    )
    .render(area, buf);
    let elsewhere = format!(" {} ", ctx.words.get(Word::AuthenticatorElsewhere));
    let room = usize::from(area.width.saturating_sub(2));
    if width(&elsewhere) <= room && area.height > 1 {
        let x = area.right() - 1 - u16::try_from(width(&elsewhere)).unwrap_or(0);
        buf.set_string(x, area.bottom() - 1, &elsewhere, ctx.theme.muted);
    }
    let body = inner(area);
    let Some((cols, rows)) = qr.size().filter(|_| qr.fits(body)) else {
        let why = match qr.size() {
            Some((cols, rows)) => ctx.words.fill(
                Word::QrTooSmall,
                &[
                    ("cols", &cols.to_string()),
                    ("rows", &rows.to_string()),
                    ("w", &body.width.to_string()),
                    ("h", &body.height.to_string()),
                ],
            ),
            None => ctx.words.get(Word::QrTooLong).to_owned(),
        };
        let mut lines = wrapped(&why, body.width, ctx.theme.changed);
        lines.push(Line::raw(""));
        lines.extend(text_lines(uri, body.width, false, ctx));
        put_lines(body, buf, &lines, 0);
        return;
    };
    (&qr).render(
        Rect {
            width: cols,
            height: rows,
            ..body
        },
        buf,
    );
    let beside = body.width.saturating_sub(cols + 1);
    let text = if beside >= TEXT_MIN {
        Rect {
            x: body.x + cols + 1,
            width: beside,
            ..body
        }
    } else {
        Rect {
            y: body.y + rows,
            height: body.height - rows,
            ..body
        }
    };
    put_lines(text, buf, &text_lines(uri, text.width, true, ctx), 0);
}

/// What a learner who cannot scan needs: what the code does, the key in groups of four (as
/// authenticator apps show it), and the URI whole. `drawn`: the code is on screen.
fn text_lines(uri: &str, w: u16, drawn: bool, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let mut out = Vec::new();
    if drawn {
        out.extend(wrapped(ctx.words.get(Word::AuthenticatorScan), w, t.muted));
        out.push(Line::raw(""));
    }
    if let Some(key) = key_of(uri) {
        out.extend(wrapped(ctx.words.get(Word::AuthenticatorKey), w, t.heading));
        out.extend(wrapped(&grouped(&key), w, t.code));
        out.push(Line::raw(""));
    }
    out.extend(wrapped(ctx.words.get(Word::AuthenticatorUri), w, t.heading));
    // A URI has no spaces to break at: cut it at the width, every character kept.
    let uri = sanitize::line(uri);
    let chars: Vec<char> = uri.chars().collect();
    for piece in chars.chunks(usize::from(w.max(1))) {
        out.push(Line::from(Span::styled(
            piece.iter().collect::<String>(),
            t.code,
        )));
    }
    out
}

/// The `secret=` parameter of an `otpauth://` URI.
fn key_of(uri: &str) -> Option<String> {
    let query = uri.split_once('?')?.1;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("secret="))
        .map(|key| sanitize::line(key).into_owned())
}

/// `ABCDEFGH…` as `ABCD EFGH …`.
fn grouped(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{App, Mode, Options};
    use qrcode::{Color as Module, EcLevel, QrCode};
    use ratatui::style::Color;

    /// mfa-setup in mode 1 at `step` (1-based), drawn at `w`×`h`.
    fn drawn(step: usize, w: u16, h: u16) -> (App, Buffer) {
        let options = Options {
            step: Some(step),
            ..Options::for_snapshots(Mode::StepThrough)
        };
        let mut app = App::new(
            crate::scenario::resolve(Some("mfa-setup")).unwrap(),
            &options,
        );
        app.run_jobs_here();
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        super::super::render_area(&app, area, &mut buf);
        (app, buf)
    }

    /// The drawn code as a camera reads it: the first cell drawn in fixed black or white is
    /// the quiet zone's corner; each `▀` cell is two modules (foreground over background).
    fn read_code(buf: &Buffer) -> Option<(u16, u16, Vec<Vec<bool>>)> {
        let fixed = |c: Color| c == Color::Black || c == Color::White;
        let area = buf.area;
        let (x0, y0) = (area.top()..area.bottom())
            .flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)))
            .find(|&(x, y)| {
                let cell = &buf[(x, y)];
                cell.symbol() == "▀" && fixed(cell.fg) && fixed(cell.bg)
            })?;
        let mut rows = Vec::new();
        for y in y0..area.bottom() {
            let cells: Vec<_> = (x0..area.right())
                .map(|x| &buf[(x, y)])
                .take_while(|c| c.symbol() == "▀" && fixed(c.fg) && fixed(c.bg))
                .collect();
            if cells.is_empty() {
                break;
            }
            rows.push(cells.iter().map(|c| c.fg == Color::Black).collect());
            rows.push(cells.iter().map(|c| c.bg == Color::Black).collect());
        }
        Some((x0, y0, rows))
    }

    /// The encoder's own modules for `uri`, quiet zone of 4 included, as rows.
    fn encoded(uri: &str) -> Vec<Vec<bool>> {
        let code = QrCode::with_error_correction_level(uri, EcLevel::M).unwrap();
        let width = code.width();
        let colors = code.to_colors();
        let side = width + 8;
        (0..side)
            .map(|y| {
                (0..side)
                    .map(|x| {
                        (4..width + 4).contains(&x)
                            && (4..width + 4).contains(&y)
                            && colors[(y - 4) * width + x - 4] == Module::Dark
                    })
                    .collect()
            })
            .collect()
    }

    fn row_text(buf: &Buffer, y: u16) -> String {
        (buf.area.left()..buf.area.right())
            .map(|x| buf[(x, y)].symbol())
            .collect()
    }

    #[test]
    fn the_set_up_step_draws_the_uris_code_whole_with_the_key_and_uri_beside_it() {
        for (w, h) in [(120, 40), (100, 45), (160, 50)] {
            let (app, buf) = drawn(2, w, h);
            let uri = app
                .frame()
                .and_then(crate::flow::Frame::otpauth_uri)
                .unwrap();
            assert!(
                uri.starts_with("otpauth://totp/cogflow:kai?secret="),
                "{uri}"
            );
            let (x0, y0, mut rows) = read_code(&buf).unwrap_or_else(|| panic!("{w}x{h}: no code"));
            let expected = encoded(uri);
            // An odd side leaves a last half-row of quiet zone under the code.
            assert_eq!(rows.len(), expected.len() + 1, "{w}x{h}");
            assert!(rows.pop().unwrap().iter().all(|dark| !dark));
            assert_eq!(
                rows, expected,
                "{w}x{h}: the drawn modules are the encoder's"
            );
            let screen: String = (0..h).map(|y| row_text(&buf, y) + "\n").collect();
            assert!(
                screen.contains("Scan with an authenticator app"),
                "{screen}"
            );
            // Beside the code, on its first rows: what to do, then the key in groups of four.
            let right_of_code = |y: u16| -> String {
                (x0 + u16::try_from(expected.len()).unwrap()..buf.area.right())
                    .map(|x| buf[(x, y)].symbol())
                    .collect()
            };
            let beside: String = (y0..y0 + 23).map(|y| right_of_code(y) + "\n").collect();
            let key = key_of(uri).unwrap();
            assert!(beside.contains("Can't scan it?"), "{beside}");
            assert!(beside.contains(&grouped(&key)[..14]), "{beside}");
            assert!(beside.contains("otpauth://totp/c"), "{beside}");
            // The explanation sits beside the panel; the process table still shows step 2.
            assert!(screen.contains("Step 2 · App asks Cognito"), "{screen}");
            assert!(screen.contains("▶ 2"), "{screen}");
        }
    }

    #[test]
    fn a_window_too_small_for_the_code_says_so_and_still_gives_the_key() {
        let (app, buf) = drawn(2, 80, 24);
        assert!(read_code(&buf).is_none(), "no clipped code");
        let uri = app
            .frame()
            .and_then(crate::flow::Frame::otpauth_uri)
            .unwrap();
        let screen: String = (0..24).map(|y| row_text(&buf, y) + "\n").collect();
        assert!(
            screen.contains("The QR code needs 45×23 cells;"),
            "{screen}"
        );
        assert!(screen.contains("Enlarge the window"), "{screen}");
        assert!(screen.contains(&grouped(&key_of(uri).unwrap())), "{screen}");
    }

    #[test]
    fn only_the_set_up_step_shows_the_panel() {
        for step in [1, 3] {
            let (_, buf) = drawn(step, 120, 40);
            assert!(read_code(&buf).is_none(), "step {step}");
            let screen: String = (0..40).map(|y| row_text(&buf, y)).collect();
            assert!(
                !screen.contains("Scan with an authenticator app"),
                "step {step}"
            );
            assert!(screen.contains("Process flow"), "step {step}");
        }
    }

    #[test]
    fn the_key_is_the_secret_parameter_in_groups_of_four() {
        let uri = "otpauth://totp/cogflow:kai?secret=JBSWY3DPEHPK3PXP&issuer=cogflow";
        assert_eq!(key_of(uri).as_deref(), Some("JBSWY3DPEHPK3PXP"));
        assert_eq!(grouped("JBSWY3DPEHPK3PXP"), "JBSW Y3DP EHPK 3PXP");
        assert_eq!(grouped("ABCDEF"), "ABCD EF");
        assert_eq!(key_of("otpauth://totp/x?issuer=y"), None);
        assert_eq!(key_of("no query"), None);
    }
}
