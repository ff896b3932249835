//! Dates in thread separators ("Mon 09:02", "23 Nov 2026, 09:02",
//! "November 23, 2026 at 9:02 AM", "Today 10:15", "कल 10:15"), read with the
//! month and weekday names of the UI language (labels/*.toml). Pure: the
//! caller passes today's local date and its offset; [`instant`] makes the
//! engine's `Timestamp`. Built and tested natively. Calendar arithmetic is the
//! `time` crate's (through `engine::time`): a day that does not exist (31 Feb)
//! is no date, never its neighbour.
use crate::engine::time::{self, Timestamp};

/// Lower-cased names; `months[i]` lists the spellings of month `i % 12`,
/// `weekdays[i]` of weekday `i % 7` (Monday first).
pub struct Names {
    pub months: Vec<Vec<String>>,
    pub weekdays: Vec<Vec<String>>,
    pub today: Vec<String>,
    pub yesterday: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Today {
    pub y: i64,
    pub m: u32,
    pub d: u32,
}

/// A local date and time (year, month, day, hour, minute).
pub type Local = (i64, u32, u32, u32, u32);

fn digits_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        out.push(match c {
            '\u{0966}'..='\u{096F}' => char::from(b'0' + (c as u32 - 0x0966) as u8),
            c => c,
        });
    }
    out
}

fn find_name(list: &[Vec<String>], tok: &str, n: usize) -> Option<usize> {
    let t = tok.trim_end_matches(['.', '॰']);
    list.iter().position(|alts| alts.iter().any(|a| a == tok || a.trim_end_matches(['.', '॰']) == t)).map(|i| i % n)
}

/// How many ASCII digits `s` starts with (bytes: a digit is one): the slice, not a
/// `take_while().collect()` into a `String` (docs/performance.md "Size, round 43").
fn leading_digits(s: &str) -> usize {
    s.bytes().take_while(u8::is_ascii_digit).count()
}

/// Weekday of a day count since 1970-01-01 (a Thursday), Monday = 0.
fn weekday(days: i64) -> u32 {
    (days + 3).rem_euclid(7) as u32
}

pub fn parse(text: &str, names: &Names, today: Today) -> Option<Local> {
    let t = digits_ascii(&text.to_ascii_lowercase());
    let mut toks: Vec<&str> = Vec::new();
    for s in t.split(|c: char| c.is_whitespace() || c == ',') {
        if !s.is_empty() {
            toks.push(s);
        }
    }
    let (mut hour, mut minute) = (None, None);
    let (mut year, mut month, mut day, mut wd) = (None, None, None, None);
    let mut rel: Option<i64> = None;
    for (i, tok) in toks.iter().enumerate() {
        if let Some((h, rest)) = tok.split_once(':') {
            let mm = &rest[..leading_digits(rest)];
            let suffix = &rest[mm.len()..];
            if let (Ok(h), Ok(mi)) = (h.parse::<u32>(), mm.parse::<u32>()) {
                if h < 24 && mi < 60 && mm.len() == 2 {
                    let ampm = if !suffix.is_empty() { suffix } else { toks.get(i + 1).copied().unwrap_or("") };
                    let h = match ampm.trim_end_matches('.') {
                        "pm" | "p.m" if h < 12 => h + 12,
                        "am" | "a.m" if h == 12 => 0,
                        _ => h,
                    };
                    hour = Some(h);
                    minute = Some(mi);
                    continue;
                }
            }
            return None;
        }
        let num = &tok[..leading_digits(tok)];
        if !num.is_empty() {
            let rest = &tok[num.len()..];
            let v: i64 = num.parse().ok()?;
            if num.len() == 4 && (2004..=2100).contains(&v) && rest.is_empty() {
                year = Some(v);
            } else if num.len() <= 2 && (1..=31).contains(&v) && ["", "st", "nd", "rd", "th"].contains(&rest) {
                day = Some(v as u32);
            } else {
                return None;
            }
            continue;
        }
        if let Some(m) = find_name(&names.months, tok, 12) {
            month = Some(m as u32 + 1);
        } else if let Some(w) = find_name(&names.weekdays, tok, 7) {
            wd = Some(w as u32);
        } else if names.today.iter().any(|x| x == tok) {
            rel = Some(0);
        } else if names.yesterday.iter().any(|x| x == tok) {
            rel = Some(1);
        }
        // Other words ("at", "को") are ignored.
    }
    let today_days = time::day_number(today.y, today.m, today.d)?;
    let (y, m, d) = if let (Some(m), Some(d)) = (month, day) {
        let y = year.unwrap_or(today.y);
        // Without a year, a date after today is last year's.
        let y = if year.is_none() && time::day_number(y, m, d).is_some_and(|x| x > today_days) { y - 1 } else { y };
        (y, m, d)
    } else if month.is_some() || day.is_some() || year.is_some() {
        return None;
    } else if let Some(back) = rel {
        time::civil(today_days - back)?
    } else if let Some(w) = wd {
        // Facebook names the weekday for the past week (today shows only the time).
        let back = (weekday(today_days) as i64 - w as i64).rem_euclid(7);
        time::civil(today_days - if back == 0 { 7 } else { back })?
    } else if hour.is_some() {
        (today.y, today.m, today.d)
    } else {
        return None;
    };
    time::day_number(y, m, d)?;
    Some((y, m, d, hour.unwrap_or(0), minute.unwrap_or(0)))
}

