//! Times inside the engine are integers (seconds since the Unix epoch); text is parsed
//! only at the edges, with the `time` crate (https://docs.rs/time), which checks the
//! calendar (no 2026-02-31) and the offset (no +99:99).

use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime, UtcOffset};

/// Seconds per day.
pub const DAY: i64 = 86_400;

/// Days from 1970-01-01 to the civil date (proleptic Gregorian), after H. Hinnant.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since the epoch.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A point in time as integers: seconds since the Unix epoch (UTC) and the offset the
/// text was written with (seconds east of UTC, kept so it prints back as written).
/// Parsed only at the edges (the conversation JSON, stored facts) with the `time`
/// crate; on the wire it stays an RFC 3339 string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Timestamp {
    unix: i64,
    offset: i32,
}

impl Timestamp {
    /// A UTC instant.
    pub fn from_unix(unix: i64) -> Timestamp {
        Timestamp { unix, offset: 0 }
    }

    /// A full RFC 3339 timestamp ("2026-11-02T08:01:00+05:30", "…Z", fractions allowed;
    /// a space instead of the "T" too). `None` for anything else, impossible dates
    /// (2026-02-31) and offsets (+99:99) included.
    pub fn parse_rfc3339(s: &str) -> Option<Timestamp> {
        let s = s.trim();
        let b = s.as_bytes();
        let t = if b.len() > 10 && b[10] == b' ' {
            let mut fixed = s.to_string();
            fixed.replace_range(10..11, "T");
            OffsetDateTime::parse(&fixed, &Rfc3339).ok()?
        } else {
            OffsetDateTime::parse(s, &Rfc3339).ok()?
        };
        Some(Timestamp { unix: t.unix_timestamp(), offset: t.offset().whole_seconds() })
    }

    /// Seconds since the Unix epoch.
    pub fn unix(self) -> i64 {
        self.unix
    }

    /// The offset it was written with, in seconds east of UTC.
    pub fn offset_seconds(self) -> i32 {
        self.offset
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
    /// By instant (then offset, to agree with `Eq`).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.unix, self.offset).cmp(&(other.unix, other.offset))
    }
}

impl std::fmt::Display for Timestamp {
    /// RFC 3339 with the offset it was written with.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.to_offset_date_time().and_then(|t| t.format(&Rfc3339).ok()) {
            Some(s) => f.write_str(&s),
            None => write!(f, "@{}", self.unix),
        }
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
        Timestamp::parse_rfc3339(&s).ok_or_else(|| format!("not an RFC 3339 time: {s:?}"))
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

/// Parses "YYYY", "YYYY-MM", "YYYY-MM-DD" (a profile's "joined" date; their first
/// instant, UTC) or a full RFC 3339 timestamp into seconds since the epoch.
/// `None` if malformed or impossible.
pub fn parse(s: &str) -> Option<i64> {
    if s.len() > 10 {
        return Timestamp::parse_rfc3339(s).map(Timestamp::unix);
    }
    let s = s.trim();
    let mut parts = s.split('-');
    let year: i32 = parts.next().filter(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()?;
    let mut field = |max: u8| -> Option<u8> {
        match parts.next() {
            None => Some(1),
            Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => p.parse().ok().filter(|v| (1..=max).contains(v)),
            Some(_) => None,
        }
    };
    let month = Month::try_from(field(12)?).ok()?;
    let day = field(31)?;
    if parts.next().is_some() {
        return None;
    }
    let date = Date::from_calendar_date(year, month, day).ok()?;
    Some(date.midnight().assume_utc().unix_timestamp())
}

/// Formats seconds since the epoch as RFC 3339 UTC ("2026-11-02T02:31:00Z").
pub fn format(secs: i64) -> String {
    Timestamp::from_unix(secs).to_string()
}

/// The earlier of two RFC 3339 times (either may be absent or unreadable): a
/// conversation's start is the earliest first message ever seen with the card.
pub fn earliest(a: Option<String>, b: Option<String>) -> Option<String> {
    let t = |s: &Option<String>| s.as_deref().and_then(parse);
    match (t(&a), t(&b)) {
        (Some(x), Some(y)) => if y < x { b } else { a },
        (Some(_), None) => a,
        (None, Some(_)) => b,
        (None, None) => a.or(b),
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
        assert_eq!(parse("2000-03-01"), Some(days_from_civil(2000, 3, 1) * DAY));
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
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        assert_eq!(format(parse("2026-11-02T08:01:00+05:30").unwrap()), "2026-11-02T02:31:00Z");
    }
}
