//! The QR code an authenticator app scans at MFA set-up: the `otpauth://` URI of
//! AssociateSoftwareToken's secret, drawn two modules per cell.
//!
//! Each cell is `▀` with the upper module as foreground and the lower as background, in
//! explicit black and white: a QR drawn in the terminal's own colours fails to decode on a light
//! theme (crates.md §5), so the colours never come from the theme. A 4-module quiet zone
//! surrounds the code, as scanners need. An area too small for the whole code is left as it is
//! (a clipped QR code would not scan): the set-up panel (`ui::authenticator`) says why instead.

use qrcode::{Color as Module, EcLevel, QrCode};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::Widget;

/// Modules of white around the code.
const QUIET: usize = 4;

/// A QR code of `text` (an `otpauth://` URI), or why it cannot be drawn.
pub struct Qr {
    /// Row-major dark/light modules, quiet zone included.
    modules: Option<(usize, Vec<bool>)>,
}

impl Qr {
    /// Encodes `text` at error-correction level M (what authenticator set-up screens use).
    #[must_use]
    pub fn new(text: &str) -> Self {
        let modules = QrCode::with_error_correction_level(text, EcLevel::M)
            .ok()
            .map(|code| {
                let width = code.width();
                let colors = code.to_colors();
                let side = width + 2 * QUIET;
                let mut dark = vec![false; side * side];
                for y in 0..width {
                    for x in 0..width {
                        dark[(y + QUIET) * side + x + QUIET] =
                            colors[y * width + x] == Module::Dark;
                    }
                }
                (side, dark)
            });
        Self { modules }
    }

    /// Whether the whole code (quiet zone included) fits in `area`: only then is it drawn.
    #[must_use]
    pub fn fits(&self, area: Rect) -> bool {
        self.size()
            .is_some_and(|(cols, rows)| area.width >= cols && area.height >= rows)
    }

    /// Columns × rows the code needs (quiet zone included), if it could be encoded.
    #[must_use]
    pub fn size(&self) -> Option<(u16, u16)> {
        let (side, _) = self.modules.as_ref()?;
        let cols = u16::try_from(*side).ok()?;
        let rows = u16::try_from(side.div_ceil(2)).ok()?;
        Some((cols, rows))
    }
}

impl Widget for &Qr {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (Some((side, dark)), Some((cols, rows))) = (&self.modules, self.size()) else {
            return;
        };
        if area.width < cols || area.height < rows {
            return;
        }
        let module = |x: usize, y: usize| y < *side && dark[y * side + x];
        let colour = |is_dark: bool| if is_dark { Color::Black } else { Color::White };
        for row in 0..usize::from(rows) {
            for x in 0..*side {
                let (Ok(dx), Ok(dy)) = (u16::try_from(x), u16::try_from(row)) else {
                    continue;
                };
                buf[(area.x + dx, area.y + dy)].set_char('▀').set_style(
                    Style::new()
                        .fg(colour(module(x, 2 * row)))
                        .bg(colour(module(x, 2 * row + 1))),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::otpauth_uri;

    /// Reads the modules back out of the drawn cells (what a camera would see).
    fn read_back(buf: &Buffer, cols: u16, rows: u16) -> Vec<bool> {
        let mut dark = Vec::new();
        for half in 0..rows * 2 {
            for x in 0..cols {
                let cell = &buf[(x, half / 2)];
                let colour = if half % 2 == 0 { cell.fg } else { cell.bg };
                dark.push(colour == Color::Black);
            }
        }
        dark
    }

    #[test]
    fn draws_every_module_with_a_quiet_zone_in_fixed_colours() {
        let uri = otpauth_uri("cogflow", "sam", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
        let qr = Qr::new(&uri);
        let (cols, rows) = qr.size().unwrap();
        let mut buf = Buffer::empty(Rect::new(0, 0, cols + 3, rows + 2));
        (&qr).render(buf.area, &mut buf);
        let (side, modules) = qr.modules.as_ref().unwrap();
        let drawn = read_back(&buf, cols, rows);
        // Every module as encoded (an odd side leaves a last half-row of quiet zone).
        assert_eq!(&drawn[..side * side], modules.as_slice());
        // The quiet zone: the first 4 module rows and columns are white.
        assert!(drawn[..QUIET * side].iter().all(|d| !d));
        assert!((0..*side).all(|y| !drawn[y * side]));
        // The finder pattern's corner just inside the quiet zone is dark.
        assert!(drawn[QUIET * side + QUIET]);
        assert_eq!(buf[(0, 0)].symbol(), "▀");
        assert_eq!(cols as usize, *side);
    }

    #[test]
    fn a_window_too_small_is_left_alone_not_clipped() {
        let qr = Qr::new(&otpauth_uri("cogflow", "sam", "JBSWY3DPEHPK3PXP"));
        let (cols, rows) = qr.size().unwrap();
        assert_eq!(
            (cols, rows),
            (45, 23),
            "crates.md §5: a 16-character secret takes 45 × 23"
        );
        assert!(qr.fits(Rect::new(0, 0, 45, 23)));
        for (w, h) in [(44, 23), (45, 22), (40, 6)] {
            let area = Rect::new(0, 0, w, h);
            assert!(!qr.fits(area));
            let mut buf = Buffer::empty(area);
            (&qr).render(area, &mut buf);
            assert_eq!(buf, Buffer::empty(area), "{w}x{h}: nothing drawn");
        }
    }
}
