//! The Markdown transcript: a printable handout ([`super::handout`] written as Markdown).

use super::Options;
use super::doc::to_markdown;
use super::handout::handout;
use crate::flow::Run;
use crate::scenario::Scenario;

/// The handout of `runs` (one, or every branch) as Markdown.
#[must_use]
pub fn markdown(scenario: &Scenario, runs: &[Run], options: Options) -> String {
    let mut out = to_markdown(&handout(scenario, runs, options));
    // One newline at the end, as a text file ends.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
