//! Drives a server with `wrk` in its own process (so the load generator
//! does not share this process's runtime) and reads its figures: requests
//! a second, the 99th percentile and how many answers were not 2xx/3xx.
//! Shared by the benches that include it with `#[path]`.

use std::path::Path;
use std::process::Command;

pub struct Figure {
    pub rate: f64,
    pub p99_ms: f64,
    /// Answers that were not 2xx or 3xx.
    pub errors: u64,
}

/// Whether `wrk` can be run here.
pub fn available() -> bool {
    Command::new("wrk").arg("--version").output().is_ok()
}

/// Runs wrk with `connections` connections for `seconds` seconds against
/// `url`, with the Lua `script` that shapes its requests, if any, and the
/// extra `headers` (`Name: value`) on every request.
pub fn wrk(url: &str, seconds: &str, connections: &str, script: Option<&Path>, headers: &[String]) -> Figure {
    let duration = format!("{seconds}s");
    let mut args = vec!["-t2", "-c", connections, "-d", &duration, "--latency"];
    let script = script.map(|s| s.display().to_string());
    if let Some(s) = &script {
        args.extend(["-s", s]);
    }
    for h in headers {
        args.extend(["-H", h]);
    }
    args.push(url);
    let out = Command::new("wrk").args(&args).output().expect("wrk runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let rate = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse::<f64>().ok())
        .unwrap_or_else(|| panic!("no Requests/sec in wrk's output:\n{text}"));
    let p99_ms = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("99%"))
        .map(|v| millis(v.trim()))
        .unwrap_or(f64::NAN);
    let errors = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Non-2xx or 3xx responses:"))
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(0);
    Figure { rate, p99_ms, errors }
}

/// wrk's durations: `812.00us`, `4.51ms`, `1.02s`.
fn millis(v: &str) -> f64 {
    let (number, factor) = if let Some(n) = v.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = v.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = v.strip_suffix('s') {
        (n, 1000.0)
    } else {
        (v, f64::NAN)
    };
    number.parse::<f64>().map(|n| n * factor).unwrap_or(f64::NAN)
}
