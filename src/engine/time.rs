//! Times inside the engine are integers (seconds since the Unix epoch); text is parsed
//! only at the edges, with the `time` crate (https://docs.rs/time), which checks the
//! calendar (no 2026-02-31) and the offset (no +99:99).

use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// Seconds per day.
pub const DAY: i64 = 86_400;

/// Julian day number of 1970-01-01.
const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;

/// Days from 1970-01-01 to the civil date (proleptic Gregorian), through the `time`
/// crate's `Date`. `None` for a day that does not exist (2026-02-31, month 13, a
/// year out of its range): callers pass what a page or a file wrote.
pub fn day_number(y: i64, m: u32, d: u32) -> Option<i64> {
    let month = Month::try_from(u8::try_from(m).ok()?).ok()?;
    let date = Date::from_calendar_date(i32::try_from(y).ok()?, month, u8::try_from(d).ok()?).ok()?;
    Some(i64::from(date.to_julian_day()) - UNIX_EPOCH_JULIAN_DAY)
}

/// The civil date (year, month, day) of a day count since 1970-01-01; `None`
/// outside the `time` crate's range (±9999 years).
pub fn civil(day: i64) -> Option<(i64, u32, u32)> {
    let date = Date::from_julian_day(i32::try_from(day.checked_add(UNIX_EPOCH_JULIAN_DAY)?).ok()?).ok()?;
    Some((i64::from(date.year()), u32::from(u8::from(date.month())), u32::from(date.day())))
}

/// How much of a [`Timestamp`] the text it came from gave: a profile's "friends
/// since November 2019" is known to the month, a message time to the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
    Second,
}

/// A point in time as integers: seconds since the Unix epoch (UTC), the offset the
/// text was written with (seconds east of UTC, kept so it prints back as written),
/// and how precise it is (a date known only to the month stands for its first
/// instant, UTC). Parsed only at the edges (the conversation JSON, stored facts, a
/// reader's separator) with the `time` crate; on the wire it stays an RFC 3339
/// string ("YYYY", "YYYY-MM" or "YYYY-MM-DD" for a date known no better).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Timestamp {
    unix: i64,
    offset: i32,
    precision: Precision,
}

impl Timestamp {
    /// A UTC instant.
    pub fn from_unix(unix: i64) -> Timestamp {
        Timestamp { unix, offset: 0, precision: Precision::Second }
    }

    /// A UTC instant within the calendar's range (years ±9999), else `None`: for
    /// seconds read from a file.
    pub fn try_from_unix(unix: i64) -> Option<Timestamp> {
        OffsetDateTime::from_unix_timestamp(unix).ok().map(|_| Timestamp::from_unix(unix))
    }

    /// A full RFC 3339 timestamp ("2026-11-02T08:01:00+05:30", "…Z", fractions allowed
    /// and dropped; a space instead of the "T" too). `None` for anything else,
    /// impossible dates (2026-02-31) and offsets (+99:99) included.
    pub fn parse_rfc3339(s: &str) -> Option<Timestamp> {
        let s = s.trim();
        let b = s.as_bytes();
        let t = if b.len() > 10 && b[10] == b' ' {
            // Pushed in three parts, not `replace_range` (its `Splice` and the drain's
            // helpers in the content module; docs/performance.md "Size, round 44").
            let mut fixed = String::with_capacity(s.len());
            fixed.push_str(&s[..10]);
            fixed.push('T');
            fixed.push_str(&s[11..]);
            OffsetDateTime::parse(&fixed, &Rfc3339).ok()?
        } else {
            OffsetDateTime::parse(s, &Rfc3339).ok()?
        };
        Some(Timestamp { unix: t.unix_timestamp(), offset: t.offset().whole_seconds(), precision: Precision::Second })
    }

