//! Scoring the engine on an annotated corpus (`saavdhan eval DIR`, and the budget gate in
//! tests/engine_corpus.rs). Each corpus file is a conversation (README "The conversation
//! format") with an "expect" object the engine ignores:
//! scam: {"kind": "scam", "language", "off_platform_at", "video_call_at", "extortion_at"}
//! (0-based message indices of the first message of each stage, null when absent);
//! benign: {"kind": "benign", "language", "category"}.

use super::{Conversation, Level, Tracker, Tuning};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize)]
pub struct Expect {
    pub kind: String,
    #[serde(default)]
    pub language: String,
    #[serde(default, alias = "first_off_platform")]
    pub off_platform_at: Option<usize>,
    #[serde(default, alias = "first_video_call")]
    pub video_call_at: Option<usize>,
    #[serde(default, alias = "first_extortion")]
    pub extortion_at: Option<usize>,
}

#[derive(Deserialize)]
struct Annotated {
    expect: Expect,
}

/// One annotated conversation of a corpus.
pub struct Case {
    pub file: String,
    pub expect: Expect,
    pub conversation: Conversation,
}

/// Reads every `*.json` file of `dir` and its subfolders (sorted by path).
pub fn load_dir(dir: &Path) -> Result<Vec<Case>, String> {
    let mut paths = Vec::new();
    collect(dir, &mut paths)?;
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            let a: Annotated = serde_json::from_str(&text).map_err(|e| format!("{}: expect: {e}", p.display()))?;
            let conversation: Conversation = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))?;
            Ok(Case { file: p.display().to_string(), expect: a.expect, conversation })
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let rd = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in rd {
        let p = e.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if p.is_dir() {
            // tests/corpus/imports holds export files for `saavdhan scan`, not annotated cases.
            if p.file_name().is_some_and(|n| n != "imports") {
                collect(&p, out)?;
            }
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
    Ok(())
}

/// What the engine did on one case, message by message.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub file: String,
    pub scam: bool,
    pub language: String,
    /// Level after each message.
    pub levels: Vec<Level>,
    pub first_warning_at: Option<usize>,
    pub first_danger_at: Option<usize>,
    pub expect: Expect,
}

impl Outcome {
    /// The highest level reached at any message (what the benign columns count).
    pub fn peak_level(&self) -> Level {
        self.levels.iter().copied().max().unwrap_or_default()
    }
    /// Warned at or before the video-call step (the invitation or the contact's call).
    pub fn warned_by_video_call(&self) -> Option<bool> {
        let vc = self.expect.video_call_at?;
        Some(self.first_warning_at.is_some_and(|w| w <= vc))
    }
    /// Warned no later than one message after the off-platform ask.
    pub fn warned_near_off_platform(&self) -> Option<bool> {
        let off = self.expect.off_platform_at?;
        Some(self.first_warning_at.is_some_and(|w| w <= off + 1))
    }
    /// Reached danger once the extortion began (by the end of the conversation).
    pub fn extortion_danger(&self) -> Option<bool> {
        let ext = self.expect.extortion_at?;
        let _ = ext;
        Some(self.first_danger_at.is_some())
    }
    /// Messages between the first warning and the video-call step (positive: ahead).
    pub fn lead_over_video_call(&self) -> Option<i64> {
        let vc = self.expect.video_call_at?;
        self.first_warning_at.map(|w| vc as i64 - w as i64)
    }
}

pub fn run(case: &Case, tuning: Tuning) -> Outcome {
    let c = &case.conversation;
    let mut t = Tracker::new(c.contact.clone(), tuning, None);
    let mut levels = Vec::with_capacity(c.messages.len());
    let mut first_danger_at = None;
    for (i, m) in c.messages.iter().enumerate() {
        let l = t.push(m).level;
        if l == Level::Danger && first_danger_at.is_none() {
            first_danger_at = Some(i);
        }
        levels.push(l);
    }
    Outcome {
        file: case.file.clone(),
        scam: case.expect.kind == "scam",
        language: case.expect.language.clone(),
        levels,
        first_warning_at: t.assessment().first_warning_at,
        first_danger_at,
        expect: case.expect.clone(),
    }
}

/// A count of successes over a count of cases.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Ratio {
    pub hit: usize,
    pub of: usize,
}

impl Ratio {
    fn add(&mut self, v: Option<bool>) {
        if let Some(b) = v {
            self.of += 1;
            self.hit += b as usize;
        }
    }
    /// The fraction (1 when there is nothing to count).
    pub fn rate(&self) -> f64 {
        if self.of == 0 {
            1.0
        } else {
            self.hit as f64 / self.of as f64
        }
    }
    fn cell(&self) -> String {
        if self.of == 0 {
            "-".into()
        } else {
            format!("{}/{} {:>3.0}%", self.hit, self.of, self.rate() * 100.0)
        }
    }
}

/// The figures of one row of the table (one language, or all).
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub scams: usize,
    pub benign: usize,
    pub near_off_platform: Ratio,
    pub by_video_call: Ratio,
    pub extortion_danger: Ratio,
    pub benign_warning: Ratio,
    pub benign_danger: Ratio,
}

