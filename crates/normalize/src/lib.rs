//! The evasion-defeating normaliser. Rule patterns and message text both pass
//! through it, so they meet in one canonical form:
//!
//! * Unicode compatibility decomposition (the "K" of NFKC: full-width, ligatures,
//!   maths letters, circled letters) and case folding; Latin accents dropped;
//! * Cyrillic/Greek look-alike letters mapped to Latin ("WhаtsApp" with a Cyrillic а);
//! * zero-width characters, joiners, bidi marks and variation selectors removed;
//! * Devanagari: nukta dropped (ज़ → ज), candrabindu → anusvara, Devanagari digits → 0-9;
//! * leet inside words ("wh@ts@pp", "v1de0"; "11" after a vowel a double "l": "ca11" →
//!   "cal"), but never inside numbers ("5000", "11am");
//! * dotted or hyphenated words joined ("whats.app"), spaced letters joined ("w h a t s a p p",
//!   a wider gap between them a space between words: "v i d e o  c a l l" → "video cal",
//!   after two letters too when a word is spelled out after the gap: "u r  W h a t s A p p" →
//!   "your whatsap"; one leet digit ending the run is its last letter, as in a token:
//!   "w h @ t s @ p p n 0" → "whatsapno"),
//!   and Devanagari, Tamil, Telugu, Kannada or Malayalam spelled out syllable by syllable
//!   ("वी डि यो" → "वीडियो", "ವಿ ಡಿ ಯೋ" → "ವಿಡಿಯೋ", but not a run
//!   of everyday short words such as "दे दो ना", nor across a danda or a comma, nor the short
//!   words after a letter spelled out with its vowel sign apart: "न ं ब र दो" → "नंबर दो");
//! * repeated letters collapsed ("pleeease" → "please", "good" → "god": patterns get the same);
//! * letters and digits split apart ("rs5000" → "rs 5000", "₹500" → "rs 500"), and Latin
//!   letters from an Indic script ("group-ல" → "group ல", "YouTube-এ" → "youtube এ");
//! * letters that stand for digits inside an amount made digits ("3O,OOO" → "30 000",
//!   "4I772" → "41772"), and thousands written "20k" kept a number, not leet;
//! * chat abbreviations and spelling variants expanded ("vdo" → "video", "wtsp" →
//!   "whatsapp", "mob" → "mobile", "ur" → "your"): see [`ABBREVIATIONS`]. Ambiguous
//!   short forms ("vc", "no") stay as written: rules read them only in context.
//!
//! It is its own crate (saavdhan-normalize, re-exported as `saavdhan::engine::normalize`)
//! so that the release profile can build it at opt-level 3 while the rest of the
//! content module stays at "z": it is most of the engine's time per message.
//!
//! The result is words separated by single spaces. [`normalize_mapped`] also keeps,
//! for every output byte, the byte range of the original text it came from, so
//! evidence can quote the message as written.

mod fold;
pub mod pack;

use fold::fold;

/// Normalised text, padded with one space on each side so that patterns can
/// demand word boundaries, with a map back to the original text.
#[derive(Default)]
pub struct Normalized {
    pub text: String,
    /// For each byte of `text`: the original byte range it came from.
    src: Vec<(u32, u32)>,
}

impl Normalized {
    /// The original byte range behind `text[start..end]`, widened to whole words.
    pub fn original_range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let b = self.text.as_bytes();
        let (mut s, mut e) = (start.min(b.len()), end.min(b.len()));
        while s < e && b[s] == b' ' {
            s += 1;
        }
        while e > s && b[e - 1] == b' ' {
            e -= 1;
        }
        if s >= e {
            return None;
        }
        while s > 0 && b[s - 1] != b' ' {
            s -= 1;
        }
        while e < b.len() && b[e] != b' ' {
            e += 1;
        }
        Some((self.src[s].0 as usize, self.src[e - 1].1 as usize))
    }
}

/// Whole words (in their folded, collapsed form) replaced by what they abbreviate
/// (also in canonical form: "call" is "cal" once repeated letters collapse). Sorted.
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("cl", "cal"),
    ("cm", "camera"),
    ("fb", "facebok"),
    ("insta", "instagram"),
    ("mob", "mobile"),
    ("msg", "mesage"),
    ("msgs", "mesages"),
    ("nbr", "number"),
    ("nmbr", "number"),
    ("numbr", "number"),
    ("pic", "photo"),
    ("pics", "photos"),
    ("pl", "please"),
    ("pls", "please"),
    ("plz", "please"),
    ("r", "are"),
    ("tele", "telegram"),
    ("u", "you"),
    ("ur", "your"),
    ("vdeo", "video"),
    ("vdo", "video"),
    ("vedio", "video"),
    ("vid", "video"),
    ("vidio", "video"),
    ("vido", "video"),
    ("vidoes", "videos"),
    ("vids", "videos"),
    ("wap", "whatsap"),
    ("watsap", "whatsap"),
    ("whtsap", "whatsap"),
    ("whtsp", "whatsap"),
    ("wp", "whatsap"),
    ("wtsap", "whatsap"),
    ("wtsp", "whatsap"),
];

/// A word of up to 8 ASCII bytes as one integer, left-aligned: byte order is string
/// order, so the sorted table stays sorted and a lookup compares integers, not strings
/// (a string binary search per word was 19% of the engine's time, measured with perf).
const fn pack(s: &[u8]) -> u64 {
    let mut v = 0u64;
    let mut i = 0;
    while i < 8 {
        v <<= 8;
        if i < s.len() {
            v |= s[i] as u64;
        }
        i += 1;
    }
    v
}

const KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut k = [0u64; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < k.len() {
        k[i] = pack(ABBREVIATIONS[i].0.as_bytes());
        i += 1;
    }
    k
};

fn expansion(w: &[U]) -> Option<&'static str> {
    if w.len() > 7 {
        return None;
    }
    let mut key = 0u64;
    for i in 0..8 {
        key <<= 8;
        if let Some(u) = w.get(i) {
            if !u.c.is_ascii_alphabetic() {
                return None;
            }
            key |= u.c as u64;
        }
    }
    KEYS.binary_search(&key).ok().map(|i| ABBREVIATIONS[i].1)
}

