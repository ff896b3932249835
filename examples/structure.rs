//! Developer aid (issue 12, round ten): structural features of each conversation at the
//! contact's first step of the chain (her first off-platform or video-call cue, as the
//! engine tags it; for a scam the engine missed, the step its annotation names), and how
//! each feature splits scams from benign conversations, warned and not.
//!
//! `cargo run --release --example structure -- DIR...` (e.g. `tests/corpus tests/tuning`);
//! `--list` also prints one line per conversation; `--at-warning` measures at the first
//! warning instead (of the conversations warned). Group chats are left out (each member is
//! her own contact there). Measures only: nothing here changes what the engine decides.
use saavdhan::engine::eval::{load_dir, Case};
use saavdhan::engine::{Level, MessageKind, Sender, Stage, Tracker, Tuning};
use std::path::Path;

/// Emoji of affection, flowers and kisses (a courting contact's, not a service's).
const AFFECTION: &[&str] = &["❤", "♥", "😍", "😘", "🥰", "💕", "💖", "💗", "💓", "💞", "💋", "🌹", "🌸", "💐", "🌺", "🤗", "😚", "😙", "☺", "🙈", "💝", "😻", "🌷"];

const FEATURES: &[&str] = &[
    "step among her first 3 messages",
    "start known (start_visible / conversation_start)",
    "start known and step among her first 3",
    "user opened (first loaded message his)",
    "user opened, start known",
    "user asked '?' before the step",
    "user wrote >= 40 chars before the step",
    "user's first message >= 6 words",
    "message right before the step is his",
    "digits before the step (either side)",
    "digits in the step itself",
    "link/image/video/audio before the step",
    "her '?' before the step",
    "her >= 2 '?' before the step",
    "her affection emoji before the step",
    "engine's strong grooming tag before the step",
    "her affection emoji or strong grooming tag before",
    "user wrote >= as many messages as her before",
    "step within 24 h of the first message",
    "suspicion at the step >= 1",
    "suspicion at the step in [-2, 0]",
    "a cue of the chain before the step (threat, money, recording, grooming beyond greetings)",
];

struct Row {
    file: String,
    scam: bool,
    warned: bool,
    warned_at: Option<usize>,
    step: Option<usize>,
    suspicion: i32,
    f: Vec<bool>,
}

fn has_digit(t: &str) -> bool {
    t.chars().any(|c| c.is_numeric())
}

fn strong_grooming(rule: &str) -> bool {
    rule.starts_with("grooming.") && (rule.contains("flattery") || rule.contains("personal") || rule.contains("intimacy") || rule.contains("alone"))
}

