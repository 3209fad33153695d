//! The MFA set-up QR code in a real terminal (tmux): the modules read back from the drawn
//! cells' colours are the encoder's modules for the URI the screen prints beside them, and a
//! window too small for the whole code gets a sentence, never a clipped code.

use qrcode::{Color as Module, EcLevel, QrCode};

use crate::support::Tmux;

/// A cell of the screen: its character and its 256-colour foreground and background (`None`:
/// the terminal's default).
type Cell = (char, Option<u8>, Option<u8>);

/// The screen of `capture-pane -p -e`, its SGR colour sequences applied cell by cell.
fn cells(escaped: &str) -> Vec<Vec<Cell>> {
    let (mut fg, mut bg) = (None, None);
    let mut screen = Vec::new();
    for line in escaped.lines() {
        let mut row = Vec::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '\u{1b}' {
                row.push((c, fg, bg));
                continue;
            }
            if chars.next() != Some('[') {
                continue;
            }
            let mut params = String::new();
            for p in chars.by_ref() {
                if p.is_ascii_alphabetic() {
                    break;
                }
                params.push(p);
            }
            let mut it = params.split(';').map(|p| p.parse::<u16>().unwrap_or(0));
            while let Some(p) = it.next() {
                let indexed = |it: &mut dyn Iterator<Item = u16>| match it.next() {
                    Some(5) => it.next().and_then(|n| u8::try_from(n).ok()),
                    _ => None,
                };
                match p {
                    0 => (fg, bg) = (None, None),
                    30..=37 => fg = u8::try_from(p - 30).ok(),
                    90..=97 => fg = u8::try_from(p - 90 + 8).ok(),
                    40..=47 => bg = u8::try_from(p - 40).ok(),
                    100..=107 => bg = u8::try_from(p - 100 + 8).ok(),
                    38 => fg = indexed(&mut it),
                    48 => bg = indexed(&mut it),
                    39 => fg = None,
                    49 => bg = None,
                    _ => {}
                }
            }
        }
        screen.push(row);
    }
    screen
}

/// Black (0) is a dark module, bright white (15) a light one; anything else is not the code.
fn module(colour: Option<u8>) -> Option<bool> {
    match colour {
        Some(0) => Some(true),
        Some(15) => Some(false),
        _ => None,
    }
}

/// Rows of modules, `true` = dark.
type Modules = Vec<Vec<bool>>;

/// The code's modules as drawn (two per `▀` cell), and its top-left cell.
fn read_code(screen: &[Vec<Cell>]) -> Option<((usize, usize), Modules)> {
    let is_code = |&(c, fg, bg): &Cell| c == '▀' && module(fg).is_some() && module(bg).is_some();
    let (y0, x0) = screen
        .iter()
        .enumerate()
        .find_map(|(y, row)| row.iter().position(is_code).map(|x| (y, x)))?;
    let mut rows = Vec::new();
    for row in &screen[y0..] {
        let cells: Vec<&Cell> = row.iter().skip(x0).take_while(|c| is_code(c)).collect();
        if cells.is_empty() {
            break;
        }
        rows.push(cells.iter().map(|c| module(c.1) == Some(true)).collect());
        rows.push(cells.iter().map(|c| module(c.2) == Some(true)).collect());
    }
    Some(((x0, y0), rows))
}

/// The text right of the code on rows `y0..`: the lines after `heading` up to a blank one.
fn text_after(screen: &[Vec<Cell>], x: usize, y0: usize, heading: &str) -> String {
    let lines: Vec<String> = screen[y0..]
        .iter()
        .map(|row| {
            let text: String = row.iter().skip(x).map(|c| c.0).collect();
            text.split('│').next().unwrap_or_default().trim().to_owned()
        })
        .collect();
    let start = lines.iter().position(|l| l == heading).unwrap() + 1;
    lines[start..]
        .iter()
        .take_while(|l| !l.is_empty())
        .cloned()
        .collect()
}

#[test]
fn the_set_up_step_draws_a_code_a_phone_can_scan_in_a_real_terminal() {
    let Some(tmux) = Tmux::session("run mfa-setup --seed 1")
        .size(120, 40)
        .start()
    else {
        return;
    };
    tmux.wait_for("step 1", |s| s.contains("Step 1/9"));
    tmux.step_to(1, 2, 9);
    tmux.wait_for("the set-up panel", |s| {
        s.contains("Scan with an authenticator app")
    });
    let out = tmux.tmux(&["capture-pane", "-p", "-e", "-t", "lesson"]);
    let screen = cells(&String::from_utf8_lossy(&out.stdout));
    let ((x0, y0), mut drawn) = read_code(&screen).expect("a code on screen");
    let side = drawn[0].len();
    let uri = text_after(&screen, x0 + side, y0, "The code holds this URI:");
    assert!(
        uri.starts_with("otpauth://totp/cogflow:kai?secret=") && uri.ends_with("&issuer=cogflow"),
        "{uri}"
    );
    let key = text_after(&screen, x0 + side, y0, "Can't scan it? Type this key:").replace(' ', "");
    assert!(uri.contains(&format!("secret={key}&")), "{key} in {uri}");
    assert_eq!(key.len(), 32, "{key}");

    let code = QrCode::with_error_correction_level(uri.as_bytes(), EcLevel::M).unwrap();
    let width = code.width();
    let colors = code.to_colors();
    assert_eq!(side, width + 8, "a 4-module quiet zone each side");
    // An odd side leaves a last half-row of quiet zone under the code.
    assert_eq!(drawn.len(), side + 1);
    assert!(drawn.pop().unwrap().iter().all(|dark| !dark));
    for (y, row) in drawn.iter().enumerate() {
        for (x, &dark) in row.iter().enumerate() {
            let inside = (4..width + 4).contains(&x) && (4..width + 4).contains(&y);
            let expected = inside && colors[(y - 4) * width + x - 4] == Module::Dark;
            assert_eq!(dark, expected, "module ({x}, {y})");
        }
    }

    tmux.resize(80, 24);
    let small = tmux.wait_for("the too-small sentence", |s| {
        s.contains("The QR code needs 45×23 cells;")
    });
    let out = tmux.tmux(&["capture-pane", "-p", "-e", "-t", "lesson"]);
    assert!(
        read_code(&cells(&String::from_utf8_lossy(&out.stdout))).is_none(),
        "no clipped code:\n{small}"
    );
    assert!(small.contains(&key[..4]), "{small}");
    tmux.send(&["q"]);
}