/// The canonical form of `text` (no padding). Idempotent.
pub fn normalize(text: &str) -> String {
    normalize_mapped(text).text.trim_matches(' ').to_string()
}

#[derive(Clone, Copy)]
struct U {
    c: char,
    /// `class(c)`, worked out once per character (the steps below ask it many times).
    k: u8,
    s: u32,
    e: u32,
}

impl U {
    fn new(c: char, s: u32, e: u32) -> U {
        U { c, k: class(c), s, e }
    }
    fn is(&self, k: u8) -> bool {
        self.k & k != 0
    }
}

// Character classes, as bits: `is_word`, `is_letter`, `leet(c).is_some()`, `is_joiner`.
#[doc(hidden)]
pub const WORD: u8 = 1;
#[doc(hidden)]
pub const LETTER: u8 = 2;
#[doc(hidden)]
pub const LEET: u8 = 4;
#[doc(hidden)]
pub const JOINER: u8 = 8;

/// The classes of the ASCII characters (a table: most text is ASCII).
const ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] |= WORD;
        }
        if c.is_ascii_alphabetic() {
            t[b] |= LETTER;
        }
        if matches!(c, b'0' | b'1' | b'3' | b'4' | b'5' | b'7' | b'@' | b'$' | b'!') {
            t[b] |= LEET;
        }
        if matches!(c, b'.' | b'-' | b'_' | b'*' | b'\'' | b'`') {
            t[b] |= JOINER;
        }
        b += 1;
    }
    t
};

#[inline]
#[doc(hidden)]
pub fn class(c: char) -> u8 {
    if c.is_ascii() {
        ASCII_CLASS[c as usize]
    } else {
        // No leet character is beyond ASCII.
        u8::from(is_word(c)) * WORD + u8::from(is_letter(c)) * LETTER + u8::from(is_joiner(c)) * JOINER
    }
}

#[doc(hidden)]
pub fn is_indic(c: char) -> bool {
    ('\u{0900}'..='\u{0DFF}').contains(&c) && c != '\u{0964}' && c != '\u{0965}'
}

#[doc(hidden)]
pub fn is_word(c: char) -> bool {
    // Fast paths first: the Unicode property lookups are binary searches and were
    // 40% of the engine's time on Hindi/Marathi text (measured with callgrind).
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_indic(c) || c.is_alphanumeric()
    }
}

#[doc(hidden)]
pub fn leet(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '@' => 'a',
        '$' => 's',
        '!' => 'i',
        _ => return None,
    })
}

#[doc(hidden)]
pub fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '-' | '_' | '*' | '\'' | '’' | '`' | '‘' | '·')
}

#[doc(hidden)]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    if ('\u{0900}'..='\u{097F}').contains(&c) {
        // Devanagari: its only numerals are the digits U+0966..U+096F.
        return is_indic(c) && !('\u{0966}'..='\u{096F}').contains(&c);
    }
    is_word(c) && !c.is_numeric()
}

/// Working buffers, kept per thread and reused: allocating them for every message
/// was a tenth of the engine's time (measured with callgrind). All are per token or
/// per run of spaced letters, so they stay small (and in cache) whatever the text's length.
#[derive(Default)]
struct Scratch {
    /// The raw token being read (word characters, leet symbols, joiners).
    tok: Vec<U>,
    /// Its words, as ranges of `flat`.
    flat: Vec<U>,
    words: Vec<(usize, usize)>,
    /// Single ASCII letters, or single digits, seen in a row (a spaced-out word or
    /// number when three or more).
    run: Vec<U>,
    /// Devanagari words of one syllable seen in a row, and their ranges in `deva`.
    deva: Vec<U>,
    deva_words: Vec<(usize, usize)>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Normalises `text`; see the module documentation.
pub fn normalize_mapped(text: &str) -> Normalized {
    let mut out = Normalized { text: String::new(), src: Vec::new() };
    normalize_mapped_into(text, &mut out);
    out
}

/// As [`normalize_mapped`], writing into `out` (its buffers are reused).
pub fn normalize_mapped_into(text: &str, out: &mut Normalized) {
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => normalize_with(text, &mut s, out),
        Err(_) => normalize_with(text, &mut Scratch::default(), out),
    })
}

impl Normalized {
    /// For each byte of `text`, the original byte range it came from (for tests).
    #[doc(hidden)]
    pub fn source_map(&self) -> &[(u32, u32)] {
        &self.src
    }
}

/// One pass over the text: characters are folded as they are read and gathered into
/// the current raw token; at its end the token becomes words (leet, joiners, letter/
/// digit splits, repeats: [`token_words`]), which go straight to the output, except
/// single ASCII letters, held back until it is known whether three or more of them
/// in a row make one spaced-out word. A token of plain ASCII letters (most of any
/// text) is written straight from the bytes.
fn normalize_with(text: &str, scratch: &mut Scratch, out: &mut Normalized) {
    let Scratch { tok, flat, words, run, deva, deva_words } = scratch;
    tok.clear();
    run.clear();
    deva.clear();
    deva_words.clear();
    out.text.clear();
    out.src.clear();
    out.text.reserve(text.len() + 2);
    out.src.reserve(text.len() + 2);
    out.text.push(' ');
    out.src.push((0, 0));
    let mut em = Emitter { out, run, deva, deva_words, prev_end: 0, pair: false };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            let mut l = b.to_ascii_lowercase();
            if matches!(b, b'O' | b'I') && i > 0 && in_number_run(bytes[i - 1]) && digit_lookalike(bytes, i) {
                l = if b == b'O' { b'0' } else { b'1' };
            }
            let k = ASCII_CLASS[l as usize];
            if k & LETTER != 0 && tok.is_empty() {
                if let Some(end) = plain_ascii_word(bytes, i) {
                    em.ascii_word(bytes, i, end);
                    // The joiners and "!" after the letters (if any) only separate.
                    i = end;
                    while i < bytes.len() && is_trailing(bytes[i]) {
                        i += 1;
                    }
                    continue;
                }
            }
            if k & (WORD | LEET | JOINER) != 0 {
                tok.push(U { c: char::from(l), k, s: i as u32, e: i as u32 + 1 });
            } else {
                if !tok.is_empty() {
                    end_token(tok, flat, words, &mut em);
                }
                if b != b' ' && !em.deva_words.is_empty() && is_sentence_mark(char::from(l)) {
                    em.sentence_mark();
                }
            }
            i += 1;
            continue;
        }
        if b == 0xE0 && tok.is_empty() {
            if let Some(end) = plain_devanagari_word(bytes, i) {
                em.devanagari_word(text, i, end);
                i = end;
                while i < bytes.len() && is_trailing(bytes[i]) {
                    i += 1;
                }
                continue;
            }
        }
        let Some(c) = text[i..].chars().next() else { break };
        let (s, e) = (i as u32, (i + c.len_utf8()) as u32);
        fold(c, &mut |f| {
            let u = U::new(f, s, e);
            if u.is(WORD | LEET | JOINER) {
                tok.push(u);
            } else {
                if !tok.is_empty() {
                    end_token(tok, flat, words, &mut em);
                }
                if !em.deva_words.is_empty() && is_sentence_mark(f) {
                    em.sentence_mark();
                }
            }
        });
        i = e as usize;
    }
    if !tok.is_empty() {
        end_token(tok, flat, words, &mut em);
    }
    em.finish();
}

