//! `cogflow serve` end to end: the real binary on `--port 0 --plain`, spoken to over TCP
//! (framing, errors, headers, CORS, limits, the clock and messages), and by real clients
//! nobody here wrote (boto3, the AWS CLI, PyJWT) from the venv `scripts/setup-clients.sh`
//! makes.

pub(crate) mod clients;
mod hosted;
mod labs;
mod live;
mod record;
mod wire;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::support::{Spawned, cogflow};

/// A running `cogflow serve` (killed on drop, on every exit path of a test), its banner read.
pub struct Served {
    process: Spawned,
    /// The banner's `KEY=VALUE` lines.
    pub banner: BTreeMap<String, String>,
    /// The two `export …` lines.
    pub exports: Vec<String>,
    /// The plain log lines read so far.
    log: Vec<String>,
}

impl Served {
    /// `cogflow serve --seed 11 --port 0 --plain ARGS`, once its banner is out.
    pub fn start(args: &[&str]) -> Self {
        Self::start_in(args, None)
    }

    /// [`start`](Self::start) with `COGFLOW_HOME` at `home` (where a lab saves progress).
    pub fn start_in(args: &[&str], home: Option<&std::path::Path>) -> Self {
        let mut all = vec!["serve", "--seed", "11", "--port", "0", "--plain"];
        all.extend_from_slice(args);
        let command = cogflow(&all);
        let mut process = match home {
            Some(home) => command.home(home),
            None => command,
        }
        .spawn();
        let mut banner = BTreeMap::new();
        loop {
            let line = process.wait_for_line("the banner", |_| true);
            let Some((key, value)) = line.split_once('=') else {
                assert!(
                    line.is_empty(),
                    "a banner line that is not KEY=VALUE: {line}"
                );
                break;
            };
            banner.insert(key.to_owned(), value.to_owned());
        }
        let exports = (0..2)
            .map(|_| process.wait_for_line("an export line", |_| true))
            .collect();
        Self {
            process,
            banner,
            exports,
            log: Vec::new(),
        }
    }

    pub fn get(&self, key: &str) -> &str {
        self.banner
            .get(key)
            .unwrap_or_else(|| panic!("no {key} in {:?}", self.banner))
    }

    pub fn endpoint(&self) -> &str {
        self.get("endpoint")
    }

    /// `host:port`.
    pub fn addr(&self) -> &str {
        self.endpoint().trim_start_matches("http://")
    }

    /// Types `text` on the server's standard input (under `--step`, Enter lets a held call go on).
    pub fn write(&mut self, text: &str) {
        self.process.write(text);
    }

    /// The server's process id (to send it a signal).
    pub fn pid(&self) -> u32 {
        self.process.pid()
    }

    /// Stops the server; everything it printed.
    pub fn stop(self) -> crate::support::Ran {
        self.process.kill()
    }

    /// The plain log, read until `until` holds for it (the suite's deadline otherwise).
    pub fn log_until(&mut self, until: impl Fn(&[String]) -> bool) -> Vec<String> {
        while !until(&self.log) {
            let line = self.process.wait_for_line("more of the log", |_| true);
            self.log.push(line);
        }
        self.log.clone()
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    /// The headers, names in lower case (a repeated header: its last value).
    pub headers: BTreeMap<String, String>,
    /// Every `Set-Cookie` value, in order.
    pub cookies: Vec<String>,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// One HTTP/1.1 request over a fresh connection (`Connection: close`), raw bytes on the wire.
pub fn http(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    read_answer(&mut stream)
}

/// Reads a whole `Connection: close` answer.
pub fn read_answer(stream: &mut TcpStream) -> Answer {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let cookies = headers
        .iter()
        .filter(|(k, _)| k == "set-cookie")
        .map(|(_, v)| v.clone())
        .collect();
    Answer {
        status,
        headers: headers.into_iter().collect(),
        cookies,
        body: body.to_owned(),
    }
}

/// `POST /` of a Cognito operation with the JSON 1.1 content type.
pub fn cognito(addr: &str, operation: &str, body: &serde_json::Value) -> Answer {
    let target = format!("AWSCognitoIdentityProviderService.{operation}");
    http(
        addr,
        "POST",
        "/",
        &[
            ("X-Amz-Target", &target),
            ("Content-Type", "application/x-amz-json-1.1"),
        ],
        body.to_string().as_bytes(),
    )
}
