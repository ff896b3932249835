//! Text normalisation for comparing page text with label dictionaries.
//! Pure (no DOM): also compiled into the native unit tests (see state::contacts).
//!
//! These run on every message row of a thread, so the common case (ASCII text)
//! takes a byte-wise path; the result is the same as the general path's.

fn invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{200e}' | '\u{200f}' | '\u{feff}')
}

/// ASCII letters lower-cased, ’→', invisible characters dropped, whitespace
/// collapsed, trimmed. Only ASCII is lower-cased: no label has a cased letter
/// outside ASCII (build/labels.rs refuses one), so a text matches a label exactly
/// as it would under Unicode lower-casing, and the content module carries no
/// Unicode case table for it (docs/performance.md "Size").
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    norm_into(s, &mut out);
    out
}

/// `norm` written into `out` (cleared first): one buffer serves many texts.
pub fn norm_into(s: &str, out: &mut String) {
    out.clear();
    // The normal form is never longer than `s` (whitespace runs shrink to one
    // space, quotes to an ASCII one, invisibles go): one allocation at most.
    out.reserve(s.len());
    let mut space = false;
    if s.is_ascii() {
        for b in s.bytes() {
            if b.is_ascii_whitespace() || b == 0x0b {
                space = !out.is_empty();
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.push(b.to_ascii_lowercase() as char);
        }
        return;
    }
    for c in s.chars() {
        let c = match c {
            '\u{2019}' | '\u{2018}' => '\'',
            c if invisible(c) => continue,
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c.to_ascii_lowercase());
    }
}

/// `norm(s)`'s characters one by one, without building it (a comparison with
/// a label stops at the first character that differs).
pub fn norm_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut it = s.chars();
    let (mut space, mut started, mut held) = (false, false, None);
    std::iter::from_fn(move || {
        if let Some(c) = Option::take(&mut held) {
            return Some(c);
        }
        for c in it.by_ref() {
            let c = match c {
                '\u{2019}' | '\u{2018}' => '\'',
                c if invisible(c) => continue,
                c => c,
            };
            if c.is_whitespace() {
                space = started;
                continue;
            }
            started = true;
            let c = c.to_ascii_lowercase();
            if space {
                space = false;
                held = Some(c);
                return Some(' ');
            }
            return Some(c);
        }
        None
    })
}

/// The last character of `norm(s)` (`None`: it is empty), read from the end.
pub fn norm_last(s: &str) -> Option<char> {
    // A loop from the end, not `rev().find_map()` (a `Rev::try_fold` of its own in the
    // content module; docs/performance.md "Size, round 42").
    let mut chars = s.chars();
    while let Some(c) = chars.next_back() {
        match c {
            '\u{2019}' | '\u{2018}' => return Some('\''),
            c if invisible(c) || c.is_whitespace() => {}
            c => return Some(c.to_ascii_lowercase()),
        }
    }
    None
}

/// Whitespace collapsed and trimmed, case kept; zero-width space, LRM, RLM and BOM dropped.
pub fn clean(s: &str) -> String {
    if s.is_ascii() {
        let mut out = String::with_capacity(s.len());
        for w in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        return out;
    }
    // Hindi and Marathi rows: one pass, no intermediate strings.
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if matches!(c, '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{feff}') {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// `clean(s)` without a copy when `s` is already clean (nearly every text a
/// row shows: the snapshot's fields then borrow from the helper's string).
pub fn clean_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if is_clean(s) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(clean(s))
    }
}

/// Whether `clean(s) == s`: no whitespace at either end, none but single
/// spaces inside, and none of the characters `clean` drops. Read by bytes: a
/// character outside ASCII can be whitespace or dropped only if it starts with
/// one of five bytes (U+0085 and U+00A0: C2; U+1680: E1; U+2000–U+205F: E2;
/// U+3000: E3; U+FEFF: EF), so a Devanagari letter (E0) is skipped unread.
fn is_clean(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            if c == b' ' {
                if prev_space {
                    return false;
                }
                prev_space = true;
            } else if c.is_ascii_whitespace() || c == 0x0b {
                return false;
            } else {
                prev_space = false;
            }
            i += 1;
            continue;
        }
        if matches!(c, 0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xef) {
            let ch = s[i..].chars().next().unwrap_or(' ');
            if matches!(ch, '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{feff}') || ch.is_whitespace() {
                return false;
            }
        }
        prev_space = false;
        i += match c {
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
    }
    true
}

