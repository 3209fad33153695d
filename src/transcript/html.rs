//! The HTML handout: [`super::handout`] as one self-contained page (see [`crate::page`]) that
//! prints on A4 and Letter with no table cut at the margin.

use super::Options;
use super::doc::to_html;
use super::handout::handout;
use crate::flow::Run;
use crate::page;
use crate::scenario::Scenario;

/// What a handout adds to the page style: the flow diagram as drawn (never wrapped, smaller
/// if need be), quiz choices lettered, a ruled line to write an answer on, and wide tables
/// that wrap their cells instead of running off the page.
const CSS: &str = "\
pre.diagram { white-space: pre; overflow-x: auto; font-size: .85em; line-height: 1.25; }
pre.code { font-size: .82em; }
.question { margin: .8rem 0 1rem; }
.question .prompt { font-weight: 600; }
.question .number { margin-right: .2rem; }
ol.choices { margin: .2rem 0 .3rem 1.2rem; padding-left: 1.2rem; }
.hint { color: #444; margin-left: 1.2rem; }
.answer { margin-left: 1.2rem; }
.answer .blank { display: inline-block; width: 12rem; border-bottom: 1px solid #000; height: 1.1em; vertical-align: bottom; }
ul.values pre { margin: .2rem 0 .5rem; }
blockquote { margin: .4rem 0; padding: .2rem .8rem; border-left: 4px solid #999; color: #333; }
@media print {
  pre.diagram { font-size: 7.5pt; overflow: visible; }
  pre.code { font-size: 7.5pt; }
  .question { break-inside: avoid; page-break-inside: avoid; }
}
";

/// The handout of `runs` (one, or every branch) as an HTML page.
#[must_use]
pub fn html(scenario: &Scenario, runs: &[Run], options: Options) -> String {
    let words = scenario.words();
    let title = super::heading(scenario, &words);
    let body = to_html(&handout(scenario, runs, options));
    page::document(words.language(), &title, CSS, &body)
}
