//! The engine: the compiled rules and their matcher, built once.

use super::matcher::{Hit, Matcher};
use super::rules::{self, Rule};
use std::collections::HashMap;
use std::sync::OnceLock;

pub struct Engine {
    rules: Vec<Rule>,
    matcher: Matcher,
    by_id: HashMap<String, usize>,
}

impl Engine {
    /// The rules shipped in `rules/*.toml`, parsed and compiled on first use.
    pub fn builtin() -> &'static Engine {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        ENGINE.get_or_init(|| {
            Engine::from_json(rules::BUILTIN_JSON).expect("built-in rules were validated by build.rs")
        })
    }

    /// An engine from compiled rule JSON (the format build.rs writes).
    pub fn from_json(json: &str) -> Result<Engine, String> {
        let rules = rules::parse(json)?;
        let matcher = Matcher::new(&rules)?;
        let by_id = rules.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
        Ok(Engine { rules, matcher, by_id })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.by_id.get(id).map(|&i| &self.rules[i])
    }

    pub(crate) fn rule_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The rules that fire in one message text.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        self.matcher.scan(text)
    }
}
