//! Where a value is in the file: a key path (`questions[2].proof.step`) looked up in the
//! spanned TOML tree that `toml` parses alongside the serde model.
//!
//! Paths use the file's key names, `.` between keys and `[i]` for array elements, **0-based**
//! (`steps[0]` is the first `[[steps]]`). A lookup falls back to the nearest part of the path
//! that exists, so `questions[2].proof.step` on a proof without a `step` finds the proof.

use std::fmt::{self, Write as _};
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One part of a key path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A table key.
    Key(String),
    /// An array element, 0-based.
    Index(usize),
}

/// A key path into the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyPath(pub Vec<Segment>);

impl KeyPath {
    /// Parses `a.b[2].c`. Keys that are not bare (e.g. `custom:plan`) may be quoted:
    /// `pool.users[0].attributes."custom:plan"`. Anything unparsable ends the path there,
    /// which makes a lookup fall back to the part before it.
    #[must_use]
    pub fn parse(path: &str) -> Self {
        let mut segments = Vec::new();
        let mut rest = path;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('[') {
                let Some((digits, after)) = after.split_once(']') else {
                    break;
                };
                let Ok(index) = digits.trim().parse() else {
                    break;
                };
                segments.push(Segment::Index(index));
                rest = after;
            } else if let Some(after) = rest.strip_prefix('.') {
                rest = after;
            } else if let Some(after) = rest.strip_prefix('"') {
                let Some((key, after)) = after.split_once('"') else {
                    break;
                };
                segments.push(Segment::Key(key.to_owned()));
                rest = after;
            } else {
                let end = rest.find(['.', '[']).unwrap_or(rest.len());
                segments.push(Segment::Key(rest[..end].to_owned()));
                rest = &rest[end..];
            }
        }
        Self(segments)
    }

    /// This path with a key added.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        let mut path = self.clone();
        path.0.push(Segment::Key(key.to_owned()));
        path
    }

    /// This path with an array index added.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        let mut path = self.clone();
        path.0.push(Segment::Index(index));
        path
    }

    /// The last key of the path (the name of the field), if any.
    #[must_use]
    pub fn last_key(&self) -> Option<&str> {
        self.0.iter().rev().find_map(|s| match s {
            Segment::Key(k) => Some(k.as_str()),
            Segment::Index(_) => None,
        })
    }

    /// How an author would name the table this path points into: `[scenario]`,
    /// `[[steps]]`, `[steps.predict]`, or "the top level".
    #[must_use]
    pub fn table_name(&self) -> String {
        if self.0.is_empty() {
            return "the top level".to_owned();
        }
        let keys: Vec<&str> = self
            .0
            .iter()
            .filter_map(|s| match s {
                Segment::Key(k) => Some(k.as_str()),
                Segment::Index(_) => None,
            })
            .collect();
        if matches!(self.0.last(), Some(Segment::Index(_))) {
            format!("[[{}]]", keys.join("."))
        } else {
            format!("[{}]", keys.join("."))
        }
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Index(n) => {
                    let _ = write!(out, "[{n}]");
                }
                Segment::Key(k) => {
                    if i > 0 {
                        out.push('.');
                    }
                    let bare = !k.is_empty()
                        && k.chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                    if bare {
                        out.push_str(k);
                    } else {
                        let _ = write!(out, "\"{k}\"");
                    }
                }
            }
        }
        f.write_str(&out)
    }
}

/// What a lookup found: the span of the deepest part of the path that exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The value's span (for a `[table]` or `[[table]]`, its header).
    pub value: Range<usize>,
    /// The key's span, when the last part found was a key.
    pub key: Option<Range<usize>>,
    /// Whether the whole path exists.
    pub exact: bool,
}

/// Looks `path` up in a parsed document.
#[must_use]
pub fn find(root: &Spanned<DeTable<'_>>, path: &KeyPath) -> Found {
    let mut found = Found {
        value: root.span(),
        key: None,
        exact: true,
    };
    let mut table = Some(root.get_ref());
    let mut array = None;
    for segment in &path.0 {
        let next: Option<(&Spanned<DeValue<'_>>, Option<Range<usize>>)> = match segment {
            Segment::Key(key) => table
                .and_then(|t| t.get_key_value(key.as_str()))
                .map(|(k, v)| (v, Some(k.span()))),
            Segment::Index(i) => array
                .and_then(|a: &toml::de::DeArray<'_>| a.get(*i))
                .map(|v| (v, None)),
        };
        let Some((value, key)) = next else {
            found.exact = false;
            break;
        };
        // Implicit tables (only `[pool.password_policy]`, no `[pool]`) have no span of their
        // own: keep the parent's.
        if !value.span().is_empty() {
            found.value = value.span();
            found.key = key;
        }
        table = value.get_ref().as_table();
        array = value.get_ref().as_array();
    }
    found
}

/// The span a diagnostic about `path` should point at: the value, or the key when asked for
/// (e.g. an unknown key or a username used as a key).
#[must_use]
pub fn span_of(root: &Spanned<DeTable<'_>>, path: &KeyPath, at_key: bool) -> Range<usize> {
    let found = find(root, path);
    match (at_key && found.exact, found.key) {
        (true, Some(key)) => key,
        _ => found.value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_parse_and_print() {
        for (text, segments) in [
            ("", vec![]),
            ("steps", vec![Segment::Key("steps".into())]),
            (
                "questions[2].answer",
                vec![
                    Segment::Key("questions".into()),
                    Segment::Index(2),
                    Segment::Key("answer".into()),
                ],
            ),
            (
                "pool.users[0].attributes.\"custom:plan\"",
                vec![
                    Segment::Key("pool".into()),
                    Segment::Key("users".into()),
                    Segment::Index(0),
                    Segment::Key("attributes".into()),
                    Segment::Key("custom:plan".into()),
                ],
            ),
        ] {
            let path = KeyPath::parse(text);
            assert_eq!(path.0, segments, "{text}");
            assert_eq!(path.to_string(), text);
        }
        // Malformed paths stop where they break.
        assert_eq!(KeyPath::parse("a[x].b").0, vec![Segment::Key("a".into())]);
        assert_eq!(KeyPath::parse("a[1").0, vec![Segment::Key("a".into())]);
    }

    #[test]
    fn table_names() {
        for (path, name) in [
            ("", "the top level"),
            ("scenario", "[scenario]"),
            ("steps[3]", "[[steps]]"),
            ("steps[3].predict", "[steps.predict]"),
            ("pool.users[0]", "[[pool.users]]"),
        ] {
            assert_eq!(KeyPath::parse(path).table_name(), name);
        }
    }

    #[test]
    fn lookups_fall_back_to_parents() {
        let src = "a = 1\n[[steps]]\nx = 1\n[[steps]]\ny = { z = [10, 20] }\n[p.q]\nr = 2\n";
        let root = DeTable::parse(src).unwrap();
        let at = |path: &str| {
            let span = span_of(&root, &KeyPath::parse(path), false);
            &src[span]
        };
        assert_eq!(at("a"), "1");
        assert_eq!(at("steps[0]"), "[[steps]]");
        assert_eq!(at("steps[1].y.z[1]"), "20");
        assert_eq!(at("steps[1].y.nope"), "{ z = [10, 20] }");
        // An array of tables is located at its first header.
        assert_eq!(at("steps[9].x"), "[[steps]]");
        assert_eq!(at("p.q.r"), "2");
        // An implicit table is located at its name in the header that made it.
        assert_eq!(at("p"), "p");
        let key = span_of(&root, &KeyPath::parse("steps[1].y"), true);
        assert_eq!(&src[key], "y");
    }
}