/// When the raw token starting at `i` (after a separator) is ASCII letters only, then
/// maybe joiners or "!" (which then join nothing and are not leet), then the text's end
/// or an ASCII separator: the end of its letters. Otherwise (digits, leet, joiners
/// between letters, a non-ASCII character that may fold into the word) `None`.
#[inline]
fn plain_ascii_word(bytes: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
        j += 1;
    }
    let end = j;
    while j < bytes.len() && is_trailing(bytes[j]) {
        j += 1;
    }
    (j == bytes.len() || (bytes[j].is_ascii() && ASCII_CLASS[bytes[j] as usize] == 0)).then_some(end)
}

/// When the raw token starting at `i` (after a separator) is Devanagari letters that the
/// fold leaves as they are (no nukta, candrabindu, digit or danda), no letter twice in a
/// row, of two syllables or more, then maybe joiners or "!", then the text's end or an
/// ASCII separator: the end of its letters. Such a word goes out as its own bytes (the
/// per-character steps give the same: nothing to fold, join, split, collapse or hold
/// back as a syllable spelled out). Otherwise `None`.
#[inline(never)]
fn plain_devanagari_word(bytes: &[u8], i: usize) -> Option<usize> {
    let (mut j, mut bases, mut virama, mut prev) = (i, 0, false, usize::MAX);
    while j + 2 < bytes.len() && bytes[j] == 0xE0 && matches!(bytes[j + 1], 0xA4 | 0xA5) {
        // U+0900..U+097F, as an offset in the block (the third byte is 0x80..=0xBF in UTF-8).
        let c = usize::from(bytes[j + 1] - 0xA4) << 6 | usize::from(bytes[j + 2] & 0x3F);
        let k = DEVANAGARI_PLAIN[c];
        if k == 0 || c == prev {
            return None;
        }
        // As `is_syllable` counts base letters.
        if k == 2 && !virama {
            bases += 1;
        }
        virama = c == 0x4D;
        prev = c;
        j += 3;
    }
    let end = j;
    while j < bytes.len() && is_trailing(bytes[j]) {
        j += 1;
    }
    (bases > 1 && (j == bytes.len() || (bytes[j].is_ascii() && ASCII_CLASS[bytes[j] as usize] == 0))).then_some(end)
}

/// Per offset in the Devanagari block: 0 where `plain_devanagari_word` stops (the fold
/// changes the character: candrabindu, nukta, a letter with its nukta, a digit; or a
/// danda), 2 for a base letter as `is_syllable` counts them, 1 for the others.
const DEVANAGARI_PLAIN: [u8; 128] = {
    let mut t = [1u8; 128];
    let mut c = 0;
    while c < 128 {
        if matches!(c, 0x01 | 0x29 | 0x31 | 0x34 | 0x3C | 0x58..=0x5F | 0x64..=0x6F) {
            t[c] = 0;
        } else if matches!(c, 0x04..=0x39 | 0x58..=0x61 | 0x72..=0x7F) {
            t[c] = 2;
        }
        c += 1;
    }
    t
};

/// Digits, the capitals that look like them (O, I: lower case "lo", "io" are words) and the separators
/// inside a written amount (",", ".").
#[inline]
fn in_number_run(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b'O' | b'I' | b',' | b'.')
}

/// Whether the capital O or I at `bytes[i]` stands for a digit ("3O,OOO" → "30,000",
/// "4I772" → "41772"): the run of digits, look-alike letters, commas and dots around it
/// begins with a digit and touches no other ASCII letter on either side ("10lakh",
/// "20kg", "c4ll", "up1oad" stay as written).
#[doc(hidden)]
#[inline(never)]
pub fn digit_lookalike(bytes: &[u8], i: usize) -> bool {
    let mut s = i;
    while s > 0 && in_number_run(bytes[s - 1]) {
        s -= 1;
    }
    let mut e = i + 1;
    while e < bytes.len() && in_number_run(bytes[e]) {
        e += 1;
    }
    bytes[s].is_ascii_digit()
        && !(s > 0 && bytes[s - 1].is_ascii_alphabetic())
        && !(e < bytes.len() && bytes[e].is_ascii_alphabetic())
}

/// "!" or an ASCII joiner.
#[inline]
fn is_trailing(b: u8) -> bool {
    b == b'!' || (b.is_ascii() && ASCII_CLASS[b as usize] == JOINER)
}

/// The raw token in `tok` is complete: its words go out.
fn end_token(tok: &mut Vec<U>, flat: &mut Vec<U>, words: &mut Vec<(usize, usize)>, em: &mut Emitter) {
    flat.clear();
    words.clear();
    // An "@" alone right after a spaced letter ("w h @ t s @ p p n u m b 3 r") is held in
    // their run like a leet digit: a letter if they spell a word around it (round thirty-two).
    // After anything else it is dropped as before (held, it could never be inside the word:
    // `spelled` wants each non-letter alone between two letters).
    if let [u] = tok[..] {
        if u.c == '@' && em.run.last().is_some_and(|r| r.is(LETTER)) {
            em.word(&[u]);
            tok.clear();
            return;
        }
    }
    token_words(tok, flat, words);
    for &(s, e) in words.iter() {
        em.word(&flat[s..e]);
    }
    tok.clear();
}

