//! The snapshot helper's string (extension/content/snapshot.js) read in place:
//! one string per batch of rows, a record per row, fields and items split by
//! control characters the helper keeps out of the page's text. Pure (no DOM):
//! tested natively. A row's view borrows from the batch's string; a text is
//! copied only where `clean` changes it (issue 11, item 4: the reader's cost per row).
use std::borrow::Cow;

pub const RECORD: char = '\u{1c}';
pub const FIELD: char = '\u{1e}';
pub const ITEM: char = '\u{1f}';
pub const PART: char = '\u{1d}';

/// One element that may tell a message's kind.
pub struct Media<'a> {
    pub tag: Cow<'a, str>,
    pub role: Cow<'a, str>,
    /// `alt` for images, else `aria-label`.
    pub label: Cow<'a, str>,
    /// Absolute URL for links.
    pub href: Cow<'a, str>,
    /// An image inside an attachment link.
    pub attachment: bool,
    /// The element is itself a heading (its label is the sender's, not the kind's).
    pub heading: bool,
}

/// The texts and media of a message's scope (grid: the row; log: the message element).
/// From the helper, the texts borrow from its batch string (see `Batch`).
#[derive(Default)]
pub struct Raw<'a> {
    pub headings: Vec<Cow<'a, str>>,
    pub autos: Vec<Cow<'a, str>>,
    pub spans: Vec<Cow<'a, str>>,
    pub media: Vec<Media<'a>>,
}

/// What a row is made of.
pub struct RowView<'a> {
    /// The row holds a message element (grid: a messages_table cell; log: a message).
    pub message: bool,
    /// The message element's accessible label (log layout).
    pub label: Option<Cow<'a, str>>,
    /// A date separator in the row: its text, its accessible form, and whether it
    /// lies inside the message element (then the whole row is the separator).
    pub brk: Option<(Cow<'a, str>, Cow<'a, str>, bool)>,
    /// The row's whole text, for rows without a message element.
    pub row_text: Option<Cow<'a, str>>,
    pub raw: Raw<'a>,
    /// The alignment memo key of the message's cell (class, style), if it has a class.
    pub cell_key: Option<Cow<'a, str>>,
}

/// A field's items (none for an empty field).
fn list(t: Option<&str>) -> Vec<Cow<'_, str>> {
    let mut items = Vec::new();
    let t = t.unwrap_or("");
    if !t.is_empty() {
        for i in t.split(ITEM) {
            items.push(super::text::clean_cow(i));
        }
    }
    items
}

/// A row's string from the helper → its view (the inverse of snapshot.js). The
/// view borrows from `s`: a text is copied only where `clean` changes it.
pub fn parse(s: &str) -> RowView<'_> {
    let clean = super::text::clean_cow;
    let mut f = s.split(FIELD);
    let head = f.next().unwrap_or("0");
    let message = head.starts_with('1');
    let label = Some(clean(head.get(1..).unwrap_or(""))).filter(|l| !l.is_empty());
    let brk = f.next().filter(|b| !b.is_empty()).map(|b| {
        let mut p = b.split(PART);
        let t = clean(p.next().unwrap_or(""));
        let a = clean(p.next().unwrap_or(""));
        (t, a, p.next() == Some("1"))
    });
    if !message {
        return RowView { message, label: None, brk, row_text: Some(clean(f.next().unwrap_or(""))), raw: Raw::default(), cell_key: None };
    }
    let headings = list(f.next());
    let autos = list(f.next());
    let spans = list(f.next());
    let mut media = Vec::new();
    let m = f.next().unwrap_or("");
    if !m.is_empty() {
        for e in m.split(ITEM) {
            let mut p = e.split(PART);
            let mut next = || p.next().unwrap_or("");
            let (tag, role, label, href, att, head) = (next(), next(), next(), next(), next(), next());
            media.push(Media {
                tag: Cow::Borrowed(tag),
                role: Cow::Borrowed(role),
                label: clean(label),
                href: Cow::Borrowed(href),
                attachment: att == "1",
                heading: head == "1",
            });
        }
    }
    // The helper writes the memo key as `memo_key` makes it (empty: no class).
    let cell_key = f.next().filter(|c| !c.is_empty()).map(Cow::Borrowed);
    RowView { message, label, brk, row_text: None, raw: Raw { headings, autos, spans, media }, cell_key }
}

/// The helper's string for a batch of rows, with where each row's record lies
/// in it: records are read in place (no copy per row).
pub struct Batch {
    text: String,
    /// Per row, the byte range of its record (empty: a row already read, or skipped).
    ranges: Vec<(u32, u32)>,
}

