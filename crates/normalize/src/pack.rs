//! Text in one byte per character of a script (see `pack_text`): how the build scripts
//! store the rule needles (build/rules.rs) and the fold's pool (build.rs here), which
//! are mostly Indic text, three bytes a character in UTF-8. Also mounted by build.rs.

/// The byte that sets the window of `pack_text`: the next two bytes (big-endian) are
/// the new window, a code point divided by 128.
const WINDOW: u8 = 1;

/// Text in one byte per character where it can: ASCII as it is, any other character
/// as 0x80 + its place in the current window of 128 code points, a window change as
/// `WINDOW` and two bytes. The needles of one language share a window (Devanagari is
/// U+0900..U+097F), so their three-byte UTF-8 characters take one byte each (the
/// content module: -4.9 KB gzip for the needles, measured). None if the text holds a
/// control character other than a newline (normalised text holds none).
pub fn pack_text(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut window = 0u32;
    for c in text.chars() {
        let cp = c as u32;
        if cp < 0x80 {
            if cp < 0x20 && c != '\n' {
                return None;
            }
            out.push(cp as u8);
            continue;
        }
        if cp >> 7 != window {
            window = cp >> 7;
            out.extend_from_slice(&[WINDOW, (window >> 8) as u8, window as u8]);
        }
        out.push(0x80 | (cp & 0x7f) as u8);
    }
    Some(out)
}

/// The text of `pack_text`. None if the bytes are not its output.
pub fn unpack_text(packed: &[u8]) -> Option<String> {
    unpack(packed, None)
}

/// As `unpack_text` for text of lines, with a space put at the start of line `i` if
/// `flags[i] & start` is not 0 and at its end if `flags[i] & end` is not 0: the rule
/// needles are stored without their word-boundary spaces (build/rules.rs), which come
/// back here in the same pass (a pass of its own over the needles cost 2 M instructions
/// at start-up, natively). None also if the text has another number of lines than
/// `flags` has flags.
pub fn unpack_spaced(packed: &[u8], flags: &[u8], start: u8, end: u8) -> Option<String> {
    unpack(packed, Some((flags, start, end)))
}

/// The two above in one function, so that the module holds one copy of the loop.
#[inline(never)]
fn unpack(packed: &[u8], spaced: Option<(&[u8], u8, u8)>) -> Option<String> {
    let (flags, start, end) = spaced.unwrap_or((&[], 0, 0));
    let mut text = String::with_capacity(packed.len() * 2 + flags.len() * 2);
    if spaced.is_some() && flags.is_empty() {
        return packed.is_empty().then_some(text);
    }
    let space = |i: usize, bit: u8| flags.get(i).is_some_and(|&f| f & bit != 0);
    let mut window = 0u32;
    let mut line = 0;
    if space(0, start) {
        text.push(' ');
    }
    let mut bytes = packed.iter();
    while let Some(&b) = bytes.next() {
        if b == WINDOW {
            window = u32::from(*bytes.next()?) << 8 | u32::from(*bytes.next()?);
        } else if b == b'\n' && spaced.is_some() {
            if space(line, end) {
                text.push(' ');
            }
            text.push('\n');
            line += 1;
            if line == flags.len() {
                return None;
            }
            if space(line, start) {
                text.push(' ');
            }
        } else if b < 0x80 {
            text.push(b as char);
        } else {
            text.push(char::from_u32(window << 7 | u32::from(b & 0x7f))?);
        }
    }
    if space(line, end) {
        text.push(' ');
    }
    (spaced.is_none() || line + 1 == flags.len()).then_some(text)
}

/// `pack_text`'s bytes as a Rust byte string literal (`b"..."`), for the build scripts.
pub fn byte_literal(packed: &[u8]) -> String {
    let mut s = String::from("b\"");
    for &b in packed {
        match b {
            b'"' | b'\\' => s.extend(['\\', b as char]),
            0x20..=0x7e => s.push(b as char),
            _ => s.push_str(&format!("\\x{b:02x}")),
        }
    }
    s.push('"');
    s
}
