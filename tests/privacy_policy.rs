//! PRIVACY.md states how long Saavdhan keeps what it keeps; these are the figures the
//! stores actually use, so the policy cannot drift from the code.
use saavdhan::state::{contacts, warnings_log};

const POLICY: &str = include_str!("../PRIVACY.md");
const POLICY_HI: &str = include_str!("../PRIVACY.hi.md");
const POLICY_MR: &str = include_str!("../PRIVACY.mr.md");

#[test]
fn contact_facts_expiry_is_the_policys() {
    let days = contacts::EXPIRY_DAYS;
    assert!(POLICY.contains(&format!("deleted after {days} days without activity")), "PRIVACY.md: {days} days");
    assert!(POLICY_HI.contains(&format!("{days} दिन")), "PRIVACY.hi.md: {days} दिन");
    assert!(POLICY_MR.contains(&format!("{days} दिवस")), "PRIVACY.mr.md: {days} दिवस");
}

#[test]
fn warnings_log_length_is_the_policys() {
    let n = warnings_log::MAX_ENTRIES;
    assert!(POLICY.contains(&format!("the last {n} warnings")), "PRIVACY.md: last {n} warnings");
    assert!(POLICY_HI.contains(&format!("पिछली {n} चेतावनियाँ")), "PRIVACY.hi.md");
    assert!(POLICY_MR.contains(&format!("शेवटच्या {n} सूचना")), "PRIVACY.mr.md");
}

#[test]
fn the_policy_promises_no_network_and_no_message_text() {
    for needle in ["It sends nothing to anyone", "It never keeps what anyone", "Delete all data"] {
        assert!(POLICY.contains(needle), "PRIVACY.md must say: {needle}");
    }
}