impl Batch {
    pub fn new(text: String) -> Batch {
        let mut ranges = Vec::new();
        let mut at = 0;
        for r in text.split(RECORD) {
            ranges.push((at as u32, (at + r.len()) as u32));
            at += r.len() + RECORD.len_utf8();
        }
        Batch { text, ranges }
    }

    /// The page's main world's answer, as the isolated helper hands it on
    /// (snapshot.js `snapshotMain`): the mask it sent (a `0` or `1` per row of the
    /// batch: skip or read), RECORD, then the main world's string. That string is
    /// the page's to forge: it is taken only when it has a record per row of the
    /// mask, empty where the mask says skip, and where it says read a record the
    /// isolated helper could have written (a row without a message: `0` and two
    /// more fields; a message: `1`, its label and six more fields). `None`
    /// otherwise: the caller walks the batch in its own world.
    pub fn from_main(text: String) -> Option<Batch> {
        let cut = text.find(RECORD)?;
        let mask = &text.as_bytes()[..cut];
        if mask.is_empty() || !mask.iter().all(|&b| b == b'0' || b == b'1') {
            return None;
        }
        let mut ranges = Vec::with_capacity(mask.len());
        let mut at = cut + RECORD.len_utf8();
        for (i, r) in text[at..].split(RECORD).enumerate() {
            let ok = match mask.get(i)? {
                b'0' => r.is_empty(),
                _ => well_formed(r),
            };
            if !ok {
                return None;
            }
            ranges.push((at as u32, (at + r.len()) as u32));
            at += r.len() + RECORD.len_utf8();
        }
        (ranges.len() == mask.len()).then_some(Batch { text, ranges })
    }

    /// The record of row `i` of the batch; `None` for an empty one or past the end.
    pub fn get(&self, i: usize) -> Option<&str> {
        let &(a, b) = self.ranges.get(i)?;
        (b > a).then(|| &self.text[a as usize..b as usize])
    }

    /// Rows in the batch.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }
}