/// Devanagari words of one syllable that are everyday words on their own ("है", "तो",
/// "दो"): a run of them is a sentence, not a word spelled out (canonical forms).
const DEVANAGARI_SHORT_WORDS: &[&str] = &[
    "है", "हैं", "हो", "तो", "भी", "ही", "से", "को", "के", "का", "की", "कि", "में", "मैं", "मे", "ने", "न", "ना", "जी",
    "दो", "दे", "दी", "लो", "ले", "ली", "या", "व", "जो", "सो", "वो", "ये", "क्या", "पे", "हां", "हूं", "हु", "थे", "था",
    "थी", "गा", "गे", "गी", "ते", "ती", "हे", "हा", "ला", "चा", "ची", "चे", "जा", "घे", "द्या", "नी", "मी", "तू", "तु", "आ",
    "ओ", "ए", "क्यों", "यूं", "यूँ",
];

/// One-syllable words of the Dravidian scripts that are everyday words on their own
/// ("this", "that", "which", "you", "my": "ఈ వీ డి యో" → "ఈ వీడియో"). Their everyday words
/// are otherwise longer, so a run of three or more syllables is a word spelled out.
const DRAVIDIAN_SHORT_WORDS: &[&str] = &[
    "ఈ", "ఆ", "ఏ", "మీ", "నా", "నీ", "ಈ", "ಆ", "ಏ", "ನೀ", "ನಾ", "ഈ", "ആ", "ഏ", "നീ", "நீ",
];

/// Everyday one-syllable Gujarati words (those the tuning threads write),  as `DRAVIDIAN_SHORT_WORDS`: a run of three or more syllables, fewer than half of them
/// these, is a word spelled out ("ધ ર પ ક ડ", "ભ ર વા"; "આ શું છે", "હું છું ને" stay).
const GUJARATI_SHORT_WORDS: &[&str] = &[
    "છે", "ને", "તો", "હું", "છું", "હા", "ના", "માં", "જ", "છો", "એ", "શ્રી", "ની", "આ", "શું", "મેં",
    "થી", "નો", "ત્યાં", "કે", "ક્યાં", "નું", "હો", "ન", "તું", "જે", "ફી", "લો", "તે", "ચા", "બે", "બા",
    "લે", "દો", "યુ", "તેં", "પે", "જી", "રે", "જો", "ફ્રી", "નં", "મા", "શુ", "હે", "છ", "દે", "સે",
    "છૂ", "શી", "હોં",
];

/// The first code point of the Unicode block of `c` if its script is one whose words
/// spelled out syllable by syllable are joined: Devanagari, with its list of everyday short
/// words, and Tamil, Telugu, Kannada, Malayalam. The Indic blocks share one layout
/// (https://www.unicode.org/versions/latest/core-spec/chapter-12/: vowels, consonants,
/// vowel signs and virama at the same offsets). Bengali, Gurmukhi, Gujarati and Oriya
/// have many everyday one-syllable words ("ਨੂੰ ਵੀ ਲੈ ਕੇ"); Gujarati has its list
/// (`GUJARATI_SHORT_WORDS`), the others none: joined only where a vowel sign stands alone
/// ([`listless_script`]).
#[doc(hidden)]
pub fn syllable_script(c: char) -> Option<u32> {
    let b = c as u32 & !0x7F;
    matches!(b, 0x0900 | 0x0980 | 0x0A00 | 0x0A80 | 0x0B00 | 0x0B80 | 0x0C00 | 0x0C80 | 0x0D00).then_some(b)
}

/// Bengali, Gurmukhi and Oriya: scripts of [`syllable_script`] with no list of
/// everyday short words, whose one-syllable words all count as short (a run of them is
/// never joined: "આ શું છે", "ਜੀ ਨੂੰ ਵੀ"), except a vowel sign or virama standing alone,
/// which never begins a word: there the letters are spelled out one by one
/// ("ਕ ਾ ਲ" → "ਕਾਲ", "স া ত" → "সাত"; round eighty-six).
fn listless_script(c: char) -> bool {
    matches!(c as u32 & !0x7F, 0x0980 | 0x0A00 | 0x0B00)
}

/// Punctuation that ends a sentence or a clause: a run of spelled-out syllables does not
/// go on across it ("वा य र ल। यू ट्यू ब" is two words).
#[doc(hidden)]
pub fn is_sentence_mark(c: char) -> bool {
    matches!(c, '\u{0964}' | '\u{0965}' | ',' | '?' | ';' | ':')
}

/// A word of one syllable in one script of [`syllable_script`]: at most one base letter
/// (an independent vowel, or a consonant not joined to the one before by a virama), with
/// its vowel signs and marks. A digit of the script makes it none: joined to the letters
/// spelled out before it ("ವಿ ಡಿ ೦" → "ವಿಡಿ೦"), it would be split from them again by the
/// next pass (letters and digits apart: "ವಿಡಿ ೦"), and normalising twice must change nothing.
/// So does any other number sign of the script (Tamil's ten "௰", Telugu's and Malayalam's
/// fractions): "௰ எ ஜ" joined was "௰எஜ", which the next pass split into "௰ எஜ".
#[doc(hidden)]
pub fn is_syllable(w: impl Iterator<Item = char>) -> bool {
    let (mut bases, mut virama, mut script) = (0, false, None);
    for ch in w {
        if script.is_none() {
            script = syllable_script(ch);
        }
        let Some(b) = script.filter(|&b| ch as u32 & !0x7F == b) else { return false };
        let c = ch as u32 - b;
        // Digits; then the blocks' other number signs, which lie only in these ranges.
        if matches!(c, 0x66..=0x6F) || (matches!(c, 0x58..=0x5E | 0x70..=0x7F) && ch.is_numeric()) {
            return false;
        }
        if matches!(c, 0x04..=0x39 | 0x58..=0x61 | 0x72..=0x7F) && !virama {
            bases += 1;
            if bases > 1 {
                return false;
            }
        }
        virama = c == 0x4D;
    }
    true
}

