//! Styles. Every cue is also a glyph or a word, so the monochrome theme (for `NO_COLOR`) can
//! carry everything with bold and reverse alone. It sets no colour at all: under `NO_COLOR`,
//! crossterm turns colour codes into `ESC[;m`, which would also wipe bold and reverse.

use ratatui::style::{Color, Modifier, Style};

/// The styles the panels use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// The lesson title.
    pub title: Style,
    /// Panel borders.
    pub border: Style,
    /// Panel titles.
    pub panel_title: Style,
    /// The current step, node, row or choice.
    pub current: Style,
    /// Steps and nodes already passed.
    pub visited: Style,
    /// Things not reached yet, secondary text.
    pub muted: Style,
    /// Table and column headings.
    pub heading: Style,
    /// A tracker cell that changed at its step.
    pub changed: Style,
    /// A passed check, a right answer, a success.
    pub good: Style,
    /// A failed check, a wrong answer, a Cognito exception.
    pub bad: Style,
    /// Keys in the footer and help.
    pub key: Style,
    /// Notes where the lesson simplifies.
    pub note: Style,
    /// The filled part of the progress gauge.
    pub gauge: Style,
    /// The active tab.
    pub tab_active: Style,
    /// Code and JSON.
    pub code: Style,
}

impl Theme {
    /// The default theme: the 16 ANSI colours (so the terminal's palette governs) plus the same
    /// modifiers as the monochrome theme.
    #[must_use]
    pub const fn colour() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            title: Style::new().fg(Color::Cyan).add_modifier(bold),
            border: Style::new().fg(Color::DarkGray),
            panel_title: Style::new().fg(Color::Cyan).add_modifier(bold),
            current: Style::new().add_modifier(Modifier::REVERSED.union(bold)),
            visited: Style::new().fg(Color::Cyan).add_modifier(bold),
            muted: Style::new().fg(Color::DarkGray),
            heading: Style::new().add_modifier(bold.union(Modifier::UNDERLINED)),
            changed: Style::new().fg(Color::Yellow).add_modifier(bold),
            good: Style::new().fg(Color::Green).add_modifier(bold),
            bad: Style::new().fg(Color::Red).add_modifier(bold),
            key: Style::new().fg(Color::Yellow).add_modifier(bold),
            note: Style::new().fg(Color::Magenta),
            gauge: Style::new().fg(Color::Cyan),
            tab_active: Style::new().add_modifier(Modifier::REVERSED.union(bold)),
            code: Style::new().fg(Color::Green),
        }
    }

    /// No colour values at all: bold, reverse, underline and dim carry the cues.
    #[must_use]
    pub const fn monochrome() -> Theme {
        let bold = Modifier::BOLD;
        let none = Style::new();
        Theme {
            title: Style::new().add_modifier(bold),
            border: none,
            panel_title: Style::new().add_modifier(bold),
            current: Style::new().add_modifier(Modifier::REVERSED.union(bold)),
            visited: Style::new().add_modifier(bold),
            muted: Style::new().add_modifier(Modifier::DIM),
            heading: Style::new().add_modifier(bold.union(Modifier::UNDERLINED)),
            changed: Style::new().add_modifier(bold),
            good: Style::new().add_modifier(bold),
            bad: Style::new().add_modifier(bold),
            key: Style::new().add_modifier(bold),
            note: Style::new().add_modifier(Modifier::ITALIC),
            gauge: none,
            tab_active: Style::new().add_modifier(Modifier::REVERSED.union(bold)),
            code: none,
        }
    }

    /// Monochrome when `NO_COLOR` is set to something non-empty (no-color.org), else colour.
    #[must_use]
    pub fn from_env() -> Theme {
        Theme::for_no_color(std::env::var_os("NO_COLOR").as_deref())
    }

    /// The theme for a given value of `NO_COLOR`.
    #[must_use]
    pub fn for_no_color(value: Option<&std::ffi::OsStr>) -> Theme {
        match value {
            Some(v) if !v.is_empty() => Theme::monochrome(),
            _ => Theme::colour(),
        }
    }

    /// True for the monochrome theme.
    #[must_use]
    pub fn is_monochrome(&self) -> bool {
        *self == Theme::monochrome()
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;

    use super::*;

    #[test]
    fn no_color_only_when_non_empty() {
        assert!(Theme::for_no_color(Some(OsStr::new("1"))).is_monochrome());
        assert!(!Theme::for_no_color(Some(OsStr::new(""))).is_monochrome());
        assert!(!Theme::for_no_color(None).is_monochrome());
    }

    #[test]
    fn monochrome_sets_no_colour() {
        let t = Theme::monochrome();
        for style in [
            t.title,
            t.border,
            t.panel_title,
            t.current,
            t.visited,
            t.muted,
            t.heading,
            t.changed,
            t.good,
            t.bad,
            t.key,
            t.note,
            t.gauge,
            t.tab_active,
            t.code,
        ] {
            assert_eq!(
                (style.fg, style.bg, style.underline_color),
                (None, None, None)
            );
        }
    }
}