fn measure(case: &Case, at_warning: bool) -> Option<Row> {
    let c = &case.conversation;
    if c.contact.group {
        return None;
    }
    let scam = case.expect.kind == "scam";
    let mut t = Tracker::new(c.contact.clone(), Tuning::default(), None);
    let mut sus = Vec::new();
    for m in &c.messages {
        t.push(m);
        sus.push(t.suspicion_now());
    }
    let a = t.assessment();
    let engine_step = a
        .evidence
        .iter()
        .filter(|e| matches!(e.stage, Stage::OffPlatform | Stage::VideoCall))
        .filter_map(|e| e.message)
        .filter(|&i| c.messages[i].from == Sender::Them)
        .min();
    let annotated = [case.expect.off_platform_at, case.expect.video_call_at].into_iter().flatten().min();
    let step = if at_warning {
        a.first_warning_at
    } else if scam {
        engine_step.into_iter().chain(annotated).min()
    } else {
        engine_step
    };
    let warned = a.first_warning_at.is_some();
    let Some(k) = step else {
        return Some(Row { file: case.file.clone(), scam, warned, warned_at: a.first_warning_at, step: None, suspicion: 0, f: vec![] });
    };
    let before = &c.messages[..k];
    let text = |m: &saavdhan::engine::Message| m.text.clone().unwrap_or_default();
    let hers: Vec<_> = before.iter().filter(|m| m.from == Sender::Them).collect();
    let mine: Vec<_> = before.iter().filter(|m| m.from == Sender::Me).collect();
    let start_known = c.contact.start_visible || c.contact.conversation_start.is_some();
    let early = hers.len() < 3;
    let opened_by_me = c.messages.first().is_some_and(|m| m.from == Sender::Me);
    let me_q = mine.iter().any(|m| text(m).contains('?'));
    let me_chars: usize = mine.iter().map(|m| text(m).chars().count()).sum();
    let me_first_long = c.messages.iter().find(|m| m.from == Sender::Me).is_some_and(|m| text(m).split_whitespace().count() >= 6) && opened_by_me;
    let last_is_mine = k > 0 && c.messages[k - 1].from == Sender::Me;
    let digits_before = before.iter().any(|m| has_digit(&text(m)));
    let digits_step = has_digit(&text(&c.messages[k]));
    let media = before.iter().any(|m| matches!(m.kind, MessageKind::Link | MessageKind::Image | MessageKind::Video | MessageKind::Audio));
    let her_q = hers.iter().filter(|m| text(m).contains('?')).count();
    let affection = hers.iter().any(|m| {
        let s = text(m);
        AFFECTION.iter().any(|e| s.contains(e))
    });
    let groomed = a.evidence.iter().any(|e| e.message.is_some_and(|i| i < k) && strong_grooming(&e.rule));
    let prior_cue = a.evidence.iter().any(|e| {
        e.message.is_some_and(|i| i < k) && !e.rule.contains("greeting") && matches!(e.stage, Stage::Grooming | Stage::Extortion | Stage::VideoCall | Stage::OffPlatform)
    });
    let balance = mine.len() >= hers.len();
    let within_day = match (c.messages.first().and_then(|m| m.at), c.messages[k].at) {
        (Some(f), Some(s)) => s.unix() - f.unix() <= 86_400,
        _ => false,
    };
    let s = if k > 0 { sus[k - 1] } else { sus[0] };
    let f = vec![
        early,
        start_known,
        start_known && early,
        opened_by_me,
        opened_by_me && start_known,
        me_q,
        me_chars >= 40,
        me_first_long,
        last_is_mine,
        digits_before,
        digits_step,
        media,
        her_q >= 1,
        her_q >= 2,
        affection,
        groomed,
        affection || groomed,
        balance,
        within_day,
        s >= 1,
        (-2..=0).contains(&s),
        prior_cue,
    ];
    Some(Row { file: case.file.clone(), scam, warned, warned_at: a.first_warning_at, step: Some(k), suspicion: s, f })
}

fn main() {
    let mut list = false;
    let mut at_warning = false;
    let mut rows = Vec::new();
    for arg in std::env::args().skip(1) {
        if arg == "--list" {
            list = true;
            continue;
        }
        if arg == "--at-warning" {
            at_warning = true;
            continue;
        }
        let cases = load_dir(Path::new(&arg)).unwrap_or_else(|e| panic!("{e}"));
        rows.extend(cases.iter().filter_map(|c| measure(c, at_warning)));
    }
    let with_step: Vec<&Row> = rows.iter().filter(|r| r.step.is_some()).collect();
    let scams: Vec<&&Row> = with_step.iter().filter(|r| r.scam).collect();
    let fa: Vec<&&Row> = with_step.iter().filter(|r| !r.scam && r.warned).collect();
    let quiet: Vec<&&Row> = with_step.iter().filter(|r| !r.scam && !r.warned).collect();
    println!(
        "one-to-one conversations: {} (scams {}, benign {}); with a step: scams {}, benign warned {}, benign with a step not warned {}; benign warned with no step of hers: {}",
        rows.len(),
        rows.iter().filter(|r| r.scam).count(),
        rows.iter().filter(|r| !r.scam).count(),
        scams.len(),
        fa.len(),
        quiet.len(),
        rows.iter().filter(|r| !r.scam && r.warned && r.step.is_none()).count(),
    );
    let at = if at_warning { "the first warning (the step column: conversations warned)" } else { "her first step" };
    println!("| feature at {at} | scams | benign warned (false alarms) | benign with a step, not warned |");
    println!("|---|---|---|---|");
    for (i, name) in FEATURES.iter().enumerate() {
        let n = |set: &[&&Row]| set.iter().filter(|r| r.f[i]).count();
        let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
        println!(
            "| {name} | {}/{} ({:.0}%) | {}/{} ({:.0}%) | {}/{} ({:.0}%) |",
            n(&scams),
            scams.len(),
            pct(n(&scams), scams.len()),
            n(&fa),
            fa.len(),
            pct(n(&fa), fa.len()),
            n(&quiet),
            quiet.len(),
            pct(n(&quiet), quiet.len())
        );
    }
    if list {
        for r in &rows {
            let bits: String = r.f.iter().map(|&b| if b { '1' } else { '.' }).collect();
            println!("{} {} step={:?} s={} {} {} warn={:?}", if r.scam { "S" } else { "B" }, if r.warned { "W" } else { "-" }, r.step, r.suspicion, bits, r.file, r.warned_at);
        }
    }
    let _ = Level::None;
}
