//! "Did you mean …?": the closest known word to a misspelt one.

/// The candidate closest to `word`, if one is close enough to be a likely typo.
///
/// Case, `-` and `_` are ignored first (`authstatus` → `authStatus`, `min-length` →
/// `min_length`); otherwise the smallest edit distance wins, if it is at most a third of the
/// word's length (and at least 1).
#[must_use]
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let folded = fold(word);
    // Long words are not typos of short keys; bounding the length also bounds the work.
    if folded.chars().count() > 64 {
        return None;
    }
    let limit = (folded.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == word {
            continue;
        }
        let distance = if fold(candidate) == folded {
            0
        } else {
            edit_distance(&folded, &fold(candidate))
        };
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// `"; did you mean `x`?"` or nothing: appended to a message.
#[must_use]
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    closest(word, candidates).map_or_else(String::new, |c| format!("; did you mean `{c}`?"))
}

/// `` `a`, `b`, `c` ``: a list of names for a message.
#[must_use]
pub fn one_of<'a, I>(names: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    names
        .into_iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn fold(word: &str) -> String {
    word.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Edit distance in characters, counting a swap of two neighbours as one edit (optimal string
/// alignment), since `lable` for `label` is one slip of the fingers.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows: two back (for swaps), one back, and the current one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        for (a, b, d) in [
            ("", "", 0),
            ("abc", "abc", 0),
            ("lable", "label", 1),
            ("ab", "ba", 1),
            ("sucess", "success", 1),
            ("kitten", "sitting", 3),
            ("", "abc", 3),
        ] {
            assert_eq!(edit_distance(a, b), d, "{a} {b}");
        }
    }

    #[test]
    fn suggestions() {
        let keys = ["label", "input", "response", "result", "when", "id"];
        for (word, want) in [
            ("lable", Some("label")),
            ("respnse", Some("response")),
            ("Label", Some("label")),
            ("resutl", Some("result")),
            ("xyz", None),
            ("wen", Some("when")),
            ("i", Some("id")),
            ("explanation", None),
        ] {
            assert_eq!(closest(word, keys), want, "{word}");
        }
        assert_eq!(
            closest("authstatus", ["authStatus", "username"]),
            Some("authStatus")
        );
        assert_eq!(
            closest("min-length", ["min_length", "max_length"]),
            Some("min_length")
        );
        assert_eq!(
            did_you_mean("sign_inn", ["sign_in", "sign_up"]),
            "; did you mean `sign_in`?"
        );
        assert_eq!(one_of(["a", "b"]), "`a`, `b`");
    }
}
