//! The words a learner meets, explained once: the one table the `?` overlay reads (each
//! lesson shows the terms its own text uses).

use crate::words::Word;

/// (term, what it means). The terms stay as Cognito and its documentation name them (they are
/// also what a lesson's text is searched for); the meanings are in the words table, whose rows
/// follow /work/shared/reference/cognito-facts.md.
pub const GLOSSARY: &[(&str, Word)] = &[
    ("User pool", Word::GlossaryUserPool),
    ("App client", Word::GlossaryAppClient),
    ("ExplicitAuthFlows", Word::GlossaryExplicitAuthFlows),
    (
        "PreventUserExistenceErrors",
        Word::GlossaryPreventUserExistenceErrors,
    ),
    ("InitiateAuth", Word::GlossaryInitiateAuth),
    ("Challenge", Word::GlossaryChallenge),
    ("Session", Word::GlossarySession),
    ("SRP", Word::GlossarySrp),
    ("JWT", Word::GlossaryJwt),
    ("JWKS", Word::GlossaryJwks),
    ("kid", Word::GlossaryKid),
    ("ID token", Word::GlossaryIdToken),
    ("Access token", Word::GlossaryAccessToken),
    ("Refresh token", Word::GlossaryRefreshToken),
    ("GlobalSignOut", Word::GlossaryGlobalSignOut),
    ("TOTP", Word::GlossaryTotp),
    ("argon2id", Word::GlossaryArgon2id),
];

/// The glossary entries whose term `text` uses (case-sensitive: `kid`, `Session`), in table
/// order.
#[must_use]
pub fn used_in(text: &str) -> Vec<(&'static str, Word)> {
    GLOSSARY
        .iter()
        .filter(|(term, _)| text.contains(term))
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_term_is_explained_once_and_a_lesson_meets_its_own() {
        let mut terms: Vec<&str> = GLOSSARY.iter().map(|(t, _)| *t).collect();
        terms.sort_unstable();
        terms.dedup();
        assert_eq!(terms.len(), GLOSSARY.len());
        let mut meanings: Vec<Word> = GLOSSARY.iter().map(|(_, w)| *w).collect();
        meanings.sort_unstable();
        meanings.dedup();
        assert_eq!(meanings.len(), GLOSSARY.len(), "one meaning per term");
        let lesson = crate::scenario::resolve(Some("srp-sign-in")).unwrap();
        let used: Vec<&str> = used_in(&lesson.source).iter().map(|(t, _)| *t).collect();
        assert!(
            used.contains(&"SRP") && used.contains(&"InitiateAuth"),
            "{used:?}"
        );
    }
}
