//! Facebook's UI labels per language (labels/*.toml, compiled by build/labels.rs).
//! The page's `html[lang]` picks the dictionary; English is always tried too,
//! because Facebook leaves some strings untranslated.
use std::collections::HashMap;
use std::rc::Rc;

mod table {
    include!(concat!(env!("OUT_DIR"), "/labels.rs")); // by build/labels.rs: static tables, no JSON
}

struct Variant {
    prefix: String,
    suffix: String,
    capture: bool,
}

/// One label's variants, normalised once when the dictionary is built.
#[derive(Default)]
struct Entry {
    variants: Vec<Variant>,
}

pub struct Labels {
    pub lang: String,
    map: HashMap<String, Entry>,
    /// Marker lines in a message row, worked out once per dictionary (they are
    /// tested against every text of every row): per key, its whole variants and
    /// its variants of three or more words (which may follow a name).
    markers: Vec<Marker>,
    /// The last characters of the markers' variants: a text whose normal form
    /// ends otherwise is no marker (most message texts; they are not normalised).
    marker_ends: Vec<char>,
}

struct Marker {
    key: &'static str,
    whole: Vec<String>,
    phrases: Vec<String>,
}

/// Marker lines ("Missed video call", "Priya forwarded a message") are not the
/// message; the first key that matches names the row's kind.
pub const MARKERS: [&str; 5] = ["missed_video_call", "missed_audio_call", "video_call", "audio_call", "forwarded"];

/// One language's labels as build/labels.rs writes them: a line per key, by key,
/// the key then each variant after a U+001F.
type Dict = String;

/// The static table's dictionary for `lang`, unpacked (build/labels.rs packs it as the
/// catalogues are: Devanagari a byte a character).
fn dict(lang: &str) -> Option<Dict> {
    table::LABELS.iter().find(|(l, _)| *l == lang).and_then(|(_, d)| saavdhan_normalize::pack::unpack_text(d))
}

thread_local! {
    /// The dictionaries built so far, by language (one or two a page): a list, not
    /// one more hash-map instance in the content module.
    static CACHE: std::cell::RefCell<Vec<(String, Rc<Labels>)>> = const { std::cell::RefCell::new(Vec::new()) };
}

pub use super::text::{clean, norm};
use super::text::{norm_chars, norm_last};

impl Labels {
    /// The dictionary for a UI language ("en", "en-GB", "hi", "mr-IN"...), plus English.
    pub fn for_lang(lang: &str) -> Rc<Labels> {
        let base = lang.split(['-', '_']).next().unwrap_or("en").to_ascii_lowercase();
        CACHE.with(|c| {
            if let Some((_, l)) = c.borrow().iter().find(|(lang, _)| *lang == base) {
                return l.clone();
            }
            let mut map: HashMap<String, Entry> = HashMap::new();
            let mut add = |dict: Option<Dict>| {
                let Some(dict) = dict else { return };
                for line in dict.split('\n') {
                    let mut vs = line.split('\u{1f}');
                    let k = vs.next().unwrap_or_default();
                    let e = map.entry(k.to_string()).or_default();
                    for v in vs {
                        let n = norm(v);
                        let (prefix, suffix, capture) = match n.split_once("{x}") {
                            Some((p, s)) => (p.to_string(), s.to_string(), true),
                            None => (n, String::new(), false),
                        };
                        e.variants.push(Variant { prefix, suffix, capture });
                    }
                }
            };
            let own = dict(&base);
            let known = own.is_some();
            add(own);
            if base != "en" {
                add(dict("en"));
            }
            // Loops, not `map(filter().map().collect()).collect()`: each adapter was code
            // of its own in the content module (docs/performance.md "Size, round 40").
            let mut markers: Vec<Marker> = Vec::new();
            for key in MARKERS {
                let vs = map.get(key).map(|e| e.variants.as_slice()).unwrap_or(&[]);
                let (mut whole, mut phrases) = (Vec::new(), Vec::new());
                for v in vs {
                    if !v.capture {
                        whole.push(v.prefix.clone());
                        if v.prefix.split(' ').count() >= 3 {
                            phrases.push(v.prefix.clone());
                        }
                    }
                }
                markers.push(Marker { key, whole, phrases });
            }
            // A phrase is one of its key's whole variants.
            let mut marker_ends = Vec::new();
            for m in &markers {
                for w in &m.whole {
                    marker_ends.extend(w.chars().last());
                }
            }
            let l = Rc::new(Labels { lang: if known { base.clone() } else { "en".into() }, map, markers, marker_ends });
            c.borrow_mut().push((base, l.clone()));
            l
        })
    }