    /// "YYYY", "YYYY-MM", "YYYY-MM-DD" (their first instant, UTC, with that
    /// precision) or a full RFC 3339 timestamp. `None` if malformed or impossible.
    pub fn parse_date_or_time(s: &str) -> Option<Timestamp> {
        if s.len() > 10 {
            return Timestamp::parse_rfc3339(s);
        }
        let s = s.trim();
        let mut parts = s.split('-');
        let year: i32 = parts.next().filter(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()?;
        let mut precision = Precision::Year;
        let mut field = |max: u8, p: Precision| -> Option<u8> {
            match parts.next() {
                None => Some(1),
                Some(x) if x.len() == 2 && x.bytes().all(|b| b.is_ascii_digit()) => {
                    precision = p;
                    x.parse().ok().filter(|v| (1..=max).contains(v))
                }
                Some(_) => None,
            }
        };
        let month = Month::try_from(field(12, Precision::Month)?).ok()?;
        let day = field(31, Precision::Day)?;
        if parts.next().is_some() {
            return None;
        }
        let date = Date::from_calendar_date(year, month, day).ok()?;
        Some(Timestamp { unix: date.midnight().assume_utc().unix_timestamp(), offset: 0, precision })
    }

    /// A local date and time as a page shows it, at `offset_minutes` east of UTC
    /// (the browser's offset then). `None` for a day or time that does not exist.
    pub fn from_local(y: i64, m: u32, d: u32, h: u32, mi: u32, offset_minutes: i32) -> Option<Timestamp> {
        let month = Month::try_from(u8::try_from(m).ok()?).ok()?;
        let date = Date::from_calendar_date(i32::try_from(y).ok()?, month, u8::try_from(d).ok()?).ok()?;
        let time = Time::from_hms(u8::try_from(h).ok()?, u8::try_from(mi).ok()?, 0).ok()?;
        let offset = UtcOffset::from_whole_seconds(offset_minutes.checked_mul(60)?).ok()?;
        let t = PrimitiveDateTime::new(date, time).assume_offset(offset);
        Some(Timestamp { unix: t.unix_timestamp(), offset: offset.whole_seconds(), precision: Precision::Second })
    }

    /// The first instant (UTC) of a month known no better ("friends since November 2019").
    pub fn from_month(y: i64, m: u32) -> Option<Timestamp> {
        let day = day_number(y, m, 1)?;
        Some(Timestamp { unix: day * DAY, offset: 0, precision: Precision::Month })
    }

    /// Seconds since the Unix epoch.
    pub fn unix(self) -> i64 {
        self.unix
    }

    /// The offset it was written with, in seconds east of UTC.
    pub fn offset_seconds(self) -> i32 {
        self.offset
    }

    /// How precisely it is known.
    pub fn precision(self) -> Precision {
        self.precision
    }

    /// The day it names as written (its own offset), as days since 1970-01-01;
    /// `None` when it is known only to the month or year (counting days from a
    /// month would state a number that is not known).
    pub fn day(self) -> Option<i64> {
        (self.precision >= Precision::Day).then(|| (self.unix + i64::from(self.offset)).div_euclid(DAY))
    }

    /// The same instant as shown at `offset_minutes` east of UTC; `None` for an
    /// offset beyond ±25:59.
    pub fn at_offset(self, offset_minutes: i32) -> Option<Timestamp> {
        let offset = UtcOffset::from_whole_seconds(offset_minutes.checked_mul(60)?).ok()?;
        Some(Timestamp { offset: offset.whole_seconds(), ..self })
    }

    /// (year, month, day, hour, minute) as written, at its own offset.
    pub fn local_fields(self) -> Option<(i64, u32, u32, u32, u32)> {
        let t = self.to_offset_date_time()?;
        Some((i64::from(t.year()), u32::from(u8::from(t.month())), u32::from(t.day()), u32::from(t.hour()), u32::from(t.minute())))
    }

    fn to_offset_date_time(self) -> Option<OffsetDateTime> {
        let off = UtcOffset::from_whole_seconds(self.offset).ok()?;
        Some(OffsetDateTime::from_unix_timestamp(self.unix).ok()?.to_offset(off))
    }
}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    /// By instant (then offset and precision, to agree with `Eq`).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.unix, self.offset, self.precision).cmp(&(other.unix, other.offset, other.precision))
    }
}

impl std::fmt::Display for Timestamp {
    /// RFC 3339 with the offset it was written with; "YYYY", "YYYY-MM" or
    /// "YYYY-MM-DD" for a date known no better.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Some(t) = self.to_offset_date_time() else { return write!(f, "@{}", self.unix) };
        let (y, m, d) = (t.year(), u8::from(t.month()), t.day());
        // One formatting of the whole date, cut after the year or the month (month and
        // day are two digits each): three `write!`s were three formatting calls
        // (docs/performance.md "Size, round 42").
        let cut = match self.precision {
            Precision::Year => 6,
            Precision::Month => 3,
            Precision::Day => 0,
            Precision::Second => match t.format(&Rfc3339) {
                Ok(s) => return f.write_str(&s),
                Err(_) => return write!(f, "@{}", self.unix),
            },
        };
        let s = format!("{y:04}-{m:02}-{d:02}");
        f.write_str(&s[..s.len() - cut])
    }
}

