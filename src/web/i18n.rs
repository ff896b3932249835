//! The extension's en / hi / mr message catalogues (`extension/_locales/*/messages.json`,
//! WebExtension i18n format), embedded into the WebAssembly at build time so the
//! content script follows the language chosen in the options (`Settings.language`),
//! not only the browser's. Fallback order: chosen language → browser language
//! (`navigator.language`) → English; a key missing in hi/mr falls back to English.
//!
//! Pure Rust apart from [`browser_language`]; unit-tested natively
//! (`cargo test --lib web::i18n`).
use crate::state::settings::Language;
use saavdhan_normalize::pack::unpack_text;
use std::sync::OnceLock;

// Made by build/catalogues.rs: `N`, `KEYS` (lowercased, sorted) and `EN`, `HI`, `MR`
// (each language's texts in the order of `KEYS`, one per line, packed by
// saavdhan_normalize::pack; named placeholders already positional, translators'
// descriptions left out). In the content script's module
// only the keys its code names are there.
mod tables {
    include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));
}

// The build's catalogue compiler, for the placeholder test.
#[cfg(test)]
#[allow(dead_code)]
#[path = "../../build/catalogues.rs"]
mod source;

/// One language: message name → text with named placeholders already turned
/// into positional `$1`…`$9` (as chrome.i18n does).
pub struct Catalogue {
    packed: &'static [u8],
    /// `packed` unpacked at the first look-up, one text per key (kept for the page's life).
    texts: OnceLock<Vec<&'static str>>,
}

impl Catalogue {
    pub fn get(&self, key: &str) -> Option<&'static str> {
        let i = if key.bytes().any(|b| b.is_ascii_uppercase()) {
            tables::KEYS.binary_search(&key.to_ascii_lowercase().as_str())
        } else {
            tables::KEYS.binary_search(&key)
        };
        i.ok().and_then(|i| self.texts().get(i).copied())
    }

    fn texts(&self) -> &[&'static str] {
        self.texts.get_or_init(|| {
            let text: &'static str = Box::leak(unpack_text(self.packed).unwrap_or_default().into_boxed_str());
            crate::engine::plan::lines(text)
        })
    }

    pub fn keys(&self) -> impl Iterator<Item = &'static str> {
        tables::KEYS.iter().copied()
    }
}

/// Replaces `$1`…`$9` with `subs` (missing ones become empty); `$$` is a `$`.
/// Substitutions are plain text and are not re-scanned.
pub fn substitute(template: &str, subs: &[&str]) -> String {
    // Read by bytes ('$' and the digits are ASCII, so every cut is at a character's
    // boundary) and copied a run at a time: no `Peekable` of the characters
    // (docs/performance.md "Size, round 44").
    let mut out = String::with_capacity(template.len() + 16);
    let b = template.as_bytes();
    let (mut i, mut from) = (0, 0);
    while i < b.len() {
        if b[i] != b'$' {
            i += 1;
            continue;
        }
        out.push_str(&template[from..i]);
        match b.get(i + 1) {
            Some(b'$') => {
                out.push('$');
                i += 2;
            }
            Some(&d @ b'1'..=b'9') => {
                out.push_str(subs.get(usize::from(d - b'1')).copied().unwrap_or(""));
                i += 2;
            }
            _ => {
                out.push('$');
                i += 1;
            }
        }
        from = i;
    }
    out.push_str(&template[from..]);
    out
}

pub fn catalogue(lang: Language) -> &'static Catalogue {
    static EN: Catalogue = Catalogue { packed: tables::EN, texts: OnceLock::new() };
    static HI: Catalogue = Catalogue { packed: tables::HI, texts: OnceLock::new() };
    static MR: Catalogue = Catalogue { packed: tables::MR, texts: OnceLock::new() };
    match lang {
        Language::En => &EN,
        Language::Hi => &HI,
        Language::Mr => &MR,
    }
}

/// The message `key` in `lang` with `subs` filled in; English if the language
/// lacks it; the key itself if even English lacks it (visible in tests, never a panic).
pub fn tr(lang: Language, key: &str, subs: &[&str]) -> String {
    let template = catalogue(lang)
        .get(key)
        .or_else(|| catalogue(Language::En).get(key))
        .unwrap_or(key);
    substitute(template, subs)
}

/// Shorthand for [`tr`] without substitutions.
pub fn t(lang: Language, key: &str) -> String {
    tr(lang, key, &[])
}

/// BCP 47 tag for the `lang` attribute.
pub fn lang_tag(lang: Language) -> &'static str {
    match lang {
        Language::En => "en",
        Language::Hi => "hi",
        Language::Mr => "mr",
    }
}

