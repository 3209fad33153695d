//! The structural pass: the spanned TOML tree checked against the JSON Schema that schemars
//! derives from the model, so every unknown key, wrong type, missing field and unknown enum
//! value is reported (serde stops at the first), each at its own span.
//!
//! The pass also says how to repair the tree so that serde can still build the model: drop an
//! unknown key or a bad optional value, put a placeholder where a required value is missing
//! or bad. The semantic checks then run on the repaired model too (ignoring what the
//! placeholders say), so the author sees every problem at once.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::rc::Rc;

use serde_json::Value;
use toml::Spanned;
use toml::de::{DeArray, DeInteger, DeTable, DeValue};

use super::spans::{KeyPath, Segment};
use super::suggest::{did_you_mean, one_of};
use super::text::{self, RawProblem};

/// A change that makes the tree deserialisable.
#[derive(Debug, Clone)]
pub enum Repair {
    /// Remove a table key (unknown, or a bad optional value).
    Remove(KeyPath),
    /// Put a placeholder at a table key or array element (a missing or bad required value).
    Replace(KeyPath, DeValue<'static>),
    /// Remove a bad optional value. Unlike [`Repair::Remove`], the key stays one the author
    /// gave: the semantic pass must not also report it as absent (a broken `proof.step` is not
    /// a proof without a step).
    Drop(KeyPath),
}

/// What the structural pass found.
#[derive(Debug, Default)]
pub struct Structure {
    /// Problems, each at a span.
    pub problems: Vec<(Range<usize>, String)>,
    /// Changes that let serde build the model from the rest.
    pub repairs: Vec<Repair>,
    /// A placeholder could not be made: the model cannot be built.
    pub fatal: bool,
}

impl Repair {
    /// Where the repair is.
    #[must_use]
    pub fn path(&self) -> &KeyPath {
        match self {
            Repair::Remove(path) | Repair::Drop(path) | Repair::Replace(path, _) => path,
        }
    }
}

impl Structure {
    /// Where placeholders were put or bad optional values dropped: what the semantic pass
    /// says there is not the author's.
    #[must_use]
    pub fn placeholders(&self) -> Vec<KeyPath> {
        self.repairs
            .iter()
            .filter_map(|r| match r {
                Repair::Replace(path, _) | Repair::Drop(path) => Some(path.clone()),
                Repair::Remove(_) => None,
            })
            .collect()
    }
}

/// Checks `root` against `schema` (a schemars root schema with `$defs`).
#[must_use]
pub fn check(root: &Spanned<DeTable<'_>>, schema: &Value, src: &str) -> Structure {
    let mut walker = Walker {
        defs: schema.get("$defs"),
        src,
        out: Structure::default(),
        combinators: HashMap::default(),
    };
    walker.table(schema, root.get_ref(), root.span(), &mut KeyPath::default());
    walker.out
}

/// Applies `repairs` to `root` (paths that no longer exist are skipped).
pub fn repair(root: &mut DeTable<'_>, repairs: &[Repair]) {
    for repair in repairs {
        let (path, placeholder) = match repair {
            Repair::Remove(path) | Repair::Drop(path) => (path, None),
            Repair::Replace(path, value) => (path, Some(value)),
        };
        let Some((last, parents)) = path.0.split_last() else {
            continue;
        };
        let mut table = Some(&mut *root);
        let mut array: Option<&mut DeArray<'_>> = None;
        for segment in parents {
            let next = match segment {
                Segment::Key(k) => table.and_then(|t| t.get_mut(k.as_str())),
                Segment::Index(i) => array.and_then(|a| a.get_mut(*i)),
            };
            let Some(next) = next else {
                (table, array) = (None, None);
                break;
            };
            (table, array) = match next.get_mut() {
                DeValue::Table(t) => (Some(t), None),
                DeValue::Array(a) => (None, Some(a)),
                _ => (None, None),
            };
        }
        match (last, placeholder, table, array) {
            (Segment::Key(key), None, Some(table), _) => {
                table.remove(key.as_str());
            }
            (Segment::Key(key), Some(value), Some(table), _) => {
                let key = Spanned::new(0..0, Cow::Owned(key.clone()));
                table.insert(key, Spanned::new(0..0, value.clone()));
            }
            (Segment::Index(i), Some(value), _, Some(array)) => {
                if let Some(slot) = array.get_mut(*i) {
                    *slot = Spanned::new(0..0, value.clone());
                }
            }
            _ => {}
        }
    }
}

/// Forbidden characters anywhere in the document's strings and keys: raw in the source, or
/// written as escapes. Walks the tree with an explicit stack (no recursion on input depth).
#[must_use]
pub fn forbidden_text(root: &Spanned<DeTable<'_>>, src: &str) -> Vec<RawProblem> {
    let mut problems = text::raw_forbidden(src);
    // Sorted, because they were found scanning the source from the start.
    let raw_offsets: Vec<usize> = problems.iter().map(|p| p.offset).collect();

    let mut strings: Vec<(Range<usize>, &str)> = Vec::new();
    let mut stack: Vec<&Spanned<DeValue<'_>>> = Vec::new();
    fn push_table<'a, 'i>(
        table: &'a DeTable<'i>,
        strings: &mut Vec<(Range<usize>, &'a str)>,
        stack: &mut Vec<&'a Spanned<DeValue<'i>>>,
    ) {
        for (key, value) in table.iter() {
            strings.push((key.span(), key.get_ref().as_ref()));
            stack.push(value);
        }
    }
    push_table(root.get_ref(), &mut strings, &mut stack);
    while let Some(value) = stack.pop() {
        match value.get_ref() {
            DeValue::String(s) => strings.push((value.span(), s.as_ref())),
            DeValue::Array(items) => stack.extend(items.iter()),
            DeValue::Table(table) => push_table(table, &mut strings, &mut stack),
            DeValue::Integer(_)
            | DeValue::Float(_)
            | DeValue::Boolean(_)
            | DeValue::Datetime(_) => {}
        }
    }

    for (span, decoded) in strings {
        let escaped = text::escaped_forbidden(text::slice(src, &span), span.start);
        let first_raw = raw_offsets.partition_point(|o| *o < span.start);
        let has_raw = raw_offsets.get(first_raw).is_some_and(|o| *o < span.end);
        let found = !escaped.is_empty() || has_raw;
        problems.extend(escaped);
        // A safety net for any way into a string that the source scans do not recognise.
        if !found && let Some(message) = text::first_forbidden(decoded) {
            problems.push(RawProblem {
                offset: span.start,
                message,
            });
        }
    }
    problems.sort_by_key(|p| p.offset);
    problems.dedup_by_key(|p| p.offset);
    problems
}

struct Walker<'s, 'src> {
    defs: Option<&'s Value>,
    src: &'src str,
    out: Structure,
    /// Each (resolved) schema's `anyOf`/`oneOf`, read once: by the schema's address. A file
    /// of many steps meets the action's `oneOf` (one `const` branch per action) once a step.
    combinators: HashMap<usize, Option<Rc<Combinator<'s>>>, BuildHasherDefault<AddressHasher>>,
}

/// A schema's `anyOf` (or else `oneOf`): its branches, resolved, `null` left out, and their
/// `const` values when every branch is one (an enumeration).
struct Combinator<'s> {
    branches: Vec<&'s Value>,
    consts: Option<Vec<&'s str>>,
}

/// Hashes the schema addresses [`Walker::combinators`] is keyed by (one `usize` each).
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*byte)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
    }
}