/// Whether `c` is a sign of a script of [`syllable_script`] that never begins a word
/// (vowel sign, virama, mark).
#[doc(hidden)]
pub fn is_indic_sign(c: char) -> bool {
    syllable_script(c).is_some_and(|b| matches!(c as u32 - b, 0x00..=0x03 | 0x3A..=0x4F | 0x51..=0x57 | 0x62..=0x63))
}

/// A one-syllable word that is only ever a letter spelled out on its own: it begins with
/// a vowel sign or a virama ("ी" of "व ी"), or it is an independent vowel that is no
/// everyday word ("अ" of "अ के ले"; "ए", "ओ" are words).
#[doc(hidden)]
pub fn is_spelled_letter(w: &[char]) -> bool {
    match w {
        [c, ..] if is_indic_sign(*c) => true,
        [c] => syllable_script(*c).is_some_and(|b| matches!(*c as u32 - b, 0x04..=0x14)) && !is_short_word(std::iter::once(*c)),
        _ => false,
    }
}

/// A lone Devanagari independent vowel ("ए", "अ").
#[doc(hidden)]
pub fn is_lone_vowel(mut w: impl Iterator<Item = char>) -> bool {
    matches!((w.next(), w.next()), (Some('\u{0904}'..='\u{0914}'), None))
}

#[doc(hidden)]
pub fn is_short_word(w: impl Iterator<Item = char> + Clone) -> bool {
    // Collected once, so that the lists are searched by one non-generic function (smaller).
    let mut buf = ['\0'; 8];
    let mut n = 0;
    for c in w {
        if n == buf.len() {
            return false;
        }
        buf[n] = c;
        n += 1;
    }
    short_word(&buf[..n])
}

fn short_word(w: &[char]) -> bool {
    if let Some(&c) = w.first().filter(|&&c| listless_script(c)) {
        return !is_indic_sign(c);
    }
    [DEVANAGARI_SHORT_WORDS, DRAVIDIAN_SHORT_WORDS, GUJARATI_SHORT_WORDS].iter().any(|l| l.iter().any(|s| s.chars().eq(w.iter().copied())))
}

/// In a run of one-syllable Devanagari words (`short[k]`: word k is an everyday short
/// word), the part spelled out syllable by syllable ("वी डि यो", "नं ब र"), to be joined:
/// the run without its leading and trailing short words, if three or more syllables
/// remain and fewer than half of them are short words.
///
/// A word that begins with a vowel sign or a virama (`bare[k]`) is a letter spelled
/// out on its own ("व ी ड ि य ो"): then the whole run is one word.
#[doc(hidden)]
///
/// A lone Devanagari vowel that is also a word (`vowel[k]`: "ए", "ओ", "आ") right before
/// two syllables that are no short words begins the word ("ए क टे" → "एकटे").
#[doc(hidden)]
pub fn spelled_out(short: &[bool], bare: &[bool], vowel: &[bool]) -> Option<(usize, usize)> {
    if bare.iter().any(|&x| x) {
        // Everyday short words around it stay words ("न ं ब र दो" → "नंबर दो"), except one
        // right before a bare sign, which is the letter the sign belongs to, and those
        // that leave fewer than three syllables ("अ के ले" is one word).
        let n = short.len();
        let mut a = 0;
        while a + 1 < n && short[a] && !bare[a + 1] {
            a += 1;
        }
        let mut b = n;
        while b > a + 3 && short[b - 1] {
            b -= 1;
        }
        return Some((a, b));
    }
    let mut a = short.iter().take_while(|&&x| x).count();
    let b = short.len() - short[a..].iter().rev().take_while(|&&x| x).count();
    if b == a + 2 && a > 0 && vowel[a - 1] && !short[a + 1] {
        a -= 1;
        return Some((a, b));
    }
    let inner = &short[a..b];
    (inner.len() >= 3 && inner.iter().filter(|&&x| x).count() * 2 < inner.len()).then_some((a, b))
}

/// Writes words to the output, joining runs of three or more single ASCII letters (or
/// digits), and Devanagari spelled out syllable by syllable.
struct Emitter<'a> {
    out: &'a mut Normalized,
    run: &'a mut Vec<U>,
    deva: &'a mut Vec<U>,
    deva_words: &'a mut Vec<(usize, usize)>,
    prev_end: u32,
    /// The first two held letters were followed by a wider gap (see `word`).
    pair: bool,
}