/// Whether a read row's record has the helper's shape (see `Batch::from_main`).
fn well_formed(r: &str) -> bool {
    let fields = r.bytes().filter(|&b| b == FIELD as u8).count() + 1;
    match r.as_bytes().first() {
        Some(b'1') => fields == 7,
        Some(b'0') => fields == 3 && r.as_bytes().get(1) == Some(&(FIELD as u8)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(fields: &[&str]) -> String {
        fields.join(&FIELD.to_string())
    }

    #[test]
    fn a_batch_gives_each_rows_record_in_place_and_none_for_an_empty_one() {
        let s = ["a", "", "bc", ""].join(&RECORD.to_string());
        let b = Batch::new(s);
        assert_eq!(b.len(), 4);
        assert_eq!(b.get(0), Some("a"));
        assert_eq!(b.get(1), None);
        assert_eq!(b.get(2), Some("bc"));
        assert_eq!(b.get(3), None);
        assert_eq!(b.get(4), None);
        let one = Batch::new(String::new());
        assert_eq!((one.len(), one.get(0)), (1, None));
        let hindi = Batch::new(["नया", "नंबर"].join(&RECORD.to_string()));
        assert_eq!((hindi.get(0), hindi.get(1)), (Some("नया"), Some("नंबर")));
    }

    #[test]
    fn a_message_record_is_read_field_by_field_and_clean_texts_are_borrowed() {
        let item = ITEM.to_string();
        let part = PART.to_string();
        let media = ["img", "", "  Photo ", "", "1", "0"].join(&part) + &item + &["a", "link", "", "https://x.example/", "0", "0"].join(&part);
        let s = rec(&["1label", "", "Ramesh", &["Hello  there", "#1"].join(&item), "x", &media, "xq1\u{1}"]);
        let v = parse(&s);
        assert!(v.message);
        assert_eq!(v.label.as_deref(), Some("label"));
        assert!(v.brk.is_none() && v.row_text.is_none());
        assert_eq!(v.raw.headings, ["Ramesh"]);
        assert!(matches!(v.raw.headings[0], Cow::Borrowed(_)));
        assert_eq!(v.raw.autos, ["Hello there", "#1"]);
        assert!(matches!(v.raw.autos[0], Cow::Owned(_)), "a text with a double space is cleaned");
        assert_eq!(v.raw.spans, ["x"]);
        assert_eq!(v.raw.media.len(), 2);
        let (m, l) = (&v.raw.media[0], &v.raw.media[1]);
        assert_eq!((&*m.tag, &*m.label, m.attachment, m.heading), ("img", "Photo", true, false));
        assert_eq!((&*l.tag, &*l.role, &*l.href, l.attachment), ("a", "link", "https://x.example/", false));
        assert_eq!(v.cell_key.as_deref(), Some("xq1\u{1}"));
    }

    /// A call row's length written with a no-break space ("2\u{a0}min", as some UI
    /// languages print it) reaches `call_minutes` with a plain space: the parse cleans
    /// it (`call_minutes` itself reads only an ASCII space).
    #[test]
    fn a_calls_length_with_a_no_break_space_is_read_as_its_minutes() {
        use crate::engine::tracker::call_minutes;
        let item = ITEM.to_string();
        for (span, want) in [("Video chat \u{b7} 2\u{a0}min", 2), ("Video chat ended 1\u{a0}hr\u{202f}5\u{a0}min", 65)] {
            assert_eq!(call_minutes(span), None, "{span:?}");
            let s = rec(&["1", "", "Priya", "", &["Video chat", span].join(&item), "", ""]);
            let v = parse(&s);
            let got: Vec<u32> = v.raw.spans.iter().filter_map(|t| call_minutes(t)).collect();
            assert_eq!(got, [want], "{span:?}");
        }
    }

    #[test]
    fn a_row_without_a_message_gives_its_separator_and_text() {
        let part = PART.to_string();
        let s = rec(&["0", &["Tue 20:06", "Tuesday", "1"].join(&part), " You are friends "]);
        let v = parse(&s);
        assert!(!v.message && v.label.is_none() && v.cell_key.is_none());
        let (t, a, inside) = v.brk.as_ref().unwrap();
        assert_eq!((&**t, &**a, *inside), ("Tue 20:06", "Tuesday", true));
        assert_eq!(v.row_text.as_deref(), Some("You are friends"));
        assert!(v.raw.autos.is_empty());
    }

    #[test]
    fn the_main_worlds_answer_is_taken_only_when_well_formed() {
        let r = RECORD.to_string();
        let msg = rec(&["1", "", "Ramesh", "Hello", "", "", ""]);
        let card = rec(&["0", "", "You are friends"]);
        // A mask, then a record per row: empty where the mask skips.
        let good = ["101", &msg, "", &card].join(&r);
        let b = Batch::from_main(good).expect("well-formed");
        assert_eq!(b.len(), 3);
        assert_eq!(b.get(0), Some(msg.as_str()));
        assert_eq!(b.get(1), None);
        assert_eq!(b.get(2), Some(card.as_str()));
        assert!(parse(b.get(0).unwrap()).message);
        let hindi = rec(&["1", "", "राम", "नया नंबर", "", "", ""]);
        let b = Batch::from_main(["1", &hindi].join(&r)).expect("well-formed");
        assert_eq!(b.get(0), Some(hindi.as_str()));
        // Anything else is refused (the caller walks the batch itself), never a panic.
        let bad: Vec<String> = vec![
            String::new(),
            "101".into(),                                   // no answer after the mask
            [&r, msg.as_str()].concat(),                    // an empty mask
            ["1x1", &msg, "", &card].join(&r),              // a mask of other characters
            ["11", &msg].join(&r),                          // a record short
            ["1", &msg, &msg].join(&r),                     // a record over
            ["10", &msg, &card].join(&r),                   // a record where the mask skips
            ["01", "", ""].join(&r),                        // no record where it reads
            ["1", "2"].join(&r),                            // neither a message nor a row
            ["1", &rec(&["1", "a", "b"])].join(&r),         // a message with fields missing
            ["1", &rec(&["0", "", "a", "b"])].join(&r),     // a row with a field over
            ["1", &rec(&["0x", "", "a"])].join(&r),         // a row's head is `0` alone
            ["1", "garbage \u{1c} text"].join(&r),
            "\u{1c}\u{1c}\u{1c}".into(),
        ];
        for s in bad {
            assert!(Batch::from_main(s.clone()).is_none(), "{s:?}");
        }
    }

    #[test]
    fn a_short_or_empty_record_is_no_error() {
        for s in ["", "1", "0", &rec(&["1", "", ""])] {
            let v = parse(s);
            assert!(v.raw.headings.is_empty() && v.raw.media.is_empty() && v.cell_key.is_none(), "{s:?}");
        }
    }
}
