//! Generates a benchmark instance, optionally writes it as JSON, solves it
//! and prints one JSON line of figures (plus peak memory on Linux).
//!
//! ```text
//! cargo run --release -p grants-assignment --example export -- \
//!     [--proposals 2000] [--reviewers 300] [--k 3] [--conflicts 0.05] [--seed 2027] \
//!     [--pinned 0] [--min-load 0] [--out instance.json] [--solution pairs.json]
//! ```
//!
//! `--in FILE` solves an instance read from JSON instead of generating one.

use std::process::ExitCode;

use grants_assignment::bench::{GeneratorSpec, generate, measure_instance};
use grants_assignment::{Instance, solve};

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn run() -> Result<(), String> {
    let mut spec = GeneratorSpec::default();
    let mut out = None;
    let mut input = None;
    let mut solution = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value}: {e}");
        match flag.as_str() {
            "--proposals" => spec.proposals = value.parse().map_err(|e| bad(&e))?,
            "--reviewers" => spec.reviewers = value.parse().map_err(|e| bad(&e))?,
            "--k" => spec.reviews_per_proposal = value.parse().map_err(|e| bad(&e))?,
            "--conflicts" => spec.conflict_rate = value.parse().map_err(|e| bad(&e))?,
            "--seed" => spec.seed = value.parse().map_err(|e| bad(&e))?,
            "--pinned" => spec.pinned = value.parse().map_err(|e| bad(&e))?,
            "--min-load" => spec.min_load = value.parse().map_err(|e| bad(&e))?,
            "--out" => out = Some(value),
            "--in" => input = Some(value),
            "--solution" => solution = Some(value),
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    let start = std::time::Instant::now();
    let instance: Instance = match &input {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?
        }
        None => generate(&spec),
    };
    let generate_ms = start.elapsed().as_secs_f64() * 1000.0;
    if let Some(path) = &out {
        let json = serde_json::to_string(&instance).map_err(|e| e.to_string())?;
        std::fs::write(path, json).map_err(|e| format!("{path}: {e}"))?;
    }
    let mut report = measure_instance(&instance).map_err(|e| e.to_string())?;
    report.generate_ms = generate_ms;
    if let Some(path) = &solution {
        let assignment = solve(&instance).map_err(|e| e.to_string())?;
        let json = serde_json::to_string(&assignment).map_err(|e| e.to_string())?;
        std::fs::write(path, json).map_err(|e| format!("{path}: {e}"))?;
    }
    let mut line = serde_json::to_value(&report).map_err(|e| e.to_string())?;
    if let Some(kib) = peak_rss_kib() {
        line["peak_rss_mib"] = serde_json::json!(kib / 1024);
    }
    println!("{line}");
    eprintln!("{report}");
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("export: {message}");
            ExitCode::FAILURE
        }
    }
}