    fn variants(&self, key: &str) -> &[Variant] {
        self.map.get(key).map(|e| e.variants.as_slice()).unwrap_or(&[])
    }

    /// Month / weekday / today / yesterday names for reading separator dates.
    pub fn when_names(&self) -> super::when::Names {
        // Loops, not a `map` of `map().collect()`s (two adapters' copies in the content
        // module; docs/performance.md "Size, round 41").
        let list = |k: &str| -> Vec<Vec<String>> {
            let mut out = Vec::new();
            for v in self.variants(k) {
                let mut names = Vec::new();
                for s in v.prefix.split('|') {
                    names.push(s.trim().to_string());
                }
                out.push(names);
            }
            out
        };
        let flat = |k: &str| -> Vec<String> {
            let mut out = Vec::new();
            for mut v in list(k) {
                out.append(&mut v);
            }
            out
        };
        super::when::Names { months: list("months"), weekdays: list("weekdays"), today: flat("today"), yesterday: flat("yesterday") }
    }

    /// The whole (normalised) text is one of the label's variants.
    /// Compared character by character as `norm` gives them: no copy, and a
    /// text stops being read at its first character that differs.
    pub fn is(&self, key: &str, text: &str) -> bool {
        self.variants(key).iter().any(|v| !v.capture && norm_chars(text).eq(v.prefix.chars()))
    }

    /// `is` for a text already normalised with `norm`.
    pub fn is_norm(&self, key: &str, t: &str) -> bool {
        self.variants(key).iter().any(|v| !v.capture && v.prefix == t)
    }

    /// The text contains one of the label's variants.
    pub fn contains(&self, key: &str, text: &str) -> bool {
        let t = norm(text);
        self.contains_norm(key, &t)
    }

    pub fn contains_norm(&self, key: &str, t: &str) -> bool {
        self.variants(key).iter().any(|v| !v.capture && t.contains(v.prefix.as_str()))
    }

    /// The text ends with a variant of three or more words ("Priya forwarded a message").
    pub fn ends_with_phrase(&self, key: &str, text: &str) -> bool {
        self.ends_with_phrase_norm(key, &norm(text))
    }

    /// `ends_with_phrase` for a text already normalised with `norm`.
    pub fn ends_with_phrase_norm(&self, key: &str, t: &str) -> bool {
        self.variants(key)
            .iter()
            .any(|v| !v.capture && v.prefix.split(' ').count() >= 3 && t.ends_with(v.prefix.as_str()))
    }

    /// The marker (one of `MARKERS`) that a normalised text is, or ends with as a
    /// phrase: the same as trying `is_norm` and `ends_with_phrase_norm` per key.
    pub fn marker_norm(&self, t: &str) -> Option<&'static str> {
        self.markers
            .iter()
            .find(|m| m.whole.iter().any(|w| w == t) || m.phrases.iter().any(|p| t.ends_with(p.as_str())))
            .map(|m| m.key)
    }

    /// `marker_norm(&norm(text))`, with `text` normalised into `n` only when
    /// its normal form's last character ends some marker's variant (`n` holds
    /// `norm(text)` when a marker is found).
    pub fn marker_of(&self, text: &str, n: &mut String) -> Option<&'static str> {
        if norm_last(text).is_some_and(|c| !self.marker_ends.contains(&c)) {
            return None;
        }
        super::text::norm_into(text, n);
        self.marker_norm(n)
    }

    /// A selector matching elements whose `aria-label` is one of the keys'
    /// whole variants (case-insensitively); empty when they have none.
    pub fn aria_selector(&self, keys: &[&str]) -> String {
        let mut out = String::new();
        for k in keys {
            for v in self.variants(k).iter().filter(|v| !v.capture) {
                if !out.is_empty() {
                    out.push(',');
                }
                let q = v.prefix.replace('\\', "\\\\").replace('"', "\\\"");
                out.push_str(&format!("[aria-label=\"{q}\" i]"));
            }
        }
        out
    }

    /// The part of `text` that a "{x}" variant captures ("Lives in {x}" → "Mumbai").
    pub fn capture(&self, key: &str, text: &str) -> Option<String> {
        let c = clean(text);
        let t = norm(&c);
        let same = t.len() == c.len();
        self.variants(key).iter().filter(|v| v.capture).find_map(|v| {
            if t.len() <= v.prefix.len() + v.suffix.len() || !t.starts_with(&v.prefix) || !t.ends_with(&v.suffix) {
                return None;
            }
            let (a, b) = (v.prefix.len(), t.len() - v.suffix.len());
            let src = if same && c.is_char_boundary(a) && c.is_char_boundary(b) { &c } else { &t };
            let x = src[a..b].trim();
            (!x.is_empty()).then(|| x.to_string())
        })
    }
}

