//! Tiny RFC 3339 / partial-date parser: seconds since the Unix epoch, no time crate
//! (the engine runs in WebAssembly and must stay small).

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

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parses "YYYY", "YYYY-MM", "YYYY-MM-DD" or a full RFC 3339 timestamp
/// ("2026-11-02T08:01:00+05:30", "…Z", fractional seconds allowed) into seconds
/// since the epoch (UTC). Partial dates mean their first instant. `None` if malformed.
pub fn parse(s: &str) -> Option<i64> {
    // Every message carries a time: try the fixed shapes before trimming (str::trim
    // is Unicode-aware, and at opt-level "z" it and the digit closures were most of
    // the ~590 instructions a parse cost per message, measured with callgrind).
    if let Some(v) = parse_fixed(s.as_bytes()) {
        return v;
    }
    let s = s.trim();
    match parse_fixed(s.as_bytes()) {
        Some(v) => v,
        None => parse_general(s),
    }
}

/// Two ASCII digits at `b[i..i + 2]` as a number.
#[inline(always)]
fn two_digits(b: &[u8], i: usize) -> Option<u32> {
    let (x, y) = (b[i], b[i + 1]);
    (x.is_ascii_digit() && y.is_ascii_digit()).then(|| (x - b'0') as u32 * 10 + (y - b'0') as u32)
}

/// The common full shapes "YYYY-MM-DDThh:mm:ssZ" and "YYYY-MM-DDThh:mm:ss±hh:mm" without
/// splitting strings (every message carries one; this was ~12% of the engine's time).
/// `None` when the shape differs (then the general parser decides); `Some(result)` else.
fn parse_fixed(b: &[u8]) -> Option<Option<i64>> {
    let zoned = match b.len() {
        20 if matches!(b[19], b'Z' | b'z') => false,
        25 if matches!(b[19], b'+' | b'-') && b[22] == b':' => true,
        _ => return None,
    };
    if b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (Some(y1), Some(y2)) = (two_digits(b, 0), two_digits(b, 2)) else { return None };
    let (Some(m), Some(d), Some(h), Some(mi), Some(se)) = (two_digits(b, 5), two_digits(b, 8), two_digits(b, 11), two_digits(b, 14), two_digits(b, 17)) else { return None };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || h >= 24 || mi >= 60 || se > 60 {
        return Some(None);
    }
    let mut secs = days_from_civil((y1 * 100 + y2) as i64, m, d) * DAY + (h * 3600 + mi * 60 + se) as i64;
    if zoned {
        let (Some(zh), Some(zm)) = (two_digits(b, 20), two_digits(b, 23)) else { return None };
        let sign = if b[19] == b'-' { -1 } else { 1 };
        secs -= sign * (zh as i64 * 3600 + zm as i64 * 60);
    }
    Some(Some(secs))
}

fn parse_general(s: &str) -> Option<i64> {
    let (date, rest) = match s.find(['T', 't', ' ']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mut parts = date.split('-');
    let y = parts.next().filter(|p| p.len() == 4).and_then(num)? as i64;
    let m = match parts.next() {
        Some(p) => num(p).filter(|m| (1..=12).contains(m))?,
        None => 1,
    };
    let d = match parts.next() {
        Some(p) => num(p).filter(|d| (1..=31).contains(d))?,
        None => 1,
    };
    if parts.next().is_some() {
        return None;
    }
    let mut secs = days_from_civil(y, m, d) * DAY;
    if let Some(rest) = rest {
        // hh:mm[:ss[.frac]] then Z or ±hh:mm (a missing offset is read as UTC).
        let off_at = rest.find(['Z', 'z', '+', '-']).unwrap_or(rest.len());
        let (clock, zone) = rest.split_at(off_at);
        let mut c = clock.split(':');
        let h = num(c.next()?).filter(|h| *h < 24)? as i64;
        let mi = num(c.next()?).filter(|m| *m < 60)? as i64;
        let se = match c.next() {
            Some(x) => {
                let whole = x.split('.').next()?;
                num(whole).filter(|s| *s <= 60)? as i64
            }
            None => 0,
        };
        secs += h * 3600 + mi * 60 + se;
        if !zone.is_empty() && zone != "Z" && zone != "z" {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let z = &zone[1..];
            let (zh, zm) = z.split_once(':').unwrap_or((z, "0"));
            let off = num(zh)? as i64 * 3600 + num(zm)? as i64 * 60;
            secs -= sign * off;
        }
    }
    Some(secs)
}

/// Formats seconds since the epoch as RFC 3339 UTC ("2026-11-02T02:31:00Z").
pub fn format(secs: i64) -> String {
    let days = secs.div_euclid(DAY);
    let rem = secs.rem_euclid(DAY);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem / 60 % 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rfc3339_with_offset() {
        assert_eq!(parse("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse("1970-01-01T05:30:00+05:30"), Some(0));
        assert_eq!(parse("2026-11-02T08:01:00+05:30"), parse("2026-11-02T02:31:00Z"));
        assert_eq!(parse("2000-03-01"), Some(days_from_civil(2000, 3, 1) * DAY));
        assert_eq!(parse("2026-09"), parse("2026-09-01T00:00:00Z"));
        assert_eq!(parse("2024"), parse("2024-01-01T00:00:00.123Z"));
    }

    #[test]
    fn fixed_shape_parser_agrees_with_the_general_one() {
        for s in ["2026-11-02T08:01:00+05:30", "2026-11-02T08:01:00Z", "1999-12-31t23:59:60z", "2026-11-02 08:01:00-04:00",
            "2026-00-02T08:01:00Z", "2026-11-32T08:01:00Z", "2026-11-02T24:01:00Z", "2026-11-02T08:60:00Z", "2026-11-02T08:01:61Z",
            "2026-11-02T08:01:00+5a:30", "2026-1x-02T08:01:00Z", "0000-01-01T00:00:00Z", "2026-11-02T08:01:00+99:99"] {
            let fixed = parse_fixed(s.as_bytes());
            assert!(fixed.is_some() || s.contains('x') || s.contains('a'), "{s} should take the fixed path");
            if let Some(v) = fixed {
                assert_eq!(v, parse_general(s), "{s}");
            }
        }
        for i in 0..2000 {
            let s = format!("2026-{:02}-{:02}T{:02}:{:02}:{:02}+05:30", 1 + i % 12, 1 + i % 31, i % 24, i % 60, (i * 7) % 61);
            assert_eq!(parse_fixed(s.as_bytes()), Some(parse_general(&s)), "{s}");
        }
    }

    #[test]
    fn rejects_garbage() {
        for s in ["", "yesterday", "2026-13-01", "26-01-01", "2026-01-01T25:00Z", "2026-01-01-01"] {
            assert_eq!(parse(s), None, "{s}");
        }
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
