//! The accessible label of a message in Messenger's log layout (2025+):
//! "At 16:15, Priya Sharma: text", and "At 16:15, You: text" for own messages
//! (public evidence: README "Reading Facebook", its sources). It
//! carries sender, side, time and text; the caller strips the language's prefix
//! ("At ") with the labels dictionary and passes the rest here.
//!
//! Pure (no DOM): also compiled into the native unit tests (see state::contacts).

/// The parts of a message label, borrowed from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowLabel<'a> {
    /// "16:15", "Tue 20:06", "15 Jul 2026, 17:38".
    pub time: &'a str,
    pub name: &'a str,
    /// The message's own text (a reply's, not its quoted parent's); may be empty.
    pub text: &'a str,
}

/// Longest name taken from a label (a longer "name" means the format is not ours).
const MAX_NAME_CHARS: usize = 200;

/// Whether `s` holds a clock time "h:mm" / "hh:mm" (ASCII or Devanagari digits).
pub fn has_clock(s: &str) -> bool {
    let mut d: Vec<Option<u32>> = Vec::new();
    for c in s.chars() {
        d.push(match c {
            '0'..='9' => Some(c as u32 - '0' as u32),
            '\u{0966}'..='\u{096F}' => Some(c as u32 - 0x0966),
            ':' => Some(99),
            _ => None,
        });
    }
    let digit = |i: usize| d.get(i).copied().flatten().is_some_and(|v| v < 10);
    (0..d.len()).any(|i| d[i] == Some(99) && i >= 1 && digit(i - 1) && digit(i + 1) && digit(i + 2) && !digit(i + 3))
}

/// Splits "TIME, NAME: TEXT". The time is the comma-separated pieces up to the
/// first one holding a clock time (a date may come before it: "15 Jul 2026,
/// 17:38"); the name runs to the first ": " after it. `None` for any other shape.
pub fn split(rest: &str) -> Option<RowLabel<'_>> {
    let rest = rest.trim_start();
    let mut from = 0;
    for _ in 0..4 {
        let i = from + rest[from..].find(", ")?;
        let time = &rest[..i];
        if has_clock(time) {
            let after = &rest[i + 2..];
            let (name, text) = match after.split_once(": ") {
                Some((n, t)) => (n, t),
                None => (after.strip_suffix(':')?, ""),
            };
            let name = name.trim();
            if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
                return None;
            }
            return Some(RowLabel { time: time.trim(), name, text: text.trim() });
        }
        from = i + 2;
    }
    None
}

/// A label that starts with the time itself (no prefix word): accepted in any
/// language, since the dictionaries may lack the prefix of a UI language.
pub fn starts_with_clock(label: &str) -> bool {
    label.split(", ").next().is_some_and(|first| first.chars().count() <= 12 && has_clock(first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_the_labels_facebook_serves() {
        assert_eq!(split("16:15, Priya Sharma: Send me your WhatsApp number"), Some(RowLabel { time: "16:15", name: "Priya Sharma", text: "Send me your WhatsApp number" }));
        assert_eq!(split("16:15, You: ok: see you"), Some(RowLabel { time: "16:15", name: "You", text: "ok: see you" }));
        assert_eq!(split("15 Jul 2026, 17:38, Priya: hi, dear"), Some(RowLabel { time: "15 Jul 2026, 17:38", name: "Priya", text: "hi, dear" }));
        assert_eq!(split("Tue 9:05 PM, Priya: hello"), Some(RowLabel { time: "Tue 9:05 PM", name: "Priya", text: "hello" }));
        assert_eq!(split("१६:१५, प्रिया: नमस्ते"), Some(RowLabel { time: "१६:१५", name: "प्रिया", text: "नमस्ते" }));
        assert_eq!(split("16:15, Priya:"), Some(RowLabel { time: "16:15", name: "Priya", text: "" }));
    }

    #[test]
    fn refuses_other_shapes() {
        for s in ["", "Priya: hello", "yesterday, Priya: hi", "16:15 Priya hello", "1:2, a: b", "Message actions", "16:15, : text"] {
            assert_eq!(split(s), None, "{s:?}");
        }
        assert!(starts_with_clock("16:15, Priya: hi"));
        assert!(!starts_with_clock("Enter, Message sent 16:15 by Priya: hi"));
        assert!(!has_clock("123:456"));
        assert!(has_clock("at 9:05"));
    }
}