/// Maps a browser language tag ("hi-IN", "mr", "en-GB", …) to a catalogue.
pub fn from_tag(tag: &str) -> Option<Language> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.as_str() {
        "en" => Some(Language::En),
        "hi" => Some(Language::Hi),
        "mr" => Some(Language::Mr),
        _ => None,
    }
}

/// The language to show: the one chosen in the options, else the browser's,
/// else English.
pub fn resolve(chosen: Option<Language>, browser_tag: Option<&str>) -> Language {
    chosen.or_else(|| browser_tag.and_then(from_tag)).unwrap_or(Language::En)
}

/// `navigator.language` (wasm32 only; `None` natively or when unavailable).
#[cfg(target_arch = "wasm32")]
pub fn browser_language() -> Option<String> {
    web_sys::window()?.navigator().language()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn browser_language() -> Option<String> {
    None
}

/// The language for these settings in this browser.
pub fn language_for(chosen: Option<Language>) -> Language {
    resolve(chosen, browser_language().as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_size_forty_four_substitute_by_bytes_as_by_peeked_chars() {
        // Size round 44: `substitute` reads bytes and copies runs; the same text as the
        // `Peekable` of characters it replaced.
        fn old(template: &str, subs: &[&str]) -> String {
            let mut out = String::new();
            let mut chars = template.chars().peekable();
            while let Some(c) = chars.next() {
                if c != '$' {
                    out.push(c);
                    continue;
                }
                match chars.peek().copied() {
                    Some('$') => {
                        chars.next();
                        out.push('$');
                    }
                    Some(d @ '1'..='9') => {
                        chars.next();
                        out.push_str(subs.get(d as usize - '1' as usize).copied().unwrap_or(""));
                    }
                    _ => out.push('$'),
                }
            }
            out
        }
        let subs = ["राम", "$1", "x"];
        for t in ["", "$", "$$", "$$$", "$0$1$2$3$4$9", "नमस्ते $1 जी, $$2 है $", "a$b", "$1$", "₹$2 · $3$$", "$ $1 $$$1", "é$1é"] {
            assert_eq!(substitute(t, &subs), old(t, &subs), "{t:?}");
        }
    }

    #[test]
    fn named_placeholders_become_positional() {
        let compact = super::source::compact(
            r#"{"A":{"message":"Hi $Name$, $x$ and $$5","placeholders":{"name":{"content":"$1"}}}}"#,
        )
        .unwrap();
        assert_eq!(compact["a"], "Hi $1, $x$ and $$5");
        assert_eq!(substitute(&compact["a"], &["<b>Ravi</b>"]), "Hi <b>Ravi</b>, $x$ and $5");
    }

    #[test]
    fn content_keys_are_the_source_string_literals() {
        let src = r##"let q = '"'; t(lang, "danger_title"); // "not_this"
            let s = "a \" b"; /* "nor_this" */ let r = r#"raw_key"#; fn f<'a>(x: &'a str) { g("last_key") }"##;
        let lits = super::source::string_literals(src);
        assert_eq!(lits, ["danger_title", "a \\\" b", "raw_key", "last_key"]);
    }

    #[test]
    fn content_keys_leave_the_unit_tests_out() {
        let src = "fn f() { t(lang, \"kept\") }\n#[cfg(test)]\nmod tests {\n    fn g() { t(lang, \"test_only\") }\n}\n";
        assert_eq!(super::source::string_literals(super::source::without_tests(src)), ["kept"]);
        assert_eq!(super::source::without_tests("no tests"), "no tests");
    }

    #[test]
    fn substitution_is_not_rescanned() {
        assert_eq!(substitute("$1 and $2", &["$2", "z"]), "$2 and z");
        assert_eq!(substitute("$1 $3", &["a"]), "a ");
        assert_eq!(substitute("costs $", &[]), "costs $");
    }

    #[test]
    fn language_fallbacks() {
        assert_eq!(resolve(Some(Language::Mr), Some("hi-IN")), Language::Mr);
        assert_eq!(resolve(None, Some("hi-IN")), Language::Hi);
        assert_eq!(resolve(None, Some("mr_IN")), Language::Mr);
        assert_eq!(resolve(None, Some("ta-IN")), Language::En);
        assert_eq!(resolve(None, None), Language::En);
    }

    #[test]
    fn every_catalogue_unpacks_to_its_messages_json() {
        for (lang, code) in [(Language::En, "en"), (Language::Hi, "hi"), (Language::Mr, "mr")] {
            let path = format!("{}/extension/_locales/{code}/messages.json", env!("CARGO_MANIFEST_DIR"));
            let source = source::compact(&std::fs::read_to_string(path).unwrap()).unwrap();
            let c = catalogue(lang);
            assert_eq!((c.texts().len(), source.len()), (tables::N, tables::N), "{code}");
            for k in c.keys() {
                assert_eq!(c.get(k), Some(source[k].as_str()), "{code} {k}");
            }
        }
    }

    #[test]
    fn real_catalogues_translate() {
        assert_eq!(t(Language::En, "button_known"), "I really know this person");
        assert!(t(Language::Hi, "danger_title").contains("ब्लैकमेल"));
        assert!(t(Language::Mr, "danger_title").contains("ब्लॅकमेल"));
        let s = tr(Language::En, "warning_reason_offplatform", &["Priya", "3 days after you became friends"]);
        assert_eq!(s, "Priya asked for your phone or WhatsApp number 3 days after you became friends.");
        assert_eq!(t(Language::En, "no_such_key"), "no_such_key");
    }

    // The build already refuses catalogues whose keys differ (build/catalogues.rs);
    // these check what it does not: placeholders, translation, and the words the
    // native-speaker review settled on (extension/_locales/REVIEW.md).
    #[test]
    fn translations_keep_placeholders_and_are_translated() {
        let en = catalogue(Language::En);
        // Texts that are the same in every language: names of things, numbers, addresses.
        let same = ["police_uk_web", "police_uk_helpline", "popup_warning_line", "pin_prompt", "evidence_profile_id"];
        for lang in [Language::Hi, Language::Mr] {
            let c = catalogue(lang);
            for k in en.keys() {
                let (e, x) = (en.get(k).unwrap(), c.get(k).unwrap());
                for n in 1..=9 {
                    let p = format!("${n}");
                    assert_eq!(e.contains(&p), x.contains(&p), "{lang:?} {k}: placeholder {p} differs from English");
                }
                assert!(!x.trim().is_empty(), "{lang:?} {k} is empty");
                let has_letters = e.chars().filter(|c| c.is_ascii_alphabetic()).count() > 3;
                if has_letters && !same.contains(&k) {
                    assert!(x.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)), "{lang:?} {k} is not in Devanagari: {x}");
                }
            }
        }
    }

    #[test]
    fn hindi_and_marathi_use_facebooks_words_and_neutral_forms() {
        let all = |lang| catalogue(lang).keys().map(move |k| (k, catalogue(lang).get(k).unwrap()));
        // (word to avoid, why): masculine forms for a contact or the user, words Facebook does not use.
        let hi_avoid = [
            ("साझा दोस्त", "Facebook: आपसी मित्र"),
            ("दोस्ती का अनुरोध", "Facebook: फ़्रेंड रिक्वेस्ट"),
            ("जानता हूँ", "masculine"),
            ("धमका रहे", "masculine"),
            ("से जुड़े", "masculine"),
            ("नहीं मिले", "masculine"),
            ("कर सकते हैं", "masculine"),
            ("नहीं पाए", "masculine"),
        ];
        let mr_avoid = [
            ("सामायिक मित्र", "Facebook: म्युच्युअल फ्रेंड्स"),
            ("परस्पर मित्र", "Facebook: म्युच्युअल फ्रेंड्स"),
            ("मैत्रीची विनंती", "Facebook: फ्रेंड रिक्वेस्ट"),
            ("ओळखतो", "masculine"),
            ("वर आले", "masculine"),
            ("भेटला नाहीत", "masculine"),
            ("जाळ", "one word: सापळा"),
            ("पान", "one word: पेज"),
            ("फेसबुकवर तक्रार", "Facebook: रिपोर्ट; तक्रार is for the police"),
        ];
        for (k, x) in all(Language::Hi) {
            for (w, why) in hi_avoid {
                assert!(!x.contains(w), "hi {k}: {w:?} ({why}) in {x}");
            }
        }
        for (k, x) in all(Language::Mr) {
            for (w, why) in mr_avoid {
                assert!(!x.contains(w), "mr {k}: {w:?} ({why}) in {x}");
            }
            // "सूचना" names the lowest level only; a warning is "इशारा".
            if x.contains("सूचना") {
                assert!(["level_notice", "popup_level_notice", "welcome_show_notice"].contains(&k), "mr {k}: सूचना outside the level name: {x}");
            }
        }
        assert!(t(Language::Hi, "fact_no_mutual").contains("आपसी मित्र"));
        assert!(t(Language::Mr, "fact_no_mutual").contains("म्युच्युअल फ्रेंड"));
        assert!(t(Language::Hi, "fact_request").contains("फ़्रेंड रिक्वेस्ट"));
    }
}
