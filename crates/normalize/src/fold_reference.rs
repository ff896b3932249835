//! The character fold as first written, on `unicode-normalization`: compatibility
//! decomposition, lower-casing, look-alikes, dropped marks and invisibles. It is the
//! definition; the shipped engine does not carry it. The build script uses it to
//! normalise the rule patterns and to generate the compact table that `fold.rs`
//! reads at run time, and a test checks that both agree on every character.

use unicode_normalization::char::decompose_compatible;

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{E0000}'..='\u{E007F}')
}

fn is_dropped_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}'
        | '\u{093C}') // Devanagari nukta: ज़ and ज are the same word to a reader
}

/// Look-alikes (after lower-casing) → Latin; Devanagari variants and digits.
fn confusable(c: char) -> char {
    match c {
        // Cyrillic
        'а' => 'a', 'в' => 'b', 'с' => 'c', 'ԁ' => 'd', 'е' | 'ё' | 'є' => 'e', 'һ' | 'н' => 'h',
        'і' | 'ї' => 'i', 'ј' => 'j', 'к' => 'k', 'ӏ' => 'l', 'м' => 'm', 'о' => 'o', 'р' => 'p',
        'ԛ' => 'q', 'ѕ' => 's', 'т' => 't', 'у' => 'y', 'ԝ' => 'w', 'х' => 'x', 'ь' => 'b',
        'п' => 'n', 'г' => 'r',
        // Greek
        'α' => 'a', 'β' => 'b', 'ε' => 'e', 'η' => 'n', 'ι' => 'i', 'κ' => 'k', 'ν' => 'v',
        'ο' => 'o', 'ρ' => 'p', 'τ' => 't', 'υ' => 'u', 'χ' => 'x', 'γ' => 'y', 'ω' => 'w',
        'ς' | 'σ' => 's', 'μ' => 'u', 'ϲ' => 'c',
        // Devanagari
        '\u{0901}' => '\u{0902}',
        '\u{0966}'..='\u{096F}' => char::from(b'0' + (c as u32 - 0x0966) as u8),
        '₹' => '₹',
        _ => c,
    }
}

/// Capital look-alikes, before lower-casing (Greek Ν looks like N, its ν like v).
fn upper_confusable(c: char) -> Option<char> {
    Some(match c {
        'Α' | 'А' => 'a', 'Β' | 'В' => 'b', 'С' | 'Ϲ' => 'c', 'Ε' | 'Е' => 'e', 'Η' | 'Н' => 'h',
        'Ι' | 'І' | 'Ӏ' => 'i', 'Ј' => 'j', 'Κ' | 'К' => 'k', 'Μ' | 'М' => 'm', 'Ν' => 'n',
        'Ο' | 'О' => 'o', 'Ρ' | 'Р' => 'p', 'Ѕ' => 's', 'Τ' | 'Т' => 't', 'Υ' | 'У' => 'y',
        'Χ' | 'Х' => 'x', 'Ζ' => 'z',
        _ => return None,
    })
}

/// Emoji that carry a threat's meaning ("📹 ➡️ 👨‍👩‍👧 ⏰"), each read as a word of its own
/// so that rules can name them (a rule pattern "📹" is normalised the same way). The
/// words are ones no message writes, so only rules written with emoji match them.
/// Every other emoji stays as it is (a separator, like punctuation).
fn emoji_word(c: char) -> Option<&'static str> {
    Some(match c {
        '📹' | '🎥' | '📼' | '📽' | '🎬' => " emovideo ",
        '👪' | '👨' | '👩' | '👧' | '👦' | '👫' | '👬' | '👭' | '👥' | '👴' | '👵' => " emofamily ",
        '🌍' | '🌎' | '🌏' | '🌐' => " emoworld ",
        '➡' | '→' | '↗' | '📤' | '📲' | '📨' | '📩' | '🚀' | '📢' | '📣' | '🔁' => " emosend ",
        '⏰' | '⏳' | '⌛' | '⏱' | '⏲' => " emoclock ",
        '💰' | '💵' | '💸' | '🤑' | '💴' | '💶' | '💷' | '🏦' | '💳' => " emomoney ",
        '📱' | '📞' | '☎' => " emophone ",
        _ => return None,
    })
}

/// One original character → zero or more canonical characters.
pub fn fold(c: char, out: &mut impl FnMut(char)) {
    if c.is_ascii() {
        out(c.to_ascii_lowercase());
        return;
    }
    if is_invisible(c) {
        return;
    }
    if let Some(w) = emoji_word(c) {
        w.chars().for_each(out);
        return;
    }
    if c == '₹' {
        // The rupee sign is a word: "₹500" reads "rs 500".
        out('r');
        out('s');
        return;
    }
    if let Some(l) = upper_confusable(c) {
        out(l);
        return;
    }
    if c == 'ß' || c == 'ẞ' {
        out('s');
        out('s');
        return;
    }
    // Decompose, lower-case, and again (some compatibility forms decompose to capitals).
    decompose_compatible(c, |d| {
        for l in d.to_lowercase() {
            decompose_compatible(l, |d2| {
                for l2 in d2.to_lowercase() {
                    if !is_dropped_mark(l2) && !is_invisible(l2) {
                        out(confusable(l2));
                    }
                }
            })
        }
    });
}