/// A message's own clock time, from its label (log layout): a full date and
/// time when the label names the day, else the time of day only (the day
/// comes from the separator above it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    At(Local),
    TimeOfDay(u32, u32),
}

/// A label's time text → its clock. A bare "16:15" is a time of day; anything
/// naming a day ("Tue 20:06", "15 Jul 2026, 17:38", "Yesterday 9:00") is a date.
pub fn clock(text: &str, names: &Names, today: Today) -> Option<Clock> {
    let l = parse(text, names, today)?;
    let bare = digits_ascii(&text.to_ascii_lowercase())
        .chars()
        .all(|c| c.is_ascii_digit() || c == ':' || c == ' ' || c == '.' || c == 'a' || c == 'p' || c == 'm');
    Some(if bare { Clock::TimeOfDay(l.3, l.4) } else { Clock::At(l) })
}

/// A message's time: its own date if its label gives one, else the separator's
/// day at the label's time of day, else the separator's time. No separator and
/// only a time of day: unknown (the day is not guessed).
pub fn stamp(separator: Option<Local>, own: Option<Clock>) -> Option<Local> {
    match (own, separator) {
        (Some(Clock::At(l)), _) => Some(l),
        (Some(Clock::TimeOfDay(h, mi)), Some((y, m, d, _, _))) => Some((y, m, d, h, mi)),
        (None, s) => s,
        (Some(Clock::TimeOfDay(..)), None) => None,
    }
}

