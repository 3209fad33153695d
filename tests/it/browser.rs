//! The HTML pages in a real browser: headless Chromium renders the class report and the
//! handouts to PNG and PDF (Letter and A4), and each page must have rendered (a real image, a
//! PDF of the paper asked for, the expected title in the DOM), logged no console message
//! (a blocked fetch or script would be one), asked for nothing but itself (Chromium's own
//! network log, by the page's network isolation key), and fit the printable width of both
//! papers (nothing wider than the page, measured in a copy with the print style applied).
//!
//! Chromium comes from the system's packages (`.ci/run` installs Debian's `chromium`); without
//! it these tests say SKIPPED, except under CI or after `.ci/run` installed it
//! (`COGFLOW_BROWSER=required`), where a missing browser is a failure; `.ci/run` sets
//! `COGFLOW_BROWSER=skip`, and says so, only where it could not install one.
//! Nothing can leave the machine while they run: every request goes to a proxy on
//! 127.0.0.1:9 (nothing listens there) and every host name resolves to nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use cogflow::progress::results::{Kind, ResultRow, to_csv};

use crate::support::{cogflow, unique_dir};

/// Chromium, found.
struct Browser {
    path: PathBuf,
}

/// The flags of every run: headless as root, and nothing of Chromium's own that talks to the
/// network (the machine's "known to work" set), plus a proxy and resolver that go nowhere.
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-default-browser-check",
    "--no-pings",
    "--hide-scrollbars",
    "--proxy-server=http://127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--enable-logging=stderr",
    "--log-level=0",
];

/// What one run of Chromium left.
struct Run {
    stdout: String,
    /// Console messages the page logged (`INFO:CONSOLE…` lines).
    console: Vec<String>,
    /// URLs the page itself asked for (not Chromium's own background requests), from the
    /// network log.
    requests: Vec<String>,
}

impl Browser {
    /// `CHROMIUM`, else the first of chromium, chromium-browser, google-chrome on PATH. Under
    /// CI a missing browser fails the test; elsewhere it is skipped, saying so.
    fn find() -> Option<Self> {
        let wanted = std::env::var("COGFLOW_BROWSER").unwrap_or_default();
        if wanted == "skip" {
            eprintln!(
                "SKIPPED: COGFLOW_BROWSER=skip (.ci/run could not install Chromium): the HTML pages were not checked in a browser"
            );
            return None;
        }
        let required = required();
        let named = std::env::var_os("CHROMIUM").map(PathBuf::from);
        let found = named.or_else(|| {
            ["chromium", "chromium-browser", "google-chrome"]
                .iter()
                .find_map(|name| {
                    let out = Command::new("sh")
                        .args(["-c", &format!("command -v {name}")])
                        .output()
                        .ok()?;
                    let path = String::from_utf8(out.stdout).ok()?;
                    (out.status.success() && !path.trim().is_empty())
                        .then(|| PathBuf::from(path.trim()))
                })
        });
        match found {
            Some(path) => Some(Self { path }),
            None if required => {
                panic!(
                    "CI needs Chromium for the page tests: .ci/run installs it (apt-get install chromium)"
                )
            }
            None => {
                eprintln!(
                    "SKIPPED: no Chromium (set CHROMIUM, or apt-get install chromium): the HTML pages were not checked in a browser"
                );
                None
            }
        }
    }