impl Row {
    fn add(&mut self, o: &Outcome) {
        if o.scam {
            self.scams += 1;
            self.near_off_platform.add(o.warned_near_off_platform());
            self.by_video_call.add(o.warned_by_video_call());
            self.extortion_danger.add(o.extortion_danger());
        } else {
            self.benign += 1;
            let l = o.peak_level();
            self.benign_warning.add(Some(l >= Level::Warning));
            self.benign_danger.add(Some(l >= Level::Danger));
        }
    }
}

/// The whole score: per language and in total.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub by_language: BTreeMap<String, Row>,
    pub total: Row,
    /// First warning relative to the video-call step: before, at, after, never.
    pub lead: [usize; 4],
    pub outcomes: Vec<Outcome>,
}

pub fn score(cases: &[Case], tuning: Tuning) -> Report {
    Report::from_outcomes(cases.iter().map(|c| run(c, tuning)).collect())
}

impl Report {
    /// The figures of these outcomes.
    pub fn from_outcomes(outcomes: Vec<Outcome>) -> Report {
        let mut r = Report::default();
        for o in outcomes {
            r.add(o);
        }
        r
    }

    fn add(&mut self, o: Outcome) {
        let r = self;
        r.by_language.entry(o.language.clone()).or_default().add(&o);
        r.total.add(&o);
        if o.scam {
            if let Some(vc) = o.expect.video_call_at {
                let k = match o.first_warning_at {
                    Some(w) if w < vc => 0,
                    Some(w) if w == vc => 1,
                    Some(_) => 2,
                    None => 3,
                };
                r.lead[k] += 1;
            }
        }
        r.outcomes.push(o);
    }
}

impl Report {
    /// The table `saavdhan eval` prints.
    pub fn table(&self) -> String {
        let mut s = String::new();
        s.push_str(&format!(
            "{:<10} {:>5} {:>6} | {:>13} {:>13} {:>13} | {:>13} {:>13}\n",
            "language", "scams", "benign", "warn<=off+1", "warn<=vcall", "extort>dangr", "benign>=warn", "benign=dangr"
        ));
        let line = |name: &str, r: &Row| {
            format!(
                "{:<10} {:>5} {:>6} | {:>13} {:>13} {:>13} | {:>13} {:>13}\n",
                name,
                r.scams,
                r.benign,
                r.near_off_platform.cell(),
                r.by_video_call.cell(),
                r.extortion_danger.cell(),
                r.benign_warning.cell(),
                r.benign_danger.cell()
            )
        };
        for (l, r) in &self.by_language {
            s.push_str(&line(l, r));
        }
        s.push_str(&line("ALL", &self.total));
        let [b, a, late, never] = self.lead;
        s.push_str(&format!(
            "first warning vs the video-call step: {b} before, {a} at it, {late} after, {never} never\n"
        ));
        s
    }

    /// One line per scam missed and per benign conversation flagged.
    pub fn misses(&self) -> String {
        let mut s = String::new();
        for o in &self.outcomes {
            let mut why = Vec::new();
            if o.warned_near_off_platform() == Some(false) {
                why.push(format!("late at off-platform {:?}", o.expect.off_platform_at));
            }
            if o.warned_by_video_call() == Some(false) {
                why.push(format!("not warned by video call {:?}", o.expect.video_call_at));
            }
            if o.extortion_danger() == Some(false) {
                why.push(format!("no danger after extortion {:?}", o.expect.extortion_at));
            }
            if !o.scam && o.peak_level() >= Level::Warning {
                why.push(format!("benign at {:?}", o.peak_level()));
            }
            if !why.is_empty() {
                s.push_str(&format!("{}: first warning {:?}: {}\n", o.file, o.first_warning_at, why.join("; ")));
            }
        }
        s
    }
}

/// Budgets (fractions) the corpus must meet: tests/data/eval_budgets.json.
#[derive(Debug, Clone, Deserialize)]
pub struct Budgets {
    pub warned_by_video_call_min: f64,
    pub warned_near_off_platform_min: f64,
    pub extortion_danger_min: f64,
    pub benign_warning_max: f64,
    pub benign_danger_max: f64,
}

impl Budgets {
    /// The budgets `report` falls under, in words (empty: all met).
    pub fn check(&self, r: &Report) -> Vec<String> {
        let t = &r.total;
        let mut out = Vec::new();
        let mut min = |what: &str, v: &Ratio, b: f64| {
            if v.rate() < b {
                out.push(format!("{what}: {}/{} = {:.1}% < {:.1}%", v.hit, v.of, v.rate() * 100.0, b * 100.0));
            }
        };
        min("warned by the video-call step", &t.by_video_call, self.warned_by_video_call_min);
        min("warned within one message of the off-platform ask", &t.near_off_platform, self.warned_near_off_platform_min);
        min("extortions at danger", &t.extortion_danger, self.extortion_danger_min);
        for (what, v, b) in [
            ("benign at warning or above", &t.benign_warning, self.benign_warning_max),
            ("benign at danger", &t.benign_danger, self.benign_danger_max),
        ] {
            if v.of > 0 && v.rate() > b {
                out.push(format!("{what}: {}/{} = {:.1}% > {:.1}%", v.hit, v.of, v.rate() * 100.0, b * 100.0));
            }
        }
        out
    }
}
