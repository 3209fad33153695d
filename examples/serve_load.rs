//! A small, bounded HTTP load generator for `scripts/bench-serve.sh`: N keep-alive connections
//! POST one Cognito request over and over for a fixed time, then it prints one JSON line with
//! the count, requests per second and latency percentiles. Loopback only, and it stops by
//! itself (`--seconds`, at most 60).
//!
//! ```text
//! cargo run --release --example serve_load -- 127.0.0.1:9229 GetUser body.json --connections 4 --seconds 5
//! ```

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::ExitCode;
use std::time::{Duration, Instant};

struct Args {
    addr: SocketAddr,
    operation: String,
    body: Vec<u8>,
    connections: usize,
    seconds: f64,
}

fn parse() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: serve_load ADDR OPERATION BODY_FILE [--connections N] [--seconds S]";
    let addr: SocketAddr = args
        .next()
        .ok_or(usage)?
        .parse()
        .map_err(|e| format!("address: {e}"))?;
    if !addr.ip().is_loopback() {
        return Err("serve_load only loads servers on this machine (a loopback address)".into());
    }
    let operation = args.next().ok_or(usage)?;
    let body = std::fs::read(args.next().ok_or(usage)?).map_err(|e| format!("body: {e}"))?;
    let (mut connections, mut seconds) = (4, 5.0);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(usage)?;
        match flag.as_str() {
            "--connections" => connections = value.parse().map_err(|_| usage)?,
            "--seconds" => seconds = value.parse().map_err(|_| usage)?,
            _ => return Err(usage.into()),
        }
    }
    Ok(Args {
        addr,
        operation,
        body,
        connections: connections.clamp(1, 64),
        seconds: f64::clamp(seconds, 0.1, 60.0),
    })
}

/// One request on `stream`: the answer's status and whether the server closes the connection
/// after it, or `None` when no whole answer came.
fn exchange(stream: &mut BufReader<TcpStream>, request: &[u8]) -> Option<(u16, bool)> {
    stream.get_mut().write_all(request).ok()?;
    let mut line = String::new();
    stream.read_line(&mut line).ok()?;
    let status: u16 = line.split_whitespace().nth(1)?.parse().ok()?;
    let (mut length, mut close) = (0usize, false);
    loop {
        line.clear();
        if stream.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = value.parse().ok()?;
        } else if name.eq_ignore_ascii_case("connection") && value.eq_ignore_ascii_case("close") {
            close = true;
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body).ok()?;
    Some((status, close))
}

fn main() -> ExitCode {
    let args = match parse() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("serve_load: {e}");
            return ExitCode::from(2);
        }
    };
    let request = {
        let mut r = format!(
            "POST / HTTP/1.1\r\nHost: {}\r\nX-Amz-Target: AWSCognitoIdentityProviderService.{}\r\n\
             Content-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\n\r\n",
            args.addr,
            args.operation,
            args.body.len()
        )
        .into_bytes();
        r.extend_from_slice(&args.body);
        r
    };
    let deadline = Instant::now() + Duration::from_secs_f64(args.seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..args.connections)
        .map(|_| {
            let request = request.clone();
            let addr = args.addr;
            std::thread::spawn(move || {
                let mut latencies = Vec::new();
                let mut errors = 0u64;
                let connect = || {
                    TcpStream::connect(addr).ok().map(|s| {
                        let _ = s.set_nodelay(true);
                        let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
                        BufReader::new(s)
                    })
                };
                let mut stream = connect();
                while Instant::now() < deadline {
                    let Some(s) = stream.as_mut() else {
                        errors += 1;
                        std::thread::sleep(Duration::from_millis(10));
                        stream = connect();
                        continue;
                    };
                    let sent = Instant::now();
                    match exchange(s, &request) {
                        Some((status, close)) => {
                            latencies.push(sent.elapsed());
                            if status != 200 {
                                errors += 1;
                            }
                            if close {
                                stream = connect();
                            }
                        }
                        None => {
                            errors += 1;
                            stream = connect();
                        }
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for worker in workers {
        if let Ok((l, e)) = worker.join() {
            latencies.extend(l);
            errors += e;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 - 1.0) * p).round() as usize)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "{{\"operation\":\"{}\",\"connections\":{},\"requests\":{},\"errors\":{},\"seconds\":{:.2},\"rps\":{:.0},\"p50_ms\":{:.3},\"p99_ms\":{:.3}}}",
        args.operation,
        args.connections,
        latencies.len(),
        errors,
        elapsed,
        latencies.len() as f64 / elapsed,
        pct(0.50),
        pct(0.99)
    );
    ExitCode::SUCCESS
}