impl Emitter<'_> {
    fn word(&mut self, w: &[U]) {
        if w.len() == 1 && (w[0].c.is_ascii_alphanumeric() || w[0].c == '@') {
            self.end_deva();
            // A leet digit among spaced letters is held in their run ("w h 4 t s 4 p p n u m b 3 r"):
            // a letter if they are spelled out around it (`spelled`).
            let held = w[0].is(LEET) && self.run.first().is_some_and(|r| r.is(LETTER));
            if !held && self.run.first().is_some_and(|r| r.c.is_ascii_digit() != w[0].c.is_ascii_digit()) {
                // Spaced letters and spaced digits are separate runs ("p a y 9 8 7"); the
                // leet digits held after the letters begin the number ("p a y 5 0 9 0").
                let at = if w[0].c.is_ascii_digit() { self.run.iter().rposition(|u| u.is(LETTER)).map_or(0, |k| k + 1) } else { self.run.len() };
                self.flush_to(at);
            }
            if let [.., a, b] = self.run[..] {
                // Only after three letters that are not all one (they make a word of their
                // own, so normalising twice gives what normalising once gave).
                let word = if self.run[0].is(LETTER) { spelled(self.run) } else { self.run.iter().any(|u| u.c != self.run[0].c) };
                if self.run.len() >= 3 && wider_gap(a, b, w[0]) && word {
                    // A wider gap between spaced letters is a space between words; before a
                    // digit, the leet digits held after the letters begin its number, as
                    // above, so normalising twice gives what normalising once gave
                    // ("x y z0@0 0" → "xyz 000", not "xyz 0 0 0").
                    if w[0].c.is_ascii_digit() && self.run[0].is(LETTER) {
                        let at = self.run.iter().rposition(|u| u.is(LETTER)).map_or(0, |k| k + 1);
                        self.flush_to(at);
                    } else {
                        self.end_run();
                    }
                }
            }
            if let [a, b] = self.run[..] {
                // Two spaced letters before a wider gap and a spaced letter ("u r  W h a t s A p p"):
                // a short word of their own if a word is spelled out after them (`flush_to`, norm1).
                self.pair |= a.is(LETTER) && b.is(LETTER) && w[0].is(LETTER) && wider_gap(a, b, w[0]);
            }
            if self.run.is_empty() && w[0].c == '@' {
                // An "@" never begins a run (a wider gap ended the one it was held in).
                return;
            }
            self.run.push(w[0]);
            return;
        }
        self.end_run();
        if syllable_script(w[0].c).is_some() && is_syllable(w.iter().map(|u| u.c)) {
            if self.deva.first().is_some_and(|d| syllable_script(d.c) != syllable_script(w[0].c)) {
                // A run of syllables is of one script.
                self.end_deva();
            }
            let s = self.deva.len();
            self.deva.extend_from_slice(w);
            self.deva_words.push((s, self.deva.len()));
            return;
        }
        self.end_deva();
        write_word(self.out, &mut self.prev_end, w);
    }

    /// The held-back one-syllable Devanagari words go out, the spelled-out part joined.
    /// The part of the held-back one-syllable words that is spelled out, if any.
    fn deva_joined(&self) -> Option<(usize, usize)> {
        if self.deva_words.len() < 3 {
            return None;
        }
        let short: Vec<bool> = self.deva_words.iter().map(|&(s, e)| is_short_word(self.deva[s..e].iter().map(|u| u.c))).collect();
        let bare: Vec<bool> = self.deva_words.iter().map(|&(s, e)| is_spelled_letter(&self.deva[s..e].iter().map(|u| u.c).collect::<Vec<_>>())).collect();
        let vowel: Vec<bool> = self.deva_words.iter().map(|&(s, e)| is_lone_vowel(self.deva[s..e].iter().map(|u| u.c))).collect();
        spelled_out(&short, &bare, &vowel)
    }

    /// At a sentence mark: the held-back syllables end there if they hold a word spelled
    /// out (else they may still be one with what follows, and normalising twice must give
    /// what normalising once gave).
    fn sentence_mark(&mut self) {
        if self.deva_joined().is_some() {
            self.end_deva();
        }
    }

    /// Called after every word and at each separator, mostly with nothing held back:
    /// that check inline, the work out of line (the calls with nothing to do were 6% of
    /// the normaliser's instructions on the bench thread, measured with callgrind).
    #[inline]
    fn end_deva(&mut self) {
        if !self.deva_words.is_empty() {
            self.flush_deva();
        }
    }

    #[inline(never)]
    fn flush_deva(&mut self) {
        let n = self.deva_words.len();
        let (a, b) = self.deva_joined().unwrap_or((n, n));
        for k in 0..n {
            let (s, e) = self.deva_words[k];
            if k < a || k >= b {
                write_word(self.out, &mut self.prev_end, &self.deva[s..e]);
            } else if k == a {
                // One word, repeats collapsed as inside any word.
                let mut w: Vec<U> = Vec::new();
                for &(s, e) in &self.deva_words[a..b] {
                    for &u in &self.deva[s..e] {
                        match w.last_mut() {
                            Some(l) if l.c == u.c && u.is(LETTER) => l.e = l.e.max(u.e),
                            _ => w.push(u),
                        }
                    }
                }
                write_word(self.out, &mut self.prev_end, &w);
            }
        }
        self.deva.clear();
        self.deva_words.clear();
    }

    /// A word written from the text's bytes begins at byte `s`: what is held back goes out
    /// first, then the space before it (mapped to the gap in the original). Inline: a call
    /// for every ASCII word was 180 instructions a message (callgrind).
    #[inline]
    fn begin_word(&mut self, s: usize) -> &mut Normalized {
        self.end_run();
        self.end_deva();
        let out = &mut *self.out;
        if out.text.len() > 1 {
            out.text.push(' ');
            out.src.push((self.prev_end, s as u32));
        }
        out
    }

    /// `text[s..e]`, a word of `plain_devanagari_word`, as it is: each byte mapped back to
    /// its character (as `write_word` maps it).
    #[inline(never)]
    fn devanagari_word(&mut self, text: &str, s: usize, e: usize) {
        let out = self.begin_word(s);
        out.text.push_str(&text[s..e]);
        let mut p = s as u32;
        while p < e as u32 {
            out.src.extend(std::iter::repeat_n((p, p + 3), 3));
            p += 3;
        }
        self.prev_end = e as u32;
    }

    /// `bytes[s..e]`, ASCII letters only, as one word (lower case, repeats collapsed).
    fn ascii_word(&mut self, bytes: &[u8], s: usize, e: usize) {
        let first = bytes[s].to_ascii_lowercase();
        if bytes[s + 1..e].iter().all(|b| b.to_ascii_lowercase() == first) {
            // One letter, perhaps repeated: a single letter.
            self.word(&[U { c: char::from(first), k: ASCII_CLASS[first as usize], s: s as u32, e: e as u32 }]);
            return;
        }
        let out = self.begin_word(s);
        let (text_at, src_at) = (out.text.len(), out.src.len());
        let mut last = 0u8;
        let mut n = 0usize;
        let mut key = 0u64;
        for (p, &b) in bytes[s..e].iter().enumerate() {
            let l = b.to_ascii_lowercase();
            let at = (s + p) as u32;
            if l == last {
                if let Some(m) = out.src.last_mut() {
                    m.1 = at + 1;
                }
                continue;
            }
            out.text.push(char::from(l));
            out.src.push((at, at + 1));
            last = l;
            n += 1;
            if n <= 8 {
                key = key << 8 | l as u64;
            }
        }
        if n <= 7 {
            if let Ok(x) = KEYS.binary_search(&(key << (8 * (8 - n)))) {
                let x = ABBREVIATIONS[x].1;
                out.text.truncate(text_at);
                out.src.truncate(src_at);
                out.text.push_str(x);
                out.src.extend(std::iter::repeat_n((s as u32, e as u32), x.len()));
            }
        }
        self.prev_end = e as u32;
    }

    /// The held-back single letters (or digits) go out: joined when three or more
    /// (repeated letters collapsed, digits kept: "8 0 0 0" → "8000"), else one by one.
    #[inline]
    fn end_run(&mut self) {
        if !self.run.is_empty() {
            self.flush_to(self.run.len());
        }
    }

    /// The first `k` held-back single letters (or digits) go out, the rest stay held: joined
    /// when three or more (repeated letters collapsed, digits kept: "8 0 0 0" → "8000"), else
    /// one by one. Leet digits held among spaced letters (see `word`) are letters if
    /// `spelled`; else, and after the last letter, digits in runs of their own as before.
    /// Out of line: `end_run` runs after every word and almost never has anything to flush
    /// (docs/performance.md "Engine speed", 12-01).
    #[inline(never)]
    fn flush_to(&mut self, k: usize) {
        let mut k = k;
        if std::mem::take(&mut self.pair) && k > 2 && spelled(&self.run[2..k]) {
            // "u r  W h a t s A p p" → "your whatsap": the two letters before the wider gap
            // are one short word, the letters spelled out after it another.
            let (a, b) = (self.run[0], self.run[1]);
            let one = a.c == b.c;
            let w = [U { e: if one { b.e } else { a.e }, ..a }, b];
            write_word(self.out, &mut self.prev_end, &w[..2 - usize::from(one)]);
            self.run.drain(..2);
            k -= 2;
        }
        let mut n = self.run.len();
        let mut at = 0;
        if self.run.first().is_some_and(|r| r.is(LETTER)) && spelled(&self.run[..k]) {
            at = self.run[..k].iter().rposition(|u| u.is(LETTER)).map_or(0, |x| x + 1);
            if at + 1 == k && k == n && self.run[at].c.is_ascii_digit() {
                // One leet digit after the last letter, ending the run, is the word's last
                // letter ("w h @ t s @ p p n 0" → "whatsapno"), as inside a token ("n0" →
                // "no"); two or more, or digits after it, are a number ("p a y 5 0 0 0").
                at = k;
            }
            for u in &mut self.run[..at] {
                if let Some(l) = leet(u.c) {
                    *u = U { c: l, k: ASCII_CLASS[l as usize], s: u.s, e: u.e };
                }
            }
        }
        if self.run.iter().any(|u| u.c == '@') {
            // An "@" held (see `end_token`) but not inside a word spelled out is dropped, as
            // it was before it was held: it lies after `at` (which stays where it was), or
            // in the rest held after the last letter when a digit splits the run (`word`),
            // which so begins with a digit.
            let (mut m, mut kept) = (0, 0);
            for x in 0..n {
                if self.run[x].c == '@' {
                    continue;
                }
                kept += usize::from(x < k);
                self.run[m] = self.run[x];
                m += 1;
            }
            k = kept;
            n = m;
            self.run.truncate(n);
        }
        let mut a = 0;
        while a < k {
            let mut b = a + 1;
            while b < k && (b < at || (a >= at && self.run[b].is(LETTER) == self.run[a].is(LETTER))) {
                b += 1;
            }
            if b - a < 3 {
                for x in a..b {
                    let u = self.run[x];
                    write_word(self.out, &mut self.prev_end, &[u]);
                }
            } else {
                let mut m = a;
                for x in a..b {
                    let u = self.run[x];
                    if m > a && self.run[m - 1].c == u.c && u.is(LETTER) {
                        self.run[m - 1].e = self.run[m - 1].e.max(u.e);
                    } else {
                        self.run[m] = u;
                        m += 1;
                    }
                }
                write_word(self.out, &mut self.prev_end, &self.run[a..m]);
            }
            a = b;
        }
        self.run.copy_within(k..n, 0);
        self.run.truncate(n - k);
    }

    fn finish(mut self) {
        self.end_run();
        self.end_deva();
        self.out.text.push(' ');
        self.out.src.push((self.prev_end, self.prev_end));
    }
}

