//! The family PIN: how it is kept (a PBKDF2-HMAC-SHA256 record, never the PIN
//! itself) and the cool-down after wrong tries. Pure Rust.
//!
//! A 4–8 digit PIN can be found by anyone with the storage and time: it stops a
//! confused or pressured user from changing settings, not a determined attacker.
//! PBKDF2 (RFC 8018, https://www.rfc-editor.org/rfc/rfc8018#section-5.2) through
//! RustCrypto's `pbkdf2` and `sha2` crates makes each guess cost a little; the
//! cool-down makes guessing at the page slow.
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The algorithm of every record written now.
pub const PBKDF2_SHA256: &str = "pbkdf2-sha256";
/// Records written before PBKDF2 (no `algorithm` field): `H^iterations(salt_hex || pin)`.
/// Still checked, once, then replaced by a PBKDF2 record.
pub const LEGACY_SHA256: &str = "sha256-iterated";
/// PBKDF2 rounds for a new record. OWASP's 600,000 for SHA-256 is for passwords
/// hashed on a server; here the page hashes in WebAssembly while the family waits,
/// and a PIN's 10^4–10^8 choices fall to any count, so the cool-down does the rest.
pub const PIN_ITERATIONS: u32 = 100_000;
/// A stored record asking for more rounds than this is treated as broken
/// (it would freeze the page).
const MAX_ITERATIONS: u32 = 5_000_000;

/// The family PIN as stored: `hash = PBKDF2-HMAC-SHA256(pin, salt, iterations, 32)`,
/// salt and hash in lower-case hex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinHash {
    #[serde(default = "legacy")]
    pub algorithm: String,
    /// Hex of random bytes (at least 8), made by the page with crypto.getRandomValues.
    pub salt: String,
    pub iterations: u32,
    /// Hex of the 32-byte result.
    pub hash: String,
}

fn legacy() -> String {
    LEGACY_SHA256.to_string()
}

/// Why a PIN was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinError {
    /// Must be 4 to 8 digits.
    Format,
    /// Salt too short.
    Salt,
}

/// True for a PIN the family may choose: 4 to 8 ASCII digits.
pub fn valid_pin(pin: &str) -> bool {
    (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

impl PinHash {
    /// A new PBKDF2 record for `pin` (4–8 ASCII digits) with `salt` (≥ 8 random bytes).
    pub fn new(pin: &str, salt: &[u8]) -> Result<PinHash, PinError> {
        if !valid_pin(pin) {
            return Err(PinError::Format);
        }
        if salt.len() < 8 {
            return Err(PinError::Salt);
        }
        let hash = pbkdf2_hash(pin, salt, PIN_ITERATIONS);
        Ok(PinHash { algorithm: PBKDF2_SHA256.into(), salt: hex(salt), iterations: PIN_ITERATIONS, hash: hex(&hash) })
    }

    /// A record that cannot be checked: unknown algorithm, salt or hash not hex of
    /// the right length, rounds out of range. It still locks; options offers the
    /// documented reset (README, "If the PIN is forgotten").
    pub fn is_broken(&self) -> bool {
        let known = self.algorithm == PBKDF2_SHA256 || self.algorithm == LEGACY_SHA256;
        let salt_ok = unhex(&self.salt).is_some_and(|s| s.len() >= 8);
        let hash_ok = unhex(&self.hash).is_some_and(|h| h.len() == 32);
        !(known && salt_ok && hash_ok && (1..=MAX_ITERATIONS).contains(&self.iterations))
    }

    /// True when the record is of an older kind and should be rewritten (with a
    /// fresh salt) the next time the right PIN is typed.
    pub fn needs_upgrade(&self) -> bool {
        self.algorithm != PBKDF2_SHA256 || self.iterations < PIN_ITERATIONS
    }

    /// True when `pin` is the family PIN. A broken record matches nothing.
    pub fn matches(&self, pin: &str) -> bool {
        if self.is_broken() {
            return false;
        }
        let pin = pin.trim();
        let got = if self.algorithm == PBKDF2_SHA256 {
            let Some(salt) = unhex(&self.salt) else { return false };
            pbkdf2_hash(pin, &salt, self.iterations)
        } else {
            legacy_hash(&self.salt, pin, self.iterations)
        };
        let Some(want) = unhex(&self.hash) else { return false };
        // Constant-time compare (the page is local, but it costs nothing).
        got.iter().zip(&want).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }
}

fn pbkdf2_hash(pin: &str, salt: &[u8], iterations: u32) -> [u8; 32] {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(pin.as_bytes(), salt, iterations, &mut out);
    out
}

/// The record kind written before PBKDF2, kept only to check (and then upgrade) it.
fn legacy_hash(salt_hex: &str, pin: &str, iterations: u32) -> [u8; 32] {
    let mut h: [u8; 32] = Sha256::new().chain_update(salt_hex.as_bytes()).chain_update(pin.as_bytes()).finalize().into();
    for _ in 1..iterations {
        h = Sha256::digest(h).into();
    }
    h
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 || s.is_empty() {
        return None;
    }
    // A loop, not `collect::<Option<Vec<_>>>()` (docs/performance.md "Size", size3).
    let mut out = Vec::new();
    for i in (0..s.len()).step_by(2) {
        out.push(u8::from_str_radix(s.get(i..i + 2)?, 16).ok()?);
    }
    Some(out)
}

/// chrome.storage.local key of the wrong-try counter.
pub const PIN_TRIES_KEY: &str = "pin_tries";
/// Wrong tries allowed before the first wait.
pub const FREE_TRIES: u32 = 5;
/// The first wait; each further wrong try doubles it, up to [`MAX_WAIT_MS`].
pub const FIRST_WAIT_MS: f64 = 30_000.0;
pub const MAX_WAIT_MS: f64 = 3_600_000.0;

/// Wrong PIN tries in a row, kept in chrome.storage.local so that closing the
/// page does not reset them. Checked wherever a PIN is typed (options page,
/// hiding a warning).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PinTries {
    pub wrong: u32,
    /// Date.now() until which no PIN is checked.
    pub wait_until_ms: f64,
}

/// What came of typing a PIN.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PinCheck {
    Right,
    Wrong,
    /// Too many wrong tries: not checked; try again after this many milliseconds.
    Wait(f64),
}