/// Devanagari digits → ASCII.
pub fn ascii_digits(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        out.push(match c {
            '\u{0966}'..='\u{096F}' => char::from(b'0' + (c as u32 - 0x0966) as u8),
            c => c,
        });
    }
    out
}

/// "12", "1,234", "1.2K", "3M", "१२" → a count (rounded half up: "1.25K" → 1250,
/// "2.5" → 3). Exact decimal arithmetic on the digits: parsing an `f64` here
/// would pull core's float parser and its power-of-five table (about 25 KB) into
/// the content module for nothing else.
pub fn parse_count(s: &str) -> Option<u32> {
    let s = ascii_digits(s).replace([',', ' ', '\u{a0}'], "");
    let (num, scale) = match s.chars().last()? {
        'K' | 'k' => (&s[..s.len() - 1], 3),
        'M' | 'm' => (&s[..s.len() - 1], 6),
        _ => (s.as_str(), 0),
    };
    let (whole, frac) = num.split_once('.').unwrap_or((num, ""));
    if whole.is_empty() && frac.is_empty() || !(whole.bytes().all(|b| b.is_ascii_digit()) && frac.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    // The whole part's digits, then `scale` of the fraction's, '0' past its end: two
    // loops, not `chain`s (adapters of their own in the content module).
    let digit = |b: u8| u64::from(b - b'0');
    let mut n: u64 = 0;
    for b in whole.bytes() {
        n = n.checked_mul(10)?.checked_add(digit(b))?;
    }
    for k in 0..scale {
        let b = frac.as_bytes().get(k).copied().unwrap_or(b'0');
        n = n.checked_mul(10)?.checked_add(digit(b))?;
    }
    if frac.as_bytes().get(scale).is_some_and(|&b| b >= b'5') {
        n += 1;
    }
    (n < u64::from(u32::MAX)).then_some(n as u32)
}

/// The first plausible Facebook year (2004..=2100) in the text.
pub fn find_year(s: &str) -> Option<String> {
    let s = ascii_digits(s);
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        let run = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run == 4 {
            let y: u32 = s[i..i + 4].parse().ok()?;
            if (2004..=2100).contains(&y) {
                return Some(s[i..i + 4].to_string());
            }
        }
        i += run.max(1);
    }
    None
}

/// "November 2026" (English month names) → 2026-11 (a `Timestamp` known to the
/// month); else just the year.
pub fn month_year(s: &str) -> Option<crate::engine::time::Timestamp> {
    const M: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let y = find_year(s)?;
    let n = norm(s);
    let m = n.split(|c: char| !c.is_alphabetic()).find_map(|w| {
        (w.len() >= 3).then(|| M.iter().position(|m| w.starts_with(m))).flatten()
    });
    let text = match m {
        Some(i) => format!("{y}-{:02}", i + 1),
        None => y,
    };
    crate::engine::time::Timestamp::parse_date_or_time(&text)
}

#[cfg(test)]
mod tests {
    use super::{parse_count, Labels};

    #[test]
    fn today_and_yesterday_are_each_variants_parts_in_order() {
        // `when_names` appends each variant's parts (the flatten it replaced, written out).
        for lang in ["en", "hi", "mr"] {
            let l = Labels::for_lang(lang);
            let n = l.when_names();
            for (k, got) in [("today", &n.today), ("yesterday", &n.yesterday)] {
                let want: Vec<String> = l.variants(k).iter().flat_map(|v| v.prefix.split('|').map(|s| s.trim().to_string())).collect();
                assert!(!want.is_empty(), "{lang} {k}");
                assert_eq!(got, &want, "{lang} {k}");
            }
        }
    }

