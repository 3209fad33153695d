//! The variables a run tracks, and how a step's changes are recorded.

use super::frame::{Change, Var, Vars};

/// Every variable the engine computes, in their default display order (the scenario format's
/// own list, so `track` and the engine can never disagree).
pub use crate::scenario::VARIABLES;

/// True when a displayed value means "nothing here" (`empty`, `none`, `N/A` or blank).
#[must_use]
pub fn is_unset(value: &str) -> bool {
    matches!(value.trim(), "" | "empty" | "none" | "N/A")
}

/// A long value (a JWT, a refresh token) shortened for a table cell: its start, an ellipsis, its
/// end and its length, e.g. `eyJhbGciOiJS…K9xQ2w (1042 chars)`. The end is kept because tokens of
/// one pool share their start (the same header): a refreshed token must look different. Short
/// values are returned as they are.
#[must_use]
pub fn abbreviate(value: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    const HEAD: usize = 12;
    const TAIL: usize = 6;
    let count = value.chars().count();
    if count <= 24 {
        return value.to_owned();
    }
    // Cut between grapheme clusters, so a typed name never ends in half an emoji.
    let clusters: Vec<&str> = value.graphemes(true).collect();
    if clusters.len() <= HEAD + TAIL {
        return value.to_owned();
    }
    let head = clusters[..HEAD].concat();
    let tail = clusters[clusters.len() - TAIL..].concat();
    format!("{head}…{tail} ({count} chars)")
}

/// A JSON value with long strings (tokens) abbreviated, for reading rather than copying.
#[must_use]
pub fn shorten_json(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) if s.chars().count() > 60 => Value::String(abbreviate(s)),
        Value::Array(items) => Value::Array(items.iter().map(shorten_json).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), shorten_json(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// True for `xxx.yyy.zzz` with base64url parts starting with `eyJ` (a JSON header): a JWT.
#[must_use]
pub fn looks_like_jwt(value: &str) -> bool {
    value.starts_with("eyJ")
        && value.split('.').count() == 3
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The current value of every variable (in [`VARIABLES`] order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VarState {
    values: Vec<String>,
}

impl VarState {
    /// The seed's starting values: typed fields `empty`, everything else `none`.
    pub(crate) fn new() -> Self {
        let values = VARIABLES
            .iter()
            .map(|name| {
                match *name {
                    "username" | "password" | "newPassword" => "empty",
                    _ => "none",
                }
                .to_owned()
            })
            .collect();
        Self { values }
    }

    /// Sets `name` (one of [`VARIABLES`]; other names are ignored).
    pub(crate) fn set(&mut self, name: &str, value: impl Into<String>) {
        if let Some(i) = VARIABLES.iter().position(|n| *n == name) {
            self.values[i] = value.into();
        }
    }

    /// The value of `name`.
    pub(crate) fn get(&self, name: &str) -> &str {
        VARIABLES
            .iter()
            .position(|n| *n == name)
            .map_or("", |i| self.values[i].as_str())
    }

    /// The value of `name`, unless it means "nothing here" (see [`is_unset`]): what the user
    /// has typed or received so far.
    pub(crate) fn present(&self, name: &str) -> Option<&str> {
        Some(self.get(name)).filter(|value| !is_unset(value))
    }

    /// The displayed variables: tracked ones first in their order, then the rest, each marked
    /// with how it differs from `previous` (or `Same` when there is no previous).
    pub(crate) fn to_vars(&self, tracked: &[String], previous: Option<&Vars>) -> Vars {
        // By index into VARIABLES, and `previous` read at the same place first: a frame is
        // made every step, and looking each of the 34 names up by name in both (as this did)
        // was most of a crypto-free step's cost.
        let order = tracked
            .iter()
            .filter_map(|name| VARIABLES.iter().position(|n| n == name))
            .chain((0..VARIABLES.len()).filter(|&i| !tracked.iter().any(|t| t == VARIABLES[i])));
        // Sized once: collected from the filtered chain, the Vec grew to 64 places for 34.
        let mut vars = Vec::with_capacity(VARIABLES.len());
        vars.extend(order.enumerate().map(|(at, i)| {
            let name = VARIABLES[i];
            let value = self.values[i].clone();
            let change = previous
                .and_then(|p| {
                    p.0.get(at)
                        .filter(|v| v.name == name)
                        .or_else(|| p.get(name))
                })
                .map_or(Change::Same, |before| change(&before.value, &value));
            Var {
                name,
                value,
                change,
            }
        }));
        Vars(vars)
    }
}

/// How `before` became `after`.
#[must_use]
pub fn change(before: &str, after: &str) -> Change {
    match (is_unset(before), is_unset(after)) {
        _ if before == after => Change::Same,
        (true, true) => Change::Changed,
        (true, false) => Change::Set,
        (false, true) => Change::Cleared,
        (false, false) => Change::Changed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_values_follow_the_seed() {
        let state = VarState::new();
        let tracked = crate::scenario::model::default_track();
        let vars = state.to_vars(&tracked, None);
        let shown: Vec<(&str, &str)> = vars
            .0
            .iter()
            .take(4)
            .map(|v| (v.name, v.value.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("username", "empty"),
                ("password", "empty"),
                ("authStatus", "none"),
                ("token", "none")
            ]
        );
        assert_eq!(vars.0.len(), VARIABLES.len());
    }

    #[test]
    fn changes_are_classified() {
        let cases = [
            ("none", "none", Change::Same),
            ("empty", "user123", Change::Set),
            ("valid", "token issued", Change::Changed),
            ("eyJ...", "none", Change::Cleared),
            ("empty", "none", Change::Changed),
        ];
        for (before, after, want) in cases {
            assert_eq!(change(before, after), want, "{before} -> {after}");
        }
        let mut state = VarState::new();
        let before = state.to_vars(&[], None);
        state.set("authStatus", "valid");
        let after = state.to_vars(&[], Some(&before));
        assert_eq!(after.get("authStatus").unwrap().change, Change::Set);
        assert_eq!(after.get("username").unwrap().change, Change::Same);
    }
}