impl PinTries {
    /// Reads the stored value; anything unreadable starts from nothing.
    pub fn from_stored(v: &serde_json::Value) -> PinTries {
        serde_json::from_value(v.clone()).unwrap_or_default()
    }

    /// Milliseconds left to wait before a PIN is checked again (None: no wait).
    pub fn wait_ms(&self, now_ms: f64) -> Option<f64> {
        // A clock set back must not lock for longer than the longest wait.
        let left = (self.wait_until_ms - now_ms).min(MAX_WAIT_MS);
        (left > 0.0).then_some(left)
    }

    /// Checks `pin` against `hash` unless a wait is running, and counts the try.
    pub fn check(&mut self, hash: &PinHash, pin: &str, now_ms: f64) -> PinCheck {
        if let Some(w) = self.wait_ms(now_ms) {
            return PinCheck::Wait(w);
        }
        if hash.matches(pin) {
            *self = PinTries::default();
            return PinCheck::Right;
        }
        self.wrong = self.wrong.saturating_add(1);
        if self.wrong >= FREE_TRIES {
            let doublings = (self.wrong - FREE_TRIES).min(20);
            let wait = (FIRST_WAIT_MS * f64::from(1u32 << doublings)).min(MAX_WAIT_MS);
            self.wait_until_ms = now_ms + wait;
        }
        PinCheck::Wrong
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pbkdf2_matches_the_rfc_7914_test_vector() {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256("passwd", "salt", 1, 64), first 32 bytes.
        let mut out = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<Sha256>(b"passwd", b"salt", 1, &mut out);
        assert_eq!(hex(&out), "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
    }

    #[test]
    fn new_record_checks_and_never_holds_the_pin() {
        let p = PinHash::new("2468", b"saltsalt").unwrap();
        assert_eq!(p.algorithm, PBKDF2_SHA256);
        assert!(p.matches("2468") && p.matches(" 2468 "));
        assert!(!p.matches("2469") && !p.matches(""));
        assert!(!p.hash.contains("2468") && !p.salt.contains("2468"));
        assert!(!p.is_broken() && !p.needs_upgrade());
        assert_ne!(p.hash, PinHash::new("2468", b"othersal").unwrap().hash, "salt changes the hash");
        assert_eq!(PinHash::new("12a4", b"saltsalt"), Err(PinError::Format));
        assert_eq!(PinHash::new("123", b"saltsalt"), Err(PinError::Format));
        assert_eq!(PinHash::new("123456789", b"saltsalt"), Err(PinError::Format));
        assert_eq!(PinHash::new("1234", b"short"), Err(PinError::Salt));
    }

    #[test]
    fn broken_records_match_nothing() {
        let good = PinHash::new("2468", b"saltsalt").unwrap();
        let cases = [
            PinHash { algorithm: "md5".into(), ..good.clone() },
            PinHash { iterations: 0, ..good.clone() },
            PinHash { iterations: MAX_ITERATIONS + 1, ..good.clone() },
            PinHash { hash: "ab".into(), ..good.clone() },
            PinHash { hash: "zz".repeat(32), ..good.clone() },
            PinHash { salt: "00".into(), ..good.clone() },
            PinHash { salt: "x".into(), ..good.clone() },
        ];
        for b in cases {
            assert!(b.is_broken(), "{b:?}");
            assert!(!b.matches("2468"), "{b:?}");
        }
    }

    #[test]
    fn cool_down_after_five_wrong_tries_doubles_and_resets_on_the_right_pin() {
        let p = PinHash { iterations: 1, ..PinHash::new("2468", b"saltsalt").unwrap() };
        let p = PinHash { hash: hex(&pbkdf2_hash("2468", b"saltsalt", 1)), ..p };
        let mut t = PinTries::default();
        let now = 1_000_000.0;
        for _ in 0..4 {
            assert_eq!(t.check(&p, "0000", now), PinCheck::Wrong);
            assert_eq!(t.wait_ms(now), None);
        }
        assert_eq!(t.check(&p, "0000", now), PinCheck::Wrong);
        assert_eq!(t.wait_ms(now), Some(30_000.0));
        // During the wait even the right PIN is not checked.
        assert_eq!(t.check(&p, "2468", now + 1_000.0), PinCheck::Wait(29_000.0));
        assert_eq!(t.check(&p, "0000", now + 30_000.0), PinCheck::Wrong);
        assert_eq!(t.wait_ms(now + 30_000.0), Some(60_000.0), "doubled");
        assert_eq!(t.check(&p, "2468", now + 90_000.0), PinCheck::Right);
        assert_eq!(t, PinTries::default());
        // Capped, and a clock set back never waits longer than the cap.
        let long = PinTries { wrong: 40, wait_until_ms: now + 1e12 };
        assert_eq!(long.wait_ms(now), Some(MAX_WAIT_MS));
        assert_eq!(PinTries::from_stored(&serde_json::json!("junk")), PinTries::default());
    }
}
