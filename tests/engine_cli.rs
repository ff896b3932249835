//! The `saavdhan scan` command on the three input formats, and its errors.
use std::process::Command;

fn scan(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_saavdhan"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("scan")
        .args(args)
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn json_lines_for_every_format() {
    let (code, out, err) = scan(&[
        "--json",
        "tests/corpus/scam_en_01_classic.json",
        "tests/corpus/imports/facebook",
        "tests/corpus/imports/WhatsApp Chat with Priya.txt",
    ]);
    assert_eq!(code, 0, "{err}");
    let v = lines(&out);
    assert_eq!(v.len(), 3);
    for l in &v {
        for k in ["file", "level", "stage", "first_warning_at", "evidence"] {
            assert!(l.get(k).is_some(), "{k} missing in {l}");
        }
        assert_eq!(l["level"], "danger", "{l}");
    }
    // The Facebook export's mojibake is undone: evidence quotes real Devanagari.
    assert!(v[1]["evidence"].to_string().contains("वायरल"), "{}", v[1]);
    assert!(v[1]["file"].as_str().unwrap().ends_with("message_1.json"));
}

#[test]
fn whatsapp_ios_family_chat_is_calm_with_me_named() {
    let (code, out, err) = scan(&["--json", "--me", "Papa", "tests/corpus/imports/ios_family.txt"]);
    assert_eq!(code, 0, "{err}");
    let v = lines(&out);
    assert!(v[0]["level"] == "none" || v[0]["level"] == "notice", "{}", v[0]);
}

#[test]
fn errors_name_file_and_line_and_other_files_still_scanned() {
    let (code, out, err) = scan(&["tests/corpus/imports/broken.txt", "tests/corpus/no_such_file.json", "tests/corpus/benign_01_family_forwards_en.json"]);
    assert_ne!(code, 0);
    assert!(err.contains("broken.txt:2:"), "{err}");
    assert!(err.contains("no_such_file.json"), "{err}");
    assert!(out.contains("benign_01_family_forwards_en.json") && out.contains("NONE"), "{out}");
}

#[test]
fn readable_summary_lists_evidence() {
    let (code, out, _) = scan(&["tests/corpus/scam_hi_01.json"]);
    assert_eq!(code, 0);
    assert!(out.contains("DANGER") && out.contains("warning from message") && out.contains("off_platform.number_ask.hi"), "{out}");
}

#[test]
fn an_impossible_time_is_refused_naming_the_field() {
    let dir = std::env::temp_dir().join(format!("saavdhan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        ("at", r#"{"contact": {"name": "A", "friend_status": "unknown"}, "messages": [{"from": "them", "at": "2026-02-31T10:00:00+05:30", "text": "hi"}]}"#),
        ("first_seen", r#"{"contact": {"name": "A", "friend_status": "unknown", "first_seen": "2026-11-02T08:01:00+99:99"}}"#),
    ];
    for (field, json) in cases {
        let f = dir.join(format!("{field}.json"));
        std::fs::write(&f, json).unwrap();
        let (code, _, err) = scan(&[f.to_str().unwrap()]);
        assert_ne!(code, 0, "{field}");
        assert!(err.contains(&format!("`{field}`")) && err.contains("impossible date"), "{err}");
    }
    std::fs::remove_dir_all(&dir).ok();
}