/// The JSON type of a TOML value, with datetimes apart (JSON has none).
fn type_of(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "string",
        DeValue::Integer(_) => "integer",
        DeValue::Float(_) => "number",
        DeValue::Boolean(_) => "boolean",
        DeValue::Datetime(_) => "datetime",
        DeValue::Array(_) => "array",
        DeValue::Table(_) => "object",
    }
}

fn expected_name(json_type: &str) -> &'static str {
    match json_type {
        "string" => "a string",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        "array" => "an array",
        "object" => "a table",
        "datetime" => "a TOML datetime such as 2026-01-15T09:00:00Z (without quotes)",
        _ => "a value",
    }
}

fn found_name(json_type: &str) -> &'static str {
    match json_type {
        "string" => "a string",
        "integer" => "an integer",
        "number" => "a float",
        "boolean" => "a boolean",
        "datetime" => "a datetime",
        "array" => "an array",
        _ => "a table",
    }
}

/// What the enum values of a field are called in messages.
fn enum_noun(key: &str) -> String {
    match key {
        "action" => "action".to_owned(),
        "status" => "user status".to_owned(),
        "auth_flows" => "auth flow".to_owned(),
        "token" => "token kind".to_owned(),
        "flows" => "OAuth flow".to_owned(),
        other => format!("value for `{other}`"),
    }
}