/// Whether a run of spaced letters with leet digits held among them is a word spelled out:
/// three letters or more up to the last, not one letter over and over, each digit alone
/// between two letters and fewer than the letters ("p a y 1 0 k" is an amount, "x 4 x 5 x 1"
/// a masked number). A run of letters only: three or more, not all one.
fn spelled(run: &[U]) -> bool {
    // Counted up to the last letter: the digits after it are not in the word.
    let (mut letters, mut digits, mut held, mut apart, mut other) = (0usize, 0, 0, true, false);
    for u in run {
        if u.is(LETTER) {
            letters += 1;
            digits += held;
            other |= u.c != run[0].c;
            apart &= held < 2;
            held = 0;
        } else {
            held += 1;
        }
    }
    letters >= 3 && letters > digits && other && apart
}

/// Whether the gap in the original text before spaced letter `c` is wider than the one
/// between the letters `a` and `b` before it ("v i d e o  c a l l": two words).
fn wider_gap(a: U, b: U, c: U) -> bool {
    c.s.saturating_sub(b.e) > b.s.saturating_sub(a.e)
}

/// Writes one word (after a space unless it is the first), expanded if abbreviated.
fn write_word(out: &mut Normalized, prev_end: &mut u32, w: &[U]) {
    if out.text.len() > 1 {
        out.text.push(' ');
        out.src.push((*prev_end, w[0].s));
    }
    if let Some(x) = expansion(w) {
        let span = (w[0].s, w[w.len() - 1].e);
        out.text.push_str(x);
        out.src.extend(std::iter::repeat_n(span, x.len()));
        *prev_end = span.1;
        return;
    }
    for u in w {
        if u.c.is_ascii() {
            out.text.push(u.c);
            out.src.push((u.s, u.e));
            continue;
        }
        let mut buf = [0u8; 4];
        let enc = u.c.encode_utf8(&mut buf);
        out.text.push_str(enc);
        out.src.extend(std::iter::repeat_n((u.s, u.e), enc.len()));
    }
    *prev_end = w[w.len() - 1].e;
}