    fn version(&self) -> String {
        let out = Command::new(&self.path).arg("--version").output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Runs Chromium on `page` with `args`, in a fresh profile under `work`.
    fn run(&self, work: &Path, name: &str, page: &Path, args: &[String]) -> Run {
        let profile = work.join(format!("profile-{name}"));
        let netlog = work.join(format!("net-{name}.json"));
        let out = Command::new(&self.path)
            .args(FLAGS)
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--log-net-log={}", netlog.display()))
            .args(args)
            .arg(format!("file://{}", page.display()))
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: chromium failed: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let console = stderr
            .lines()
            .filter(|l| l.contains(":CONSOLE"))
            .map(str::to_owned)
            .collect();
        let _ = fs::remove_dir_all(profile);
        Run {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            console,
            requests: page_requests(&netlog),
        }
    }
}

/// The URLs requested on behalf of a `file://` page: network-log requests whose network
/// isolation key is the page's site. Chromium's own background requests (a time service,
/// account checks) carry their own key and are not the page's doing; they went to the dead
/// proxy anyway.
fn page_requests(netlog: &Path) -> Vec<String> {
    let text = fs::read_to_string(netlog).unwrap_or_default();
    // Chromium may stop before closing the JSON; what is there is enough.
    let log: serde_json::Value = serde_json::from_str(&text)
        .or_else(|_| serde_json::from_str(&format!("{}]}}", text.trim_end().trim_end_matches(','))))
        .unwrap_or_default();
    let mut urls = Vec::new();
    for event in log["events"].as_array().into_iter().flatten() {
        let params = &event["params"];
        let (Some(url), Some(key)) = (
            params["url"].as_str(),
            params["network_isolation_key"].as_str(),
        ) else {
            continue;
        };
        if key.starts_with("file://")
            && !url.starts_with("file://")
            && !urls.iter().any(|u| u == url)
        {
            urls.push(url.to_owned());
        }
    }
    urls
}

/// Whether a missing tool fails the test: under CI, or when `.ci/run` installed the browser
/// (`COGFLOW_BROWSER=required`).
fn required() -> bool {
    std::env::var("COGFLOW_BROWSER").is_ok_and(|v| v == "required")
        || std::env::var_os("CI").is_some()
}

/// Width and height from a PNG's header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// `pdfinfo`'s "Pages" and "Page size" (points); `None` without poppler-utils (outside CI).
fn pdf_info(pdf: &Path) -> Option<(usize, String)> {
    let out = Command::new("pdfinfo").arg(pdf).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .map(|l| l[name.len()..].trim().to_owned())
            .unwrap_or_default()
    };
    Some((field("Pages:").parse().unwrap_or(0), field("Page size:")))
}