impl<'s> Walker<'s, '_> {
    fn resolve(&self, schema: &'s Value) -> &'s Value {
        let mut schema = schema;
        // Refs chain at most a few deep; the bound only guards against a cyclic schema.
        for _ in 0..16 {
            let Some(name) = schema
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/$defs/"))
            else {
                break;
            };
            match self.defs.and_then(|d| d.get(name)) {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }

    /// The `anyOf` (or else `oneOf`) of the resolved `schema`, if it has one: read once per
    /// schema, then taken from [`Walker::combinators`].
    fn combinator(&mut self, schema: &'s Value) -> Option<Rc<Combinator<'s>>> {
        let address = std::ptr::from_ref(schema) as usize;
        if let Some(known) = self.combinators.get(&address) {
            return known.clone();
        }
        let read = ["anyOf", "oneOf"].into_iter().find_map(|combinator| {
            let branches = schema.get(combinator).and_then(Value::as_array)?;
            let branches: Vec<&'s Value> = branches
                .iter()
                .map(|b| self.resolve(b))
                .filter(|b| b.get("type").and_then(Value::as_str) != Some("null"))
                .collect();
            let consts = branches
                .iter()
                .map(|b| b.get("const").and_then(Value::as_str))
                .collect();
            Some(Rc::new(Combinator { branches, consts }))
        });
        self.combinators.insert(address, read.clone());
        read
    }

    fn error(&mut self, span: Range<usize>, message: String) {
        self.out.problems.push((span, message));
    }

    /// Schedules a placeholder at `path` (a required key or an array element).
    fn replace(&mut self, schema: &'s Value, path: KeyPath) {
        match self.placeholder(schema, 0) {
            Some(value) => self.out.repairs.push(Repair::Replace(path, value)),
            None => self.out.fatal = true,
        }
    }

    /// The simplest value that fits `schema`: `""`, `0`, `false`, `[]`, the first enum value,
    /// or a table of placeholders for its required keys.
    fn placeholder(&self, schema: &'s Value, depth: usize) -> Option<DeValue<'static>> {
        if depth > 16 {
            return None;
        }
        let schema = self.resolve(schema);
        for combinator in ["anyOf", "oneOf"] {
            if let Some(branches) = schema.get(combinator).and_then(Value::as_array) {
                let branch = branches
                    .iter()
                    .map(|b| self.resolve(b))
                    .find(|b| b.get("type").and_then(Value::as_str) != Some("null"))?;
                return self.placeholder(branch, depth + 1);
            }
        }
        if let Some(constant) = schema.get("const").and_then(Value::as_str) {
            return Some(DeValue::String(Cow::Owned(constant.to_owned())));
        }
        match types_of(schema).first().copied() {
            Some("string") => Some(DeValue::String(Cow::Borrowed(""))),
            Some("integer") => Some(DeValue::Integer(DeInteger::default())),
            Some("boolean") => Some(DeValue::Boolean(false)),
            Some("array") => Some(DeValue::Array(DeArray::default())),
            Some("object") => {
                let mut table = DeTable::new();
                let properties = schema.get("properties");
                for name in required(schema) {
                    let property = properties.and_then(|p| p.get(name))?;
                    let value = self.placeholder(property, depth + 1)?;
                    table.insert(
                        Spanned::new(0..0, Cow::Owned(name.to_owned())),
                        Spanned::new(0..0, value),
                    );
                }
                Some(DeValue::Table(table))
            }
            _ => None,
        }
    }

    /// The value's source text, shortened, for messages.
    fn shown(&self, span: &Range<usize>) -> String {
        let raw = text::slice(self.src, span);
        let short: String = raw.chars().take(40).collect();
        if short.len() < raw.len() {
            format!("{short}…")
        } else {
            short
        }
    }

    fn type_error(&mut self, span: Range<usize>, path: &KeyPath, wanted: &[&str], actual: &str) {
        let field = path.last_key().unwrap_or("value");
        let place = if matches!(path.0.last(), Some(Segment::Index(_))) {
            "in"
        } else {
            "for"
        };
        let message = format!(
            "wrong type {place} `{field}`: expected {}, found {} `{}`",
            wanted.join(" or "),
            found_name(actual),
            self.shown(&span)
        );
        self.error(span, message);
    }

    /// Checks one value. False when the value itself is unusable (wrong type, unknown enum
    /// value, out of range): the caller drops or replaces it. Problems inside a table or
    /// array are repaired where they are, so containers are always usable.
    fn value(
        &mut self,
        schema: &'s Value,
        value: &Spanned<DeValue<'_>>,
        path: &mut KeyPath,
    ) -> bool {
        let schema = self.resolve(schema);
        let field = path.last_key().unwrap_or("value");
        let actual = type_of(value.get_ref());

        if let Some(combinator) = self.combinator(schema) {
            if let Some(allowed) = &combinator.consts {
                return self.enumeration(allowed, value, field);
            }
            if let Some(branch) = combinator.branches.iter().find(|b| allows(b, actual)) {
                return self.value(branch, value, path);
            }
            let wanted: Vec<&str> = combinator
                .branches
                .iter()
                .flat_map(|b| types_of(b))
                .map(expected_name)
                .collect();
            self.type_error(value.span(), path, &wanted, actual);
            return false;
        }

        if let Some(allowed) = schema.get("const").and_then(Value::as_str) {
            return self.enumeration(&[allowed], value, field);
        }

        if schema.get("format").and_then(Value::as_str) == Some("date-time") {
            if actual == "datetime" {
                return true;
            }
            self.type_error(value.span(), path, &[expected_name("datetime")], actual);
            return false;
        }
        if !allows(schema, actual) {
            let wanted: Vec<&str> = types_of(schema).into_iter().map(expected_name).collect();
            self.type_error(value.span(), path, &wanted, actual);
            return false;
        }
        match value.get_ref() {
            DeValue::Integer(int) => self.integer(schema, int, value.span(), field),
            DeValue::Array(items) => {
                self.array(schema, items, path);
                true
            }
            DeValue::Table(table) => {
                self.table(schema, table, value.span(), path);
                true
            }
            _ => true,
        }
    }

    fn enumeration(&mut self, allowed: &[&str], value: &Spanned<DeValue<'_>>, field: &str) -> bool {
        let span = value.span();
        match value.get_ref() {
            DeValue::String(s) if allowed.contains(&s.as_ref()) => true,
            DeValue::String(s) => {
                let hint = did_you_mean(s, allowed.iter().copied());
                let message = if hint.is_empty() {
                    format!(
                        "unknown {} `{s}`; expected one of {}",
                        enum_noun(field),
                        one_of(allowed.iter().copied())
                    )
                } else {
                    format!("unknown {} `{s}`{hint}", enum_noun(field))
                };
                self.error(span, message);
                false
            }
            other => {
                let message = format!(
                    "wrong type for `{field}`: expected one of {}, found {} `{}`",
                    one_of(allowed.iter().copied()),
                    found_name(type_of(other)),
                    self.shown(&span)
                );
                self.error(span, message);
                false
            }
        }
    }

    fn integer(
        &mut self,
        schema: &Value,
        int: &DeInteger<'_>,
        span: Range<usize>,
        field: &str,
    ) -> bool {
        let (mut min, mut max) = match schema.get("format").and_then(Value::as_str) {
            Some("uint8") => (0, i128::from(u8::MAX)),
            Some("uint16") => (0, i128::from(u16::MAX)),
            Some("uint32" | "uint") => (0, i128::from(u32::MAX)),
            Some("uint64") => (0, i128::from(u64::MAX)),
            Some("int32") => (i128::from(i32::MIN), i128::from(i32::MAX)),
            _ => (i128::from(i64::MIN), i128::from(i64::MAX)),
        };
        // Bounds are whole numbers in our schema; `as` only truncates a fractional bound.
        #[allow(clippy::cast_possible_truncation)]
        let bound = |key: &str| schema.get(key).and_then(Value::as_f64).map(|f| f as i128);
        if let Some(lo) = bound("minimum") {
            min = min.max(lo);
        }
        if let Some(hi) = bound("maximum") {
            max = max.min(hi);
        }
        let parsed = i128::from_str_radix(int.as_str(), int.radix()).ok();
        if parsed.is_some_and(|n| (min..=max).contains(&n)) {
            return true;
        }
        let shown = self.shown(&span);
        // Beyond what i128 holds is beyond any bound, on the side of its sign.
        let too_large = parsed.map_or(!int.as_str().starts_with('-'), |n| n > max);
        let message = if max < i128::from(u32::MAX) {
            format!("`{field}` must be from {min} to {max}, found `{shown}`")
        } else if too_large {
            format!("`{field}` must be at most {max}, found `{shown}`")
        } else if min == 0 {
            format!("`{field}` must be a whole number of 0 or more, found `{shown}`")
        } else {
            format!("`{field}` must be at least {min}, found `{shown}`")
        };
        self.error(span, message);
        false
    }

    fn array(&mut self, schema: &'s Value, items: &DeArray<'_>, path: &mut KeyPath) {
        let Some(item_schema) = schema.get("items") else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            path.0.push(Segment::Index(i));
            if !self.value(item_schema, item, path) {
                // Keep the element (so later indexes still match the file) as a placeholder.
                self.replace(item_schema, path.clone());
            }
            path.0.pop();
        }
    }

    fn table(
        &mut self,
        schema: &'s Value,
        table: &DeTable<'_>,
        span: Range<usize>,
        path: &mut KeyPath,
    ) {
        let schema = self.resolve(schema);
        let properties = schema.get("properties").and_then(Value::as_object);
        let extra = schema.get("additionalProperties");
        let required = required(schema);
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            let property = properties.and_then(|p| p.get(name));
            let item_schema = match (property, extra) {
                (Some(p), _) => p,
                (None, Some(extra)) if extra.is_object() => extra,
                _ => {
                    let known = properties
                        .into_iter()
                        .flat_map(|p| p.keys().map(String::as_str));
                    let hint = did_you_mean(name, known.clone());
                    let message = if hint.is_empty() {
                        format!(
                            "unknown key `{name}` in {}; expected one of {}",
                            path.table_name(),
                            one_of(known)
                        )
                    } else {
                        format!("unknown key `{name}` in {}{hint}", path.table_name())
                    };
                    self.error(key.span(), message);
                    self.out.repairs.push(Repair::Remove(path.key(name)));
                    continue;
                }
            };
            // One path, pushed and popped, rather than a copy per value.
            path.0.push(Segment::Key(name.to_owned()));
            if !self.value(item_schema, value, path) {
                if required.contains(&name) {
                    self.replace(item_schema, path.clone());
                } else {
                    self.out.repairs.push(Repair::Drop(path.clone()));
                }
            }
            path.0.pop();
        }
        for name in required {
            if table.contains_key(name) {
                continue;
            }
            let Some(property) = properties.and_then(|p| p.get(name)) else {
                continue;
            };
            let resolved = self.resolve(property);
            let items = resolved.get("items").map(|i| self.resolve(i));
            let is_a = |t: &str, s: Option<&Value>| s.is_some_and(|s| types_of(s).contains(&t));
            let message = if is_a("object", Some(resolved)) {
                format!("missing the [{}] table, which is required", path.key(name))
            } else if is_a("array", Some(resolved)) && is_a("object", items) {
                format!("missing [[{}]]: at least one is required", path.key(name))
            } else {
                format!("missing required key `{name}` in {}", path.table_name())
            };
            self.error(span.clone(), message);
            self.replace(property, path.key(name));
        }
    }
}

/// The required keys of an object schema.
fn required(schema: &Value) -> Vec<&str> {
    schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The JSON types a schema allows (`"null"` left out: TOML has no null).
fn types_of(schema: &Value) -> Vec<&str> {
    match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect(),
        _ => Vec::new(),
    }
}

fn allows(schema: &Value, actual: &str) -> bool {
    // Called for every value: look at the schema's `type` without collecting it.
    let fits = |t: &str| t == actual || (actual == "integer" && t == "number");
    match schema.get("type") {
        Some(Value::String(t)) => fits(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(fits),
        // A schema without a type accepts anything.
        _ => true,
    }
}