impl From<Timestamp> for String {
    fn from(t: Timestamp) -> String {
        t.to_string()
    }
}

impl TryFrom<String> for Timestamp {
    type Error = String;
    fn try_from(s: String) -> Result<Timestamp, String> {
        Timestamp::parse_date_or_time(&s).ok_or_else(|| format!("not an RFC 3339 time: {s:?}"))
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        let s = String::deserialize(d)?;
        Timestamp::try_from(s).map_err(serde::de::Error::custom)
    }
}

/// Seconds since the epoch of "YYYY", "YYYY-MM", "YYYY-MM-DD" (a profile's
/// "joined" date; their first instant, UTC) or a full RFC 3339 timestamp. `None`
/// if malformed or impossible.
pub fn parse(s: &str) -> Option<i64> {
    Timestamp::parse_date_or_time(s).map(Timestamp::unix)
}

/// Formats seconds since the epoch as RFC 3339 UTC ("2026-11-02T02:31:00Z").
pub fn format(secs: i64) -> String {
    Timestamp::from_unix(secs).to_string()
}

/// The earlier of two times (either may be absent): a conversation's start is
/// the earliest first message ever seen with the card.
pub fn earliest(a: Option<Timestamp>, b: Option<Timestamp>) -> Option<Timestamp> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.unix < x.unix { y } else { x }),
        (x, y) => x.or(y),
    }
}

/// The conversation JSON's time fields (`#[serde(deserialize_with)]`), each naming
/// itself in its error: a time that is not RFC 3339 with its offset, or an
/// impossible date such as 2026-02-31 or offset such as +99:99, is refused.
pub mod field {
    use super::Timestamp;
    use core::fmt;
    use serde::de::{self, IgnoredAny, Visitor};
    use serde::{Deserialize, Deserializer};

    fn read<'de, D: Deserializer<'de>>(d: D, name: &str, dates: bool) -> Result<Option<Timestamp>, D::Error> {
        let Some(s) = Option::<String>::deserialize(d)? else { return Ok(None) };
        let t = if dates { Timestamp::parse_date_or_time(&s) } else { Timestamp::parse_rfc3339(&s) };
        t.map(Some).ok_or_else(|| {
            let want = if dates { "an RFC 3339 time or a date YYYY[-MM[-DD]]" } else { "an RFC 3339 time with its offset" };
            serde::de::Error::custom(format!(
                "`{name}`: {s:?} is not {want} (an impossible date such as 2026-02-31 or offset such as +99:99 is refused)"
            ))
        })
    }