/// The one place a reader's local time becomes the engine's [`Timestamp`]
/// (written back as "2026-11-23T09:02:00+05:30"); `offset_min` is the local
/// offset east of UTC. `None` for a day or time that does not exist.
pub fn instant(l: Local, offset_min: i32) -> Option<Timestamp> {
    let (y, m, d, h, mi) = l;
    Timestamp::from_local(y, m, d, h, mi, offset_min)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_size_forty_three_digits_as_slices() {
        // Size round 43: a token's leading digits are a slice, not a collected `String`.
        assert_eq!(leading_digits("09pm"), 2);
        assert_eq!(leading_digits("2026"), 4);
        assert_eq!(leading_digits("st"), 0);
        assert_eq!(leading_digits(""), 0);
        let n = names();
        assert_eq!(parse("23rd nov 2026 9:02pm", &n, T), Some((2026, 11, 23, 21, 2)));
        assert_eq!(parse("23 Nov 2026 9:2", &n, T), None);
    }

    fn names() -> Names {
        let split = |v: &[&str]| v.iter().map(|s| s.split('|').map(str::to_string).collect()).collect();
        Names {
            months: split(&["jan|january", "feb|february", "mar|march", "apr|april", "may", "jun|june", "jul|july", "aug|august", "sep|sept|september", "oct|october", "nov|november", "dec|december", "जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्तूबर", "नवंबर", "दिसंबर"]),
            weekdays: split(&["mon|monday", "tue|tuesday", "wed|wednesday", "thu|thursday", "fri|friday", "sat|saturday", "sun|sunday", "सोम|सोमवार", "मंगल", "बुध", "गुरु", "शुक्र", "शनि", "रवि"]),
            today: vec!["today".into(), "आज".into()],
            yesterday: vec!["yesterday".into(), "कल".into()],
        }
    }
    // Saturday 28 November 2026.
    const T: Today = Today { y: 2026, m: 11, d: 28 };

    #[test]
    fn absolute_dates() {
        let n = names();
        assert_eq!(parse("23 Nov 2026, 09:02", &n, T), Some((2026, 11, 23, 9, 2)));
        assert_eq!(parse("November 23, 2026 at 9:02 PM", &n, T), Some((2026, 11, 23, 21, 2)));
        assert_eq!(parse("12:30 am, 2 Jan 2025", &n, T), Some((2025, 1, 2, 0, 30)));
        assert_eq!(parse("२३ नवंबर २०२६, १०:१५", &n, T), Some((2026, 11, 23, 10, 15)));
        // No year: a date after today is last year's.
        assert_eq!(parse("Dec 25, 10:00", &n, T), Some((2025, 12, 25, 10, 0)));
    }

    #[test]
    fn relative_dates() {
        let n = names();
        assert_eq!(parse("Mon 09:02", &n, T), Some((2026, 11, 23, 9, 2)));
        assert_eq!(parse("Sat 10:00", &n, T), Some((2026, 11, 21, 10, 0)));
        assert_eq!(parse("Today 10:15", &n, T), Some((2026, 11, 28, 10, 15)));
        assert_eq!(parse("Yesterday at 22:10", &n, T), Some((2026, 11, 27, 22, 10)));
        assert_eq!(parse("कल 10:15", &n, T), Some((2026, 11, 27, 10, 15)));
        assert_eq!(parse("सोम 09:02", &n, T), Some((2026, 11, 23, 9, 2)));
        assert_eq!(parse("21:40", &n, T), Some((2026, 11, 28, 21, 40)));
        assert_eq!(parse("Nov 24, 2026, 7:02 AM", &n, T), Some((2026, 11, 24, 7, 2)));
        assert_eq!(parse("Today at 9:41 PM", &n, T), Some((2026, 11, 28, 21, 41)));
    }

    #[test]
    fn clocks_and_stamps() {
        let n = names();
        assert_eq!(clock("16:15", &n, T), Some(Clock::TimeOfDay(16, 15)));
        assert_eq!(clock("4:15 PM", &n, T), Some(Clock::TimeOfDay(16, 15)));
        assert_eq!(clock("Tue 20:06", &n, T), Some(Clock::At((2026, 11, 24, 20, 6))));
        let sep = Some((2026, 11, 23, 9, 2));
        assert_eq!(stamp(sep, Some(Clock::TimeOfDay(16, 15))), Some((2026, 11, 23, 16, 15)));
        assert_eq!(stamp(sep, None), sep);
        assert_eq!(stamp(None, Some(Clock::TimeOfDay(16, 15))), None);
        assert_eq!(stamp(sep, Some(Clock::At((2026, 11, 24, 20, 6)))), Some((2026, 11, 24, 20, 6)));
        let text = |l: Local, o: i32| instant(l, o).map(|t| t.to_string());
        assert_eq!(text((2026, 11, 23, 9, 2), 330).as_deref(), Some("2026-11-23T09:02:00+05:30"));
        assert_eq!(text((2026, 1, 2, 0, 5), 0).as_deref(), Some("2026-01-02T00:05:00Z"));
        assert_eq!(text((2026, 1, 2, 0, 5), -150).as_deref(), Some("2026-01-02T00:05:00-02:30"));
        assert_eq!(instant((2026, 2, 31, 9, 0), 330), None);
    }

    #[test]
    fn not_dates() {
        let n = names();
        for s in ["Joined Facebook in 2026", "3 mutual friends", "Hello", "", "99:99", "Lives in Mumbai", "Nov"] {
            assert_eq!(parse(s, &n, T), None, "{s}");
        }
        // Days that do not exist are no date (not 3 March), and an impossible
        // "today" from the caller gives nothing rather than a neighbour.
        for s in ["31 Feb 2026, 09:00", "Feb 30, 10:00", "31 Apr 2026", "29 Feb 2026, 09:00"] {
            assert_eq!(parse(s, &n, T), None, "{s}");
        }
        assert_eq!(parse("29 Feb 2024, 09:00", &n, T), Some((2024, 2, 29, 9, 0)));
        let bad_today = Today { y: 2026, m: 2, d: 31 };
        assert_eq!(parse("Today 10:15", &n, bad_today), None);
        assert_eq!(parse("Mon 09:02", &n, bad_today), None);
    }
}
