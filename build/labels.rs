// Compiles labels/*.toml (Facebook UI label dictionaries, one file per UI
// language) into $OUT_DIR/labels.json: {"en": {"not_friends": ["…"], …}, …}.
// A malformed file, a missing key, an empty variant or a variant with more than
// one "{x}" fails the build and names the file.
use std::collections::BTreeMap;

/// Every dictionary must have all of these (src/web/reader/labels.rs uses them).
pub const KEYS: &[&str] = &[
    "not_friends", "friends", "friends_since", "joined", "mutual_friends", "friend_count",
    "lives_in", "from", "works_at", "forwarded", "missed_video_call", "video_call",
    "missed_audio_call", "audio_call", "you_sent", "sticker", "voice_message", "photo",
    "confirm", "delete", "friend_requests", "messages_with", "chats",
    "months", "weekdays", "today", "yesterday",
];
/// These capture a value and so must carry "{x}" in every variant.
const CAPTURING: &[&str] =
    &["friends_since", "joined", "mutual_friends", "friend_count", "lives_in", "from", "works_at", "messages_with"];

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    lang: String,
    labels: BTreeMap<String, Vec<String>>,
}

pub fn compile() {
    println!("cargo:rerun-if-changed=labels");
    let mut all: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    let mut paths: Vec<_> = std::fs::read_dir("labels")
        .expect("labels/ directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        assert_eq!(file.lang, stem, "{name}: lang must equal the file name");
        for key in KEYS {
            let v = file.labels.get(*key).unwrap_or_else(|| panic!("{name}: missing label `{key}`"));
            assert!(!v.is_empty(), "{name}: `{key}` has no variants");
            for s in v {
                assert!(!s.trim().is_empty(), "{name}: `{key}` has an empty variant");
                let holes = s.matches("{x}").count();
                if CAPTURING.contains(key) {
                    assert_eq!(holes, 1, "{name}: `{key}` variant {s:?} needs exactly one {{x}}");
                } else {
                    assert_eq!(holes, 0, "{name}: `{key}` variant {s:?} must not capture");
                }
            }
        }
        for (key, n) in [("months", 12), ("weekdays", 7)] {
            assert_eq!(file.labels[key].len(), n, "{name}: `{key}` needs {n} entries");
        }
        for key in file.labels.keys() {
            assert!(KEYS.contains(&key.as_str()), "{name}: unknown label `{key}`");
        }
        all.insert(file.lang, file.labels);
    }
    assert!(all.contains_key("en"), "labels/en.toml is required (the fallback)");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("labels.json");
    std::fs::write(out, serde_json::to_string(&all).unwrap()).unwrap();
}