    /// `Message.at`.
    pub fn at<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        read(d, "at", false)
    }
    /// `Contact.conversation_start`.
    pub fn conversation_start<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        read(d, "conversation_start", false)
    }
    /// `Contact.first_seen`.
    pub fn first_seen<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        read(d, "first_seen", false)
    }
    /// `Contact.friends_since`: also a date known only to the day, month or year.
    pub fn friends_since<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        read(d, "friends_since", true)
    }

    /// Stored facts: a value this version cannot read (written by hand, or by a
    /// version that wrote another format) is dropped, not the whole contact.
    pub fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        // A text is read; anything else (null, a number, a list, a map) is gone through
        // and dropped. One visitor instead of `#[serde(untagged)]`, whose buffering of the
        // value (serde's `Content`) cost the content module ~2 KB raw for the same answer.
        struct Lenient;
        impl<'de> Visitor<'de> for Lenient {
            type Value = Option<Timestamp>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a time")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(Timestamp::parse_date_or_time(s))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, a: A) -> Result<Self::Value, A::Error> {
                IgnoredAny.visit_seq(a).map(|_| None)
            }
            fn visit_map<A: de::MapAccess<'de>>(self, a: A) -> Result<Self::Value, A::Error> {
                IgnoredAny.visit_map(a).map(|_| None)
            }
            fn visit_enum<A: de::EnumAccess<'de>>(self, a: A) -> Result<Self::Value, A::Error> {
                IgnoredAny.visit_enum(a).map(|_| None)
            }
        }
        d.deserialize_option(Lenient)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rfc3339_with_offset() {
        assert_eq!(parse("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse("1970-01-01T05:30:00+05:30"), Some(0));
        assert_eq!(parse("2026-11-02T08:01:00+05:30"), parse("2026-11-02T02:31:00Z"));
        assert_eq!(parse("2026-11-02 08:01:00+05:30"), parse("2026-11-02T02:31:00Z"));
        assert_eq!(parse("2000-03-01"), Some(day_number(2000, 3, 1).unwrap() * DAY));
        assert_eq!(parse("2026-09"), parse("2026-09-01T00:00:00Z"));
        assert_eq!(parse("2024"), parse("2024-01-01T00:00:00.123Z"));
    }

    #[test]
    fn rejects_garbage_and_impossible_dates() {
        for s in ["", "yesterday", "2026-13-01", "26-01-01", "2026-01-01T25:00Z", "2026-01-01-01", "2026-02-31",
            "2026-02-31T10:00:00Z", "2026-11-02T08:01:00+99:99", "2026-11-02T08:01:00", "2026-1-01"] {
            assert_eq!(parse(s), None, "{s}");
        }
    }

    #[test]
    fn timestamps_keep_their_offset_on_the_wire() {
        let t = Timestamp::parse_rfc3339("2026-11-02T08:01:00+05:30").unwrap();
        assert_eq!(t.unix(), parse("2026-11-02T02:31:00Z").unwrap());
        assert_eq!(t.offset_seconds(), 19_800);
        assert_eq!(t.to_string(), "2026-11-02T08:01:00+05:30");
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, "\"2026-11-02T08:01:00+05:30\"");
        assert_eq!(serde_json::from_str::<Timestamp>(&json).unwrap(), t);
        assert!(serde_json::from_str::<Timestamp>("\"2026-02-31T00:00:00Z\"").is_err());
    }

    #[test]
    fn civil_round_trip_and_format() {
        for d in [-1000, 0, 59, 10_957, 20_000, 30_000] {
            let (y, m, dd) = civil(d).unwrap();
            assert_eq!(day_number(y, m, dd), Some(d));
        }
        assert_eq!(civil(0), Some((1970, 1, 1)));
        assert_eq!(day_number(2000, 3, 1), Some(11_017));
        assert_eq!(format(parse("2026-11-02T08:01:00+05:30").unwrap()), "2026-11-02T02:31:00Z");
    }

    #[test]
    fn impossible_days_are_none_not_a_neighbour() {
        for (y, m, d) in [(2026, 2, 31), (2026, 2, 29), (2026, 13, 1), (2026, 0, 1), (2026, 1, 0), (2026, 4, 31), (100_000, 1, 1)] {
            assert_eq!(day_number(y, m, d), None, "{y}-{m}-{d}");
            assert_eq!(Timestamp::from_local(y, m, d, 10, 0, 330), None, "{y}-{m}-{d}");
        }
        assert_eq!(day_number(2024, 2, 29), Some(19_782));
        assert_eq!(Timestamp::from_local(2026, 11, 2, 24, 0, 0), None);
        assert_eq!(Timestamp::from_local(2026, 11, 2, 8, 60, 0), None);
        assert_eq!(Timestamp::from_local(2026, 11, 2, 8, 1, 99 * 60), None);
        assert_eq!(Timestamp::from_month(2026, 13), None);
        assert_eq!(civil(i64::MAX), None);
        assert_eq!(civil(10_000_000), None);
    }

    #[test]
    fn local_times_keep_the_offset_and_the_day_as_written() {
        let t = Timestamp::from_local(2026, 11, 23, 9, 2, 330).unwrap();
        assert_eq!(t.to_string(), "2026-11-23T09:02:00+05:30");
        assert_eq!(t, Timestamp::parse_rfc3339("2026-11-23T09:02:00+05:30").unwrap());
        let west = Timestamp::from_local(2026, 11, 23, 23, 30, -300).unwrap();
        assert_eq!(west.to_string(), "2026-11-23T23:30:00-05:00");
        // The day as the page wrote it, not UTC's (already the 24th there).
        assert_eq!(west.day(), day_number(2026, 11, 23));
    }

    #[test]
    fn dates_known_to_the_month_print_back_as_written() {
        for s in ["2019", "2019-03", "2020-01-01", "2026-11-02T08:01:00+05:30"] {
            let t = Timestamp::parse_date_or_time(s).unwrap();
            assert_eq!(t.to_string(), s);
            assert_eq!(serde_json::from_str::<Timestamp>(&serde_json::to_string(&t).unwrap()).unwrap(), t);
        }
        let month = Timestamp::parse_date_or_time("2019-03").unwrap();
        assert_eq!(month, Timestamp::from_month(2019, 3).unwrap());
        assert_eq!(month.precision(), Precision::Month);
        assert_eq!(month.day(), None);
        assert_eq!(Timestamp::parse_date_or_time("2020-01-01").unwrap().day(), day_number(2020, 1, 1));
        assert_eq!(Timestamp::parse_rfc3339("2019-03"), None);
    }

    #[test]
    fn round_size_forty_two_months_print_as_one_formatting_cut() {
        // Size round 42: a month or a year prints as the whole date formatted once, cut.
        for y in [1970, 2019, 2026] {
            for m in 1..=12u32 {
                let t = Timestamp::from_month(y, m).unwrap();
                assert_eq!(t.to_string(), format!("{y:04}-{m:02}"));
            }
            assert_eq!(Timestamp::parse_date_or_time(&format!("{y}")).unwrap().to_string(), format!("{y:04}"));
        }
    }

    #[test]
    fn json_fields_name_themselves_when_refused() {
        #[derive(serde::Deserialize, Debug)]
        struct M {
            #[serde(default, deserialize_with = "field::at")]
            #[allow(dead_code)]
            at: Option<Timestamp>,
        }
        for bad in ["2026-02-31T10:00:00Z", "2026-11-02T08:01:00+99:99", "2026-11-02", "yesterday"] {
            let e = serde_json::from_str::<M>(&format!("{{\"at\": \"{bad}\"}}")).unwrap_err().to_string();
            assert!(e.contains("`at`") && e.contains(bad) && e.contains("impossible date"), "{e}");
        }
        assert!(serde_json::from_str::<M>("{}").unwrap().at.is_none());
        assert!(serde_json::from_str::<M>("{\"at\": null}").unwrap().at.is_none());
    }

    #[test]
    fn stored_times_that_cannot_be_read_are_dropped_alone() {
        #[derive(serde::Deserialize, Debug)]
        struct F {
            #[serde(default, deserialize_with = "field::lenient")]
            t: Option<Timestamp>,
            n: u32,
        }
        // `field::lenient` as it was written before its own visitor (size2): the same
        // answer for every input below.
        fn untagged<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
            #[derive(serde::Deserialize)]
            #[serde(untagged)]
            enum Stored {
                Text(String),
                Other(serde::de::IgnoredAny),
            }
            Ok(match <Option<Stored> as serde::Deserialize>::deserialize(d)? {
                Some(Stored::Text(s)) => Timestamp::parse_date_or_time(&s),
                Some(Stored::Other(_)) | None => None,
            })
        }
        #[derive(serde::Deserialize, Debug)]
        struct G {
            #[serde(default, deserialize_with = "untagged")]
            t: Option<Timestamp>,
            n: u32,
        }
        for (v, t) in [
            (r#""x""#, None),
            ("5", None),
            ("-5", None),
            ("2.5", None),
            ("true", None),
            ("null", None),
            (r#"["2026-10", {"a": [1]}]"#, None),
            (r#"{"t": "2026-10"}"#, None),
            (r#""2026-10""#, Timestamp::from_month(2026, 10)),
            (r#""2026-10-02T08:01:00+05:30""#, Timestamp::parse_rfc3339("2026-10-02T08:01:00+05:30")),
        ] {
            let text = format!("{{\"t\": {v}, \"n\": 3}}");
            let f: F = serde_json::from_str(&text).unwrap();
            assert_eq!((f.t, f.n), (t, 3), "{v}");
            // The content module reads stored facts through `Value`.
            let f: F = serde_json::from_value(serde_json::from_str(&text).unwrap()).unwrap();
            assert_eq!((f.t, f.n), (t, 3), "{v} through Value");
            let g: G = serde_json::from_str(&text).unwrap();
            assert_eq!((g.t, g.n), (t, 3), "{v} as before");
        }
    }
}