/// The engine needs the first few KB of a message; a huge one is cut here
/// (at a character boundary) so it costs no long task further on.
pub const MAX_TEXT_BYTES: usize = 4096;

/// `s` cut to [`MAX_TEXT_BYTES`] at a character boundary.
pub fn cap(mut s: String) -> String {
    if s.len() > MAX_TEXT_BYTES {
        let mut i = MAX_TEXT_BYTES;
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        s.truncate(i);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cap_cuts_at_a_character_boundary() {
        assert_eq!(cap("short".into()), "short");
        // 4095 ASCII bytes then a 3-byte letter: byte 4096 falls inside it.
        let s = format!("{}अ", "a".repeat(MAX_TEXT_BYTES - 1));
        let c = cap(s);
        assert_eq!(c.len(), MAX_TEXT_BYTES - 1);
        assert!(c.bytes().all(|b| b == b'a'));
        assert_eq!(cap("अ".repeat(2000)).len(), 4095);
    }

    fn norm_reference(s: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for c in s.chars() {
            let c = match c {
                '\u{2019}' | '\u{2018}' => '\'',
                c if invisible(c) => continue,
                c => c,
            };
            if c.is_whitespace() {
                space = !out.is_empty();
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    }

    /// Invisible characters dropped first, so that they leave no double space behind.
    fn clean_reference(s: &str) -> String {
        s.replace(['\u{200b}', '\u{200e}', '\u{200f}', '\u{feff}'], "").split_whitespace().collect::<Vec<_>>().join(" ")
    }

    const SAMPLES: &[&str] = &[
        "",
        "   ",
        "You sent",
        "  You   SENT \n",
        "\tMissed video call\u{0b}x\x0c",
        "Priya forwarded a message",
        "You\u{2019}re friends on Facebook",
        "आपने भेजा",
        "मेरा नंबर बदल गया है, नया नंबर सेव कर लो",
        "İstanbul ΣΊΣΥΦΟΣ",
        "a \u{200b} b\u{200e}\u{feff}",
        "\u{a0}Lives in\u{3000}Pune\u{2028}",
        "Good morning #42",
        " lead",
        "trail ",
        "a  b",
        "a\tb",
        "नया  नंबर",
        "नया नंबर ",
        "\u{a0}नया",
        "नया\u{200b}",
        "a\u{85}b",
        "a\u{a0}b",
        "a\u{1680}b",
        "a\u{2002}b\u{200a}c",
        "a\u{2028}b\u{2029}",
        "a\u{202f}b\u{205f}c\u{3000}",
        "\u{feff}a",
        "a\u{200c}b\u{200d}",
        "\u{2018}Hi\u{2019} YOU",
        "é€ 😂 ʼ\u{2010}\u{2030}\u{205e}\u{2060}\u{fefe}\u{3001}\u{1681}",
        "नमस्ते  \u{200e}",
        " \u{200b}",
        "x ",
    ];

    #[test]
    fn fast_paths_agree_with_the_general_ones() {
        for s in SAMPLES {
            assert_eq!(norm(s), norm_reference(s), "norm({s:?})");
            let mut buf = String::from("left over");
            norm_into(s, &mut buf);
            assert_eq!(buf, norm_reference(s), "norm_into({s:?})");
            assert_eq!(clean(s), clean_reference(s), "clean({s:?})");
            assert_eq!(clean_cow(s), clean(s), "clean_cow({s:?})");
            assert_eq!(clean_cow(&clean(s)), clean(s));
            assert!(matches!(clean_cow(&clean(s)), std::borrow::Cow::Borrowed(_)), "a clean text is not copied: {s:?}");
            assert_eq!(is_clean(s), clean(s) == *s, "is_clean({s:?})");
            assert_eq!(norm_chars(s).collect::<String>(), norm(s), "norm_chars({s:?})");
            assert_eq!(norm_last(s), norm(s).chars().last(), "norm_last({s:?})");
        }
        assert_eq!(norm("  You   SENT \n"), "you sent");
        // ASCII only: labels have no cased letter outside it (build/labels.rs).
        assert_eq!(norm("ÉCOLE Ä"), "École Ä");
        assert_eq!(clean("  You   SENT \n"), "You SENT");
        assert_eq!(clean("a \u{200b} b\u{200e}\u{feff}"), "a b");
    }
}
