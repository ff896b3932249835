//! Command line: `saavdhan scan [--json] [--me NAME] FILE...` and
//! `saavdhan eval [--misses] DIR...` and `saavdhan bench [--messages N]`.

use crate::engine::{assess, Assessment, Conversation, Tuning, Tracker};
use crate::import;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage:
  saavdhan scan [--json] [--me NAME] FILE...   assess conversations: conversation JSON, Facebook
                                              export (message_1.json or its folder), WhatsApp .txt
  saavdhan eval [--misses] [--budgets FILE] DIR...
                                              score the engine on annotated corpus folders
                                              (recall by stage and language, false alarms)
  saavdhan bench [--messages N]               native throughput and incremental cost";

/// Runs the command line on this process's arguments.
pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("scan") => scan(&args[1..]),
        Some("bench") => bench(&args[1..]),
        Some("eval") => eval(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn scan(args: &[String]) -> ExitCode {
    let mut json = false;
    let mut me: Option<String> = None;
    let mut files = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json = true,
            "--me" => match it.next() {
                Some(n) => me = Some(n.clone()),
                None => {
                    eprintln!("saavdhan scan: --me needs a NAME\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            s if s.starts_with("--") => {
                eprintln!("saavdhan scan: unknown option {s}\n{USAGE}");
                return ExitCode::from(2);
            }
            f => files.push(f.to_string()),
        }
    }
    if files.is_empty() {
        eprintln!("saavdhan scan: no files\n{USAGE}");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for f in &files {
        for r in import::load(Path::new(f), me.as_deref()) {
            match r {
                Ok(l) => {
                    let a = assess(&l.conversation);
                    if json {
                        println!("{}", json_line(&l.file, &a));
                    } else {
                        print_summary(&l.file, &l.conversation, &a);
                    }
                }
                Err(e) => {
                    failed = true;
                    eprintln!("saavdhan: error: {e}");
                }
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn json_line(file: &str, a: &Assessment) -> String {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        file: &'a str,
        level: crate::engine::Level,
        stage: crate::engine::Stage,
        first_warning_at: Option<usize>,
        evidence: &'a [crate::engine::Evidence],
    }
    let line = Line { file, level: a.level, stage: a.stage, first_warning_at: a.first_warning_at, evidence: &a.evidence };
    serde_json::to_string(&line).expect("plain data serialises")
}

fn name<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn print_summary(file: &str, c: &Conversation, a: &Assessment) {
    println!("{file}: {} — {} (stage {}, {} messages)", c.contact.name, name(a.level).to_uppercase(), name(a.stage), c.messages.len());
    if let Some(w) = a.first_warning_at {
        println!("  warning from message {w} on");
    }
    for e in &a.evidence {
        let at = e.message.map_or("profile".to_string(), |m| format!("message {m}"));
        println!("  - {at}: {} [{}] \"{}\"", name(e.stage), e.rule, e.matched);
    }
}

// ---- eval ----

fn eval(args: &[String]) -> ExitCode {
    use crate::engine::eval;
    let mut misses = false;
    let mut budgets: Option<String> = None;
    let mut dirs = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--misses" => misses = true,
            "--budgets" => match it.next() {
                Some(f) => budgets = Some(f.clone()),
                None => {
                    eprintln!("saavdhan eval: --budgets needs a FILE\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            s if s.starts_with("--") => {
                eprintln!("saavdhan eval: unknown option {s}\n{USAGE}");
                return ExitCode::from(2);
            }
            d => dirs.push(d.to_string()),
        }
    }
    if dirs.is_empty() {
        eprintln!("saavdhan eval: no folder\n{USAGE}");
        return ExitCode::from(2);
    }
    let mut cases = Vec::new();
    for d in &dirs {
        match eval::load_dir(Path::new(d)) {
            Ok(c) => cases.extend(c),
            Err(e) => {
                eprintln!("saavdhan: error: {e}");
                return ExitCode::from(1);
            }
        }
    }
    let report = eval::score(&cases, Tuning::default());
    print!("{}", report.table());
    if misses {
        print!("{}", report.misses());
    }
    if let Some(f) = budgets {
        let b: eval::Budgets = match std::fs::read_to_string(&f).map_err(|e| e.to_string()).and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string())) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("saavdhan: error: {f}: {e}");
                return ExitCode::from(1);
            }
        };
        let under = b.check(&report);
        for u in &under {
            println!("UNDER BUDGET: {u}");
        }
        if !under.is_empty() {
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}

// ---- bench ----

fn bench(args: &[String]) -> ExitCode {
    let mut n = 10_000usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match (a.as_str(), it.next().and_then(|v| v.parse().ok())) {
            ("--messages", Some(v)) if v > 0 => n = v,
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    if cfg!(debug_assertions) {
        eprintln!("note: debug build; use `cargo run --release -- bench` for real figures");
    }
    let conv = crate::engine::bench::sample_thread(n);
    let bytes = crate::engine::bench::text_bytes(&conv);
    let t0 = Instant::now();
    let _ = crate::engine::Engine::builtin();
    let init = t0.elapsed();
    let mut best = f64::MAX;
    let mut level = String::new();
    for _ in 0..5 {
        let t = Instant::now();
        let a = assess(&conv);
        best = best.min(t.elapsed().as_secs_f64());
        level = name(a.level);
    }
    // Incremental: a thread already holding n messages, then 1,000 more, one by one.
    let mut tracker = Tracker::new(conv.contact.clone(), Tuning::default(), None);
    for m in &conv.messages {
        tracker.push(m);
    }
    let extra = crate::engine::bench::sample_thread(1_000).messages;
    let t = Instant::now();
    for m in &extra {
        tracker.push(m);
    }
    let per = t.elapsed().as_secs_f64() / extra.len() as f64;
    println!("engine start-up (rules parse + automaton build): {:.2} ms", init.as_secs_f64() * 1e3);
    println!(
        "whole thread: {n} messages, {:.2} MB of text in {:.2} ms (best of 5): {:.1} MB/s, {:.2} µs/message (level {level})",
        bytes as f64 / 1e6,
        best * 1e3,
        bytes as f64 / 1e6 / best,
        best * 1e6 / n as f64
    );
    println!("incremental: {:.2} µs per new message (after {n} messages)", per * 1e6);
    ExitCode::SUCCESS
}
