//! The automaton's byte form of normalised text: Indic letters in two bytes instead of
//! UTF-8's three. The built-in needles are half Indic (Devanagari, Bengali, Gurmukhi,
//! Gujarati, Tamil, Telugu, Kannada, Malayalam); written this way their trie has ~18%
//! fewer states, and the automaton is built at every page load.
//!
//! A letter `E0 xx yy` of those blocks becomes `m yy`, where the marker `m` stands for
//! `E0 xx` and is a byte that UTF-8 never uses (0xC0, 0xC1, 0xF5–0xFF: RFC 3629,
//! section 1, <https://www.rfc-editor.org/rfc/rfc3629#section-1>). So every character
//! still starts with a byte that is never a continuation byte, and a needle, made of
//! whole characters, can only match the transformed text where its characters match
//! the text's: matches are the same as in UTF-8. There are 13 such bytes; the blocks
//! (`xx`) the rules use most get them, the others (Bengali's second half, Gurmukhi's
//! and Gujarati's second halves, Oriya, Sinhala) stay as they are.

/// The second bytes (`xx` of `E0 xx yy`) given a marker, and the markers, in order.
const SECOND: [u8; 13] = [0xA4, 0xA5, 0xA6, 0xA8, 0xAA, 0xAE, 0xAF, 0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB5];
const MARKER: [u8; 13] = [0xC0, 0xC1, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF];

/// The marker for `E0 xx` (0: none), indexed by `xx - 0x80`.
const MARKER_OF: [u8; 64] = {
    let mut t = [0u8; 64];
    let mut i = 0;
    while i < SECOND.len() {
        t[(SECOND[i] - 0x80) as usize] = MARKER[i];
        i += 1;
    }
    t
};

#[inline]
fn marker(second: u8) -> u8 {
    if (0x80..0xC0).contains(&second) {
        MARKER_OF[(second - 0x80) as usize]
    } else {
        0
    }
}

/// True when `text` has a letter that [`encode`] shortens (else it is its own form).
#[inline]
pub fn applies(text: &[u8]) -> bool {
    text.contains(&0xE0)
}

/// Appends the two-byte form of `text` (UTF-8) to `out`, and to `map` the position in
/// `text` of each byte written, then one more: `text.len()`. So `map[s]` and `map[e]`
/// are where a match `s..e` of the output starts and ends in `text`.
pub fn encode(text: &[u8], out: &mut Vec<u8>, map: &mut Vec<u32>) {
    // Written by index into room made first (the output is never longer than the
    // input), then cut to length: a push per byte was most of the cost.
    let (o0, m0) = (out.len(), map.len());
    out.resize(o0 + text.len(), 0);
    map.resize(m0 + text.len() + 1, 0);
    let (o, m) = (&mut out[o0..], &mut map[m0..]);
    let (mut i, mut n) = (0, 0);
    while i < text.len() {
        let b = text[i];
        if b == 0xE0 && i + 2 < text.len() {
            let k = marker(text[i + 1]);
            if k != 0 {
                o[n] = k;
                o[n + 1] = text[i + 2];
                m[n] = i as u32;
                m[n + 1] = i as u32 + 2;
                n += 2;
                i += 3;
                continue;
            }
        }
        o[n] = b;
        m[n] = i as u32;
        n += 1;
        i += 1;
    }
    m[n] = text.len() as u32;
    out.truncate(o0 + n);
    map.truncate(m0 + n + 1);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(s: &str) -> (Vec<u8>, Vec<u32>) {
        let (mut out, mut map) = (Vec::new(), Vec::new());
        encode(s.as_bytes(), &mut out, &mut map);
        (out, map)
    }

    #[test]
    fn indic_letters_take_two_bytes_and_map_back() {
        // "वी a" = E0 A4 B5, E0 A5 80, space, a.
        let (out, map) = enc("वी a");
        assert_eq!(out, vec![0xC0, 0xB5, 0xC1, 0x80, b' ', b'a']);
        assert_eq!(map, vec![0, 2, 3, 5, 6, 7, 8]);
        assert!(applies("वी".as_bytes()) && !applies(b"video"));
    }

    #[test]
    fn other_text_is_unchanged() {
        // ASCII, Cyrillic, an emoji whose bytes hold A4 (🤣 = F0 9F A4 A3), CJK (U+3923 =
        // E3 A4 A3), Bengali's second half (ো = E0 A7 8B), Oriya (ଅ = E0 AC 85).
        for s in ["plain text", "привет", "🤣", "㤣", "ো", "ଅ"] {
            let (out, map) = enc(s);
            assert_eq!(out, s.as_bytes(), "{s}");
            assert_eq!(map, (0..=s.len() as u32).collect::<Vec<_>>(), "{s}");
        }
    }

    #[test]
    fn markers_are_bytes_utf8_never_uses_and_map_one_block_each() {
        for (i, &m) in MARKER.iter().enumerate() {
            assert!(m == 0xC0 || m == 0xC1 || m >= 0xF5, "{m:#x}");
            assert_eq!(marker(SECOND[i]), m);
            assert!(!MARKER[..i].contains(&m));
        }
        assert_eq!(marker(0xA7), 0);
        assert_eq!(marker(0x41), 0);
        // Every Indic letter of every block that is shortened is two bytes, and the
        // forms of two different letters differ.
        let mut seen = std::collections::HashSet::new();
        for c in ('\u{0900}'..='\u{0DFF}').filter(|c| marker(c.to_string().as_bytes()[1]) != 0) {
            let (out, _) = enc(&c.to_string());
            assert_eq!(out.len(), 2, "{c}");
            assert!(seen.insert(out));
        }
    }
}
