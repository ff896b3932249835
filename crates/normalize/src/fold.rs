//! The character fold the normaliser applies to every character (see
//! `fold_reference.rs`, its definition): compatibility decomposition, lower case,
//! look-alikes, dropped marks and invisibles. ASCII, the Devanagari block and Hangul
//! syllables are folded in code (most message text); every other character is
//! looked up in a compact table that build.rs generates from the reference, holding
//! only the ~7,500 characters the fold changes (smaller and faster than carrying
//! unicode-normalization's tables). tests/engine_normalize.rs checks it against the
//! reference for every character.

include!(concat!(env!("OUT_DIR"), "/fold_table.rs"));

/// One original character → zero or more canonical characters.
#[inline]
pub fn fold(c: char, out: &mut impl FnMut(char)) {
    if c.is_ascii() {
        out(c.to_ascii_lowercase());
    } else if ('\u{0900}'..='\u{097F}').contains(&c) {
        if let Some(d) = devanagari(c) {
            out(d);
        }
    } else if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
        hangul(c, out);
    } else {
        match table(c) {
            Some(s) => s.chars().for_each(|d| out(d)),
            None => out(c),
        }
    }
}

/// The Devanagari block: nukta dropped (alone or in a precomposed letter),
/// candrabindu → anusvara, digits → ASCII; everything else unchanged.
fn devanagari(c: char) -> Option<char> {
    const NUKTA_FREE: [char; 8] = ['क', 'ख', 'ग', 'ज', 'ड', 'ढ', 'फ', 'य'];
    Some(match c {
        '\u{093C}' => return None,
        '\u{0901}' => '\u{0902}',
        '\u{0929}' => '\u{0928}',
        '\u{0931}' => '\u{0930}',
        '\u{0934}' => '\u{0933}',
        '\u{0958}'..='\u{095F}' => NUKTA_FREE[c as usize - 0x0958],
        '\u{0966}'..='\u{096F}' => char::from(b'0' + (c as u32 - 0x0966) as u8),
        _ => c,
    })
}

/// A Hangul syllable → its conjoining jamo (Unicode's algorithmic decomposition).
fn hangul(c: char, out: &mut impl FnMut(char)) {
    let s = c as u32 - 0xAC00;
    let jamo = |cp: u32| char::from_u32(cp).unwrap_or(c);
    out(jamo(0x1100 + s / 588));
    out(jamo(0x1161 + s % 588 / 28));
    if s % 28 != 0 {
        out(jamo(0x11A7 + s % 28));
    }
}

/// The table's fold of `c`, or `None` when the fold leaves `c` as it is.
fn table(c: char) -> Option<&'static str> {
    let cp = c as u32;
    let b = FOLD_BLOCKS.binary_search_by_key(&((cp >> 8) as u16), |b| b.0).ok()?;
    let (_, first, off) = FOLD_BLOCKS[b];
    let end = FOLD_BLOCKS.get(b + 1).map_or(FOLD_GAP.len(), |n| n.1 as usize);
    let low = (cp & 0xFF) as usize;
    let (mut at, mut off) = (0, off as usize);
    let runs = (first as usize..end).map(|i| (FOLD_GAP[i], FOLD_RUN[i], FOLD_LEN[i]));
    for (gap, run, len) in runs {
        let start = at + gap as usize;
        if low < start {
            return None;
        }
        let (count, len) = (run as usize + 1, len as usize);
        if low < start + count {
            let at = off + (low - start) * len;
            return pool().get(at..at + len);
        }
        off += count * len;
        at = start + count;
    }
    None
}

/// FOLD_POOL as text, unpacked at the first lookup (a table that could not be unpacked
/// would fold nothing: tests/engine_normalize.rs checks every character).
fn pool() -> &'static str {
    static POOL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    POOL.get_or_init(|| crate::pack::unpack_text(FOLD_POOL).unwrap_or_default())
}