fn pdf_text(pdf: &Path) -> Option<String> {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A copy of `page` for measuring: its print style applied on screen, its CSP removed and a
/// script added that puts in the title how many elements end past the window's right edge.
fn measuring_copy(page: &str) -> String {
    let script = "<script>\
        const w = document.documentElement.clientWidth;\
        const wide = [...document.querySelectorAll('body *')]\
          .filter(e => e.getBoundingClientRect().right > w + 0.5)\
          .map(e => e.tagName + (e.className ? '.' + e.className : ''));\
        document.title = 'overflow ' + wide.length + ' ' + wide.slice(0, 8).join(' ');\
        </script>";
    let csp_start = page
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .unwrap();
    let csp_end = csp_start + page[csp_start..].find('>').unwrap() + 1;
    let without_csp = format!("{}{}", &page[..csp_start], &page[csp_end..]);
    without_csp
        .replace("@media print", "@media all")
        .replace("</body>", &format!("{script}</body>"))
}

/// The paper sizes a page must print on: name, the `@page` size, the size in points, and
/// the printable width in CSS pixels (the paper less the page's 12 mm side margins).
const PAPERS: [(&str, &str, (f64, f64), u32); 2] = [
    ("letter", "letter", (612.0, 792.0), 725),
    ("a4", "A4", (595.3, 841.9), 703),
];

/// "594.96 x 841.92 pts (A4)" as points.
fn points(size: &str) -> (f64, f64) {
    let mut numbers = size
        .split_whitespace()
        .filter_map(|w| w.parse::<f64>().ok());
    (numbers.next().unwrap_or(0.0), numbers.next().unwrap_or(0.0))
}

/// Checks one page as a learner or instructor would meet it. `title` is its `<title>`;
/// `must_print` are words that must survive into both PDFs (text from the right-most
/// columns of its widest tables).
/// Chromium's arguments for one run that dumps the DOM and writes a 1000x1400 screenshot.
fn dom_and_screenshot(png: &Path) -> [String; 3] {
    [
        "--dump-dom".into(),
        "--window-size=1000,1400".into(),
        format!("--screenshot={}", png.display()),
    ]
}

fn check_page(
    browser: &Browser,
    work: &Path,
    name: &str,
    html: &str,
    title: &str,
    must_print: &[&str],
) {
    let page = work.join(format!("{name}.html"));
    fs::write(&page, html).unwrap();

    // One Chromium run both dumps the DOM and takes the screenshot (a launch is ~3 s of a
    // loaded machine's time; 18 of them made this the suite's second-longest test).
    let png = work.join(format!("{name}.png"));
    let dom = browser.run(
        work,
        &format!("{name}-dom-png"),
        &page,
        &dom_and_screenshot(&png),
    );
    assert!(
        dom.stdout.contains(&format!("<title>{title}</title>")),
        "{name}: title\n{}",
        dom.stdout
    );
    assert_eq!(
        dom.console,
        Vec::<String>::new(),
        "{name}: console messages"
    );
    assert_eq!(
        dom.requests,
        Vec::<String>::new(),
        "{name}: requests beyond the file"
    );
    let bytes = fs::read(&png).unwrap();
    assert_eq!(png_size(&bytes), (1000, 1400), "{name}");
    // A blank page compresses to a few KB; a rendered one with text and charts does not.
    assert!(
        bytes.len() > 20_000,
        "{name}: a {}-byte PNG looks empty",
        bytes.len()
    );

    for (paper, size, (width, height), printable) in PAPERS {
        let sized = work.join(format!("{name}-{paper}.html"));
        fs::write(
            &sized,
            html.replace("</style>", &format!("@page {{ size: {size}; }}\n</style>")),
        )
        .unwrap();
        let pdf = work.join(format!("{name}-{paper}.pdf"));
        let printed = browser.run(
            work,
            &format!("{name}-{paper}-pdf"),
            &sized,
            &[
                "--no-pdf-header-footer".into(),
                format!("--print-to-pdf={}", pdf.display()),
            ],
        );
        assert!(printed.console.is_empty(), "{name}: {:?}", printed.console);
        let bytes = fs::read(&pdf).unwrap();
        assert!(
            bytes.starts_with(b"%PDF-") && bytes.len() > 10_000,
            "{name} {paper}: PDF"
        );
        match (pdf_info(&pdf), pdf_text(&pdf)) {
            (Some((pages, got_size)), Some(text)) => {
                assert!(pages >= 1, "{name} {paper}: {pages} pages");
                // Chromium rounds A4 to whole 1/100 inch: within a point is that paper.
                let (w, h) = points(&got_size);
                assert!(
                    (w - width).abs() < 1.0 && (h - height).abs() < 1.0,
                    "{name} {paper}: {got_size}"
                );
                for word in must_print {
                    assert!(
                        text.contains(word),
                        "{name} {paper}: {word:?} not printed:\n{text}"
                    );
                }
            }
            _ if std::env::var_os("CI").is_some() => {
                panic!("CI needs poppler-utils (pdfinfo, pdftotext)")
            }
            _ => eprintln!("SKIPPED: {name} {paper}: no pdfinfo/pdftotext to read the PDF back"),
        }
        let measuring = work.join(format!("{name}-{paper}-measure.html"));
        fs::write(&measuring, measuring_copy(html)).unwrap();
        let measured = browser.run(
            work,
            &format!("{name}-{paper}-measure"),
            &measuring,
            &[
                format!("--window-size={printable},1200"),
                "--dump-dom".into(),
            ],
        );
        assert!(
            measured.stdout.contains("<title>overflow 0 </title>"),
            "{name}: wider than {paper}'s printable {printable} px: {}",
            measured
                .stdout
                .lines()
                .find(|l| l.contains("<title>"))
                .unwrap_or("")
        );
    }
}

/// A class of 30 as results files, written straight from rows (the class test drives the
/// binary; here only the page matters): varied answers, so every bar has several segments.
fn class_exports(dir: &Path) {
    let lesson = cogflow::scenario::resolve(None).unwrap();
    for i in 0..30_usize {
        let name = format!(
            "Learner {i:02} {}",
            ["Ana García", "李雷", "O'Brien, Pat", "Zoë"][i % 4]
        );
        let mut rows = Vec::new();
        for (q, question) in lesson.file.questions.iter().enumerate() {
            let right = usize::from(question.answer.as_bytes()[0] - b'A');
            let wrong = (right + 1 + (i % 3)) % question.choices.len();
            let tries: &[(usize, bool)] = match (i + q) % 5 {
                0 | 1 => &[(right, true)],
                2 => &[(wrong, false), (right, true)],
                3 => &[(wrong, false)],
                _ => &[],
            };
            for (attempt, &(choice, correct)) in tries.iter().enumerate() {
                let letter = cogflow::quiz::letter_str(choice);
                rows.push(ResultRow {
                    scenario_id: lesson.file.scenario.id.clone(),
                    content_hash: lesson.content_hash.clone(),
                    format_version: 2,
                    question_id: Some(question.id.clone()),
                    choice_shown: Some(letter.clone()),
                    choice_original: Some(letter),
                    correct,
                    attempt: Some(u32::try_from(attempt + 1).unwrap()),
                    round: Some(1),
                    hints_used: Some(attempt),
                    revealed: Some(false),
                    seed: None,
                    choice_order: Some("ABCD".into()),
                    time: format!("2026-01-15T09:{:02}:{:02}Z", i, q * 10 + attempt),
                    kind: Kind::Quiz,
                    learner: Some(name.clone()),
                    step: None,
                    variant: None,
                    skipped: None,
                    right_choice: None,
                    choice_text: Some(question.choices[choice].clone()),
                });
            }
        }
        fs::write(dir.join(format!("{i:02}.csv")), to_csv(&rows)).unwrap();
    }
}

#[test]
fn the_harness_sees_a_request_and_a_console_message() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let work = unique_dir("browser-control");
    let page = work.join("planted.html");
    fs::write(
        &page,
        "<!DOCTYPE html><html><head><title>Planted</title></head><body>\
         <img src=\"http://example.invalid/pixel.png\"><script>console.error('planted')</script></body></html>",
    )
    .unwrap();
    // The same run as check_page's first: DOM and screenshot at once.
    let planted_png = work.join("planted.png");
    let run = browser.run(&work, "planted", &page, &dom_and_screenshot(&planted_png));
    assert!(
        run.stdout.contains("<title>Planted</title>"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.requests,
        ["http://example.invalid/pixel.png"],
        "the request is seen"
    );
    assert!(
        run.console.iter().any(|l| l.contains("planted")),
        "{:?}",
        run.console
    );
    let wide = measuring_copy(&cogflow::page::document(
        cogflow::words::Language::En,
        "Wide",
        "",
        &format!(
            "<table><tr><td style=\"white-space: nowrap\">{}</td></tr></table>\n",
            "a line that cannot wrap ".repeat(40)
        ),
    ));
    let wide_page = work.join("wide.html");
    fs::write(&wide_page, wide).unwrap();
    let measured = browser.run(
        &work,
        "wide",
        &wide_page,
        &["--window-size=300,400".into(), "--dump-dom".into()],
    );
    assert!(
        measured
            .stdout
            .contains("<title>overflow 4 TABLE TBODY TR TD</title>"),
        "{}",
        measured.stdout
    );
    fs::remove_dir_all(work).unwrap();
}

#[test]
fn the_class_report_and_the_handouts_render_print_and_fetch_nothing() {
    let Some(browser) = Browser::find() else {
        return;
    };
    eprintln!("browser: {}", browser.version());
    let work = unique_dir("browser-pages");
    let class = work.join("class");
    fs::create_dir_all(&class).unwrap();
    class_exports(&class);
    let report = cogflow(&[
        "class",
        "report",
        class.to_str().unwrap(),
        "--format",
        "html",
    ])
    .run();
    assert_eq!(report.code, 0, "{report:?}");
    let handout = |args: &[&str]| {
        let mut all = vec!["transcript", "--seed", "1", "--format", "html"];
        all.extend_from_slice(args);
        let ran = cogflow(&all).run();
        assert_eq!(ran.code, 0, "{ran:?}");
        ran.stdout
    };
    let title = "Cognito for user authentication in AWS - Step-by-Step Execution";
    std::thread::scope(|scope| {
        let work = &work;
        let browser = &browser;
        let report = &report.stdout;
        scope.spawn(move || {
            check_page(
                browser,
                work,
                "report",
                report,
                "Class report: signin-basic",
                &["Median", "activity", "09:29", "Needs attention"],
            );
        });
        let all = handout(&["--branches", "all", "--answers"]);
        scope.spawn(move || {
            check_page(
                browser,
                work,
                "handout-all",
                &all,
                title,
                &[
                    "Cognito Response",
                    "Result",
                    "Login failed",
                    "authenticated",
                ],
            );
        });
        let student = handout(&["--student", "--no-hints"]);
        check_page(
            browser,
            work,
            "handout-student",
            &student,
            title,
            &["Response", "authenticated", "Answer:"],
        );
    });
    fs::remove_dir_all(work).unwrap();
}