    #[test]
    fn every_packed_dictionary_unpacks_to_its_labels() {
        // build/labels.rs packs each language's text; each line is a key and its variants,
        // and each variant is a string of labels/LANG.toml as written there.
        for lang in ["en", "hi", "mr"] {
            let toml = std::fs::read_to_string(format!("{}/labels/{lang}.toml", env!("CARGO_MANIFEST_DIR"))).unwrap();
            let dict = super::dict(lang).unwrap_or_else(|| panic!("{lang}: does not unpack"));
            let lines: Vec<&str> = dict.split('\n').collect();
            assert_eq!(lines.len(), 29, "{lang}");
            for line in lines {
                let mut parts = line.split('\u{1f}');
                let key = parts.next().unwrap();
                assert!(toml.contains(&format!("{key} =")) || toml.contains(&format!("{key}=")), "{lang}: {key}");
                for v in parts {
                    assert!(toml.contains(&format!("\"{v}\"")), "{lang} {key}: {v:?} is not in labels/{lang}.toml");
                }
            }
        }
        assert!(super::dict("hi").unwrap().contains("आपने भेजा"));
    }

    #[test]
    fn a_dictionary_has_its_language_then_english_and_an_unknown_language_is_english() {
        let hi = Labels::for_lang("hi-IN");
        assert_eq!(hi.lang, "hi");
        assert!(hi.is("you_sent", "आपने भेजा"));
        assert!(hi.is("you_sent", "You sent"), "English is always tried too");
        assert_eq!(hi.capture("mutual_friends", "12 आपसी मित्र").as_deref(), Some("12"));
        assert_eq!(hi.capture("mutual_friends", "12 mutual friends").as_deref(), Some("12"));
        assert!(!hi.is("you_sent", "Forwarded"));
        let xx = Labels::for_lang("xx");
        assert_eq!(xx.lang, "en");
        assert!(xx.is("forwarded", "Forwarded message"));
        assert!(!xx.is("you_sent", "आपने भेजा"), "Hindi only where the page is in Hindi");
        assert!(std::rc::Rc::ptr_eq(&hi, &Labels::for_lang("hi")), "built once per language");
        assert!(!std::rc::Rc::ptr_eq(&hi, &xx));
    }

    #[test]
    fn a_marker_is_found_as_from_the_whole_normal_form() {
        for lang in ["en", "hi", "mr"] {
            let l = Labels::for_lang(lang);
            let mut texts: Vec<String> = vec![
                String::new(),
                "   ".into(),
                "Hello there #12".into(),
                "Kal office mein milte hain".into(),
                "सुप्रभात जी, आपका दिन शुभ हो #192".into(),
                "I forwarded a message".into(),
                "you missed a call with you\u{200b} ".into(),
            ];
            for m in &l.markers {
                for w in m.whole.iter().chain(&m.phrases) {
                    let up = w.to_ascii_uppercase();
                    texts.extend([w.clone(), format!("  {up}\u{200e} "), format!("Priya {w}"), format!("{w}x"), format!("x{w}"), w.replace(' ', " \u{a0}\t")]);
                }
            }
            let mut n = String::new();
            for t in &texts {
                let want = l.marker_norm(&super::norm(t));
                assert_eq!(l.marker_of(t, &mut n), want, "{lang}: {t:?}");
                if want.is_some() {
                    assert_eq!(n, super::norm(t));
                }
                for key in ["you_sent", "photo", "voice_message", "forwarded", "missed_video_call"] {
                    let t2 = super::norm(t);
                    let old = l.variants(key).iter().any(|v| !v.capture && v.prefix == t2);
                    assert_eq!(l.is(key, t), old, "{lang} {key}: {t:?}");
                }
            }
        }
    }

    #[test]
    fn counts_with_separators_suffixes_and_devanagari_digits() {
        for (s, n) in [
            ("12", Some(12)),
            ("1,234", Some(1234)),
            ("1 234", Some(1234)),
            ("1.2K", Some(1200)),
            ("1.25k", Some(1250)),
            ("1.2345K", Some(1235)),
            ("1.2344K", Some(1234)),
            ("3M", Some(3_000_000)),
            ("2.5", Some(3)),
            ("2.4", Some(2)),
            (".5", Some(1)),
            ("1.", Some(1)),
            ("007", Some(7)),
            ("१२", Some(12)),
            ("१.५K", Some(1500)),
            ("4294967294", Some(4_294_967_294)),
        ] {
            assert_eq!(parse_count(s), n, "{s:?}");
        }
    }

    #[test]
    fn anything_else_is_no_count() {
        for s in ["", "K", ".", "1.2.3", "12a", "-3", "1e3", "4294967295", "99999999999999999999999", "5.5G", "M."] {
            assert_eq!(parse_count(s), None, "{s:?}");
        }
    }
}
