//! The extension's en / hi / mr message catalogues (`extension/_locales/*/messages.json`,
//! WebExtension i18n format), embedded into the WebAssembly at build time so the
//! content script follows the language chosen in the options (`Settings.language`),
//! not only the browser's. Fallback order: chosen language → browser language
//! (`navigator.language`) → English; a key missing in hi/mr falls back to English.
//!
//! Pure Rust apart from [`browser_language`]; unit-tested natively through
//! `tests/warning_ui.rs`.
use crate::state::settings::Language;

// Made by build/catalogues.rs: `N`, `KEYS` (lowercased, sorted) and `EN`, `HI`, `MR`
// (each language's texts in the order of `KEYS`, named placeholders already
// positional, translators' descriptions left out). In the content script's module
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
    texts: &'static [&'static str; tables::N],
}

impl Catalogue {
    pub fn get(&self, key: &str) -> Option<&'static str> {
        let i = if key.bytes().any(|b| b.is_ascii_uppercase()) {
            tables::KEYS.binary_search(&key.to_ascii_lowercase().as_str())
        } else {
            tables::KEYS.binary_search(&key)
        };
        i.ok().map(|i| self.texts[i])
    }

    pub fn keys(&self) -> impl Iterator<Item = &'static str> {
        tables::KEYS.iter().copied()
    }
}

/// Replaces `$1`…`$9` with `subs` (missing ones become empty); `$$` is a `$`.
/// Substitutions are plain text and are not re-scanned.
pub fn substitute(template: &str, subs: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
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
                let n = d as usize - '1' as usize;
                out.push_str(subs.get(n).copied().unwrap_or(""));
            }
            _ => out.push('$'),
        }
    }
    out
}

pub fn catalogue(lang: Language) -> &'static Catalogue {
    static EN: Catalogue = Catalogue { texts: &tables::EN };
    static HI: Catalogue = Catalogue { texts: &tables::HI };
    static MR: Catalogue = Catalogue { texts: &tables::MR };
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
    fn real_catalogues_translate() {
        assert_eq!(t(Language::En, "button_known"), "I really know this person");
        assert!(t(Language::Hi, "danger_title").contains("ब्लैकमेल"));
        assert!(t(Language::Mr, "danger_title").contains("ब्लॅकमेल"));
        let s = tr(Language::En, "warning_reason_offplatform", &["Priya", "3 days after you became friends"]);
        assert_eq!(s, "Priya asked for your phone or WhatsApp number 3 days after you became friends.");
        assert_eq!(t(Language::En, "no_such_key"), "no_such_key");
    }

    #[test]
    fn every_key_in_all_three_catalogues_with_same_placeholders() {
        let en = catalogue(Language::En);
        assert!(en.keys().count() > 50);
        for lang in [Language::Hi, Language::Mr] {
            let c = catalogue(lang);
            let mut missing: Vec<&str> = en.keys().filter(|k| c.get(k).is_none()).collect();
            missing.sort();
            assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
            let mut extra: Vec<&str> = c.keys().filter(|k| en.get(k).is_none()).collect();
            extra.sort();
            assert!(extra.is_empty(), "{lang:?} has keys English lacks: {extra:?}");
            for k in en.keys() {
                for n in 1..=9 {
                    let p = format!("${n}");
                    assert_eq!(
                        en.get(k).unwrap().contains(&p),
                        c.get(k).unwrap().contains(&p),
                        "{lang:?} {k}: placeholder {p} differs from English"
                    );
                }
                assert!(!c.get(k).unwrap().trim().is_empty(), "{lang:?} {k} is empty");
            }
        }
    }
}