/// One raw token (word characters, leet symbols, joiners) → words.
fn token_words(t: &mut [U], flat: &mut Vec<U>, words: &mut Vec<(usize, usize)>) {
    let ascii_letter = |c: char| c.is_ascii_alphabetic();
    // Leet: a run of leet characters becomes letters if it touches an ASCII letter and
    // is either a single character or lies between letters ("wh@ts@pp", "v1de0"),
    // so "5000rs" and "10k" keep their numbers.
    let mut i = 0;
    while i < t.len() {
        if !t[i].is(LEET) {
            i += 1;
            continue;
        }
        let s = i;
        while i < t.len() && t[i].is(LEET) {
            i += 1;
        }
        let before = s > 0 && ascii_letter(t[s - 1].c);
        let after = i < t.len() && ascii_letter(t[i].c);
        // Letters spelled out with joiners ("W-h-@-t-s-@-p-p"): one leet character with a
        // single letter beyond the joiner on both sides is inside the word ("Sector-7",
        // "T-20", a link's "loses-3-lakh" keep their numbers).
        let lone = |k: usize| ascii_letter(t[k].c) && (k == 0 || !t[k - 1].is(WORD)) && t.get(k + 1).is_none_or(|u| !u.is(WORD));
        let before_j = i - s == 1 && s > 1 && t[s - 1].is(JOINER) && lone(s - 2);
        let after_j = i + 1 < t.len() && t[i].is(JOINER) && lone(i + 1);
        let (before, after) = if before_j && after_j { (true, true) } else { (before, after) };
        // Next to another digit the run is part of a number ("20k", "60k").
        let digit_next = (s > 0 && t[s - 1].c.is_ascii_digit()) || (i < t.len() && t[i].c.is_ascii_digit());
        // "!" is a letter only between letters ("v!deo"), never at a word's end ("hello!").
        let bang = t[s..i].iter().any(|u| u.c == '!');
        // "11" after a vowel is a double "l" ("ca11", "wa11et"): a double "i" is no
        // English spelling. After a consonant ("rs11,240", "₹11", "xx11") or before
        // letters only ("11am") it is a number.
        let vowel_before = s > 0 && matches!(t[s - 1].c, 'a' | 'e' | 'i' | 'o' | 'u');
        if vowel_before && !digit_next && i - s == 2 && t[s].c == '1' && t[s + 1].c == '1' {
            for u in &mut t[s..i] {
                *u = U::new('l', u.s, u.e);
            }
            continue;
        }
        if !digit_next && ((before && after) || ((before || after) && i - s == 1 && !bang)) {
            for u in &mut t[s..i] {
                *u = U::new(leet(u.c).unwrap_or(u.c), u.s, u.e);
            }
        }
    }
    // Joiners between word characters vanish ("whats.app"); elsewhere they separate.
    // Letter/digit boundaries and Latin/Indic boundaries separate. Repeated letters collapse.
    let mut start = flat.len();
    let close = |flat: &mut Vec<U>, words: &mut Vec<(usize, usize)>, start: &mut usize| {
        if flat.len() > *start {
            words.push((*start, flat.len()));
        }
        *start = flat.len();
    };
    for k in 0..t.len() {
        let u = t[k];
        if !u.is(WORD) {
            let joins = u.is(JOINER) && k > 0 && k + 1 < t.len() && t[k - 1].is(WORD) && t[k + 1].is(WORD);
            if !joins {
                close(flat, words, &mut start);
            }
            continue;
        }
        if flat.len() > start {
            let last = flat[flat.len() - 1];
            if last.is(LETTER) != u.is(LETTER) || last.c.is_ascii_alphabetic() != u.c.is_ascii_alphabetic() && (is_indic(last.c) || is_indic(u.c)) {
                // Latin letters and an Indic script meet: two words ("group-ல", "YouTube-এ").
                close(flat, words, &mut start);
            } else if last.c == u.c && u.is(LETTER) {
                let l = flat.len() - 1;
                flat[l].e = flat[l].e.max(u.e);
                continue;
            }
        }
        flat.push(u);
    }
    close(flat, words, &mut start);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_sorted_canonical_and_expanded_in_place() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(KEYS.windows(2).all(|w| w[0] < w[1]) && ABBREVIATIONS.iter().all(|(k, _)| k.len() <= 7));
        for (k, x) in ABBREVIATIONS {
            assert_eq!(normalize(x), *x, "expansion of {k} is not canonical");
        }
        assert_eq!(normalize("Send ur wtsp no. pls"), "send your whatsap no please");
        assert_eq!(normalize("vdo cl"), "video cal");
        assert_eq!(normalize("v!deo c4ll, hello!"), "video cal helo");
        let n = normalize_mapped("ok vdo");
        let (s, e) = n.original_range(4, 9).unwrap();
        assert_eq!(&"ok vdo"[s..e], "vdo");
    }

    #[test]
    fn one_leet_digit_ending_spaced_letters_is_their_last_letter() {
        // "WhatsApp no." spelled out with "@" and "0" (round forty-three).
        assert_eq!(normalize("w h @ t s @ p p n 0 aapo"), "whatsapno apo");
        assert_eq!(normalize("w h a t s a p p n0"), "whatsap no");
        // A number stays a number: two digits, or a digit that is no leet after it.
        assert_eq!(normalize("p a y 5 0"), "pay 5 0");
        assert_eq!(normalize("w h a t s a p p n 0 9 8 7"), "whatsapn 0987");
        // The digit's source range is its own.
        let n = normalize_mapped("w h a t s a p p n 0");
        let (s, e) = n.original_range(1, 2).unwrap();
        assert_eq!((s, e), (0, 19));
    }
}

/// `s` through the per-character fold alone (case, compatibility forms, Latin
/// accents, look-alike letters, marks and invisibles dropped), without the word
/// rules: for comparing short strings such as names as a reader sees them.
pub fn fold_str(s: &str, out: &mut impl FnMut(char)) {
    s.chars().for_each(|c| fold(c, out));
}

/// For the tests in tests/engine_normalize.rs (not an API: the character-class
/// functions above are public only for these tests).
#[doc(hidden)]
pub mod internals {
    pub use super::fold::fold;
    pub use super::{class, digit_lookalike, is_indic, is_joiner, is_letter, is_indic_sign, is_sentence_mark, is_lone_vowel, is_short_word, is_spelled_letter, is_syllable, syllable_script, is_word, leet, spelled_out, JOINER, LEET, LETTER, WORD};
}
