//! Stored values read from and written to `serde_json::Value` by hand, accepting
//! exactly what the serde derives of the same types accept from JSON (each store's
//! tests compare the two on valid and malformed values). Why: each serde-derived
//! type adds its own deserializer monomorph to the content script's WebAssembly;
//! these few functions are shared by every store.
//!
//! A `None` from [`Stored::read`] is a value of the wrong shape (serde's error).
use serde_json::{Map, Value};

pub trait Stored: Sized {
    fn read(v: &Value) -> Option<Self>;
    fn write(&self) -> Value;
}

impl Stored for String {
    fn read(v: &Value) -> Option<Self> {
        v.as_str().map(str::to_string)
    }
    fn write(&self) -> Value {
        Value::String(self.clone())
    }
}

impl Stored for u32 {
    fn read(v: &Value) -> Option<Self> {
        u32::try_from(v.as_u64()?).ok()
    }
    fn write(&self) -> Value {
        (*self).into()
    }
}

impl Stored for u64 {
    fn read(v: &Value) -> Option<Self> {
        v.as_u64()
    }
    fn write(&self) -> Value {
        (*self).into()
    }
}

impl Stored for i64 {
    fn read(v: &Value) -> Option<Self> {
        v.as_i64()
    }
    fn write(&self) -> Value {
        (*self).into()
    }
}

impl Stored for f64 {
    fn read(v: &Value) -> Option<Self> {
        v.as_f64()
    }
    fn write(&self) -> Value {
        (*self).into()
    }
}

impl Stored for bool {
    fn read(v: &Value) -> Option<Self> {
        v.as_bool()
    }
    fn write(&self) -> Value {
        (*self).into()
    }
}

impl<T: Stored> Stored for Option<T> {
    fn read(v: &Value) -> Option<Self> {
        if v.is_null() {
            Some(None)
        } else {
            T::read(v).map(Some)
        }
    }
    fn write(&self) -> Value {
        self.as_ref().map_or(Value::Null, T::write)
    }
}

impl<T: Stored> Stored for Vec<T> {
    fn read(v: &Value) -> Option<Self> {
        v.as_array()?.iter().map(T::read).collect()
    }
    fn write(&self) -> Value {
        Value::Array(self.iter().map(T::write).collect())
    }
}

/// A unit enum variant as serde writes it (`"name"`) or also reads it (`{"name": null}`).
pub fn variant(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(m) if m.len() == 1 => m.iter().next().filter(|(_, x)| x.is_null()).map(|(k, _)| k.as_str()),
        _ => None,
    }
}

/// A struct's fields in order: an object holding every field (others ignored), or
/// an array of exactly that many values.
pub fn fields<'a, const N: usize>(v: &'a Value, names: [&str; N]) -> Option<[&'a Value; N]> {
    let got = default_fields(v, names)?;
    let mut out = [&Value::Null; N];
    for (o, g) in out.iter_mut().zip(got) {
        *o = g?;
    }
    Some(out)
}

/// A `#[serde(default)]` struct's fields in order (`None`: absent, takes its default):
/// an object (others ignored), or an array of at most that many values.
pub fn default_fields<'a, const N: usize>(v: &'a Value, names: [&str; N]) -> Option<[Option<&'a Value>; N]> {
    let mut out = [None; N];
    match v {
        Value::Object(m) => {
            for (o, name) in out.iter_mut().zip(names) {
                *o = m.get(name);
            }
        }
        Value::Array(a) if a.len() <= N => {
            for (o, x) in out.iter_mut().zip(a) {
                *o = Some(x);
            }
        }
        _ => return None,
    }
    Some(out)
}

/// A `#[serde(default)]` field: absent → `default`, present → read (or fail).
pub fn or_default<T: Stored>(v: Option<&Value>, default: T) -> Option<T> {
    match v {
        Some(v) => T::read(v),
        None => Some(default),
    }
}

/// An object from (name, value) pairs.
pub fn object<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    let mut m = Map::new();
    for (k, v) in pairs {
        m.insert(k.to_string(), v);
    }
    Value::Object(m)
}

/// `Stored` for a unit-only enum written by serde as snake_case names.
macro_rules! stored_enum {
    ($t:ty { $($variant:ident = $name:literal),+ $(,)? }) => {
        impl $crate::state::json::Stored for $t {
            fn read(v: &serde_json::Value) -> Option<Self> {
                match $crate::state::json::variant(v)? {
                    $($name => Some(<$t>::$variant),)+
                    _ => None,
                }
            }
            fn write(&self) -> serde_json::Value {
                serde_json::Value::String(match self { $(<$t>::$variant => $name,)+ }.to_string())
            }
        }
    };
}

stored_enum!(crate::engine::Level { None = "none", Notice = "notice", Warning = "warning", Danger = "danger" });
stored_enum!(crate::engine::Stage {
    None = "none",
    Contact = "contact",
    Grooming = "grooming",
    OffPlatform = "off_platform",
    VideoCall = "video_call",
    Extortion = "extortion",
});
stored_enum!(crate::engine::FriendStatus {
    RequestReceived = "request_received",
    Friends = "friends",
    NotFriends = "not_friends",
    Unknown = "unknown",
});

/// Parses JSON text (as `JSON.stringify` writes it) into a `Value`, as
/// `serde_json::from_str::<Value>` does (its tests compare the two), without serde's
/// deserializer machinery. `None` for anything that is not one JSON value. Numbers:
/// integers that fit are `u64` / `i64`, the rest `f64` (correctly rounded).
pub fn parse(text: &str) -> Option<Value> {
    let mut p = Parser { b: text.as_bytes(), i: 0 };
    let v = p.value(0)?;
    p.ws();
    (p.i == p.b.len()).then_some(v)
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        let hit = self.b.get(self.i) == Some(&c);
        self.i += hit as usize;
        hit
    }

    fn word(&mut self, w: &[u8], v: Value) -> Option<Value> {
        let hit = self.b.get(self.i..self.i + w.len()) == Some(w);
        self.i += w.len();
        hit.then_some(v)
    }

    fn value(&mut self, depth: u32) -> Option<Value> {
        // serde_json's recursion limit.
        if depth > 127 {
            return None;
        }
        self.ws();
        match *self.b.get(self.i)? {
            b'n' => self.word(b"null", Value::Null),
            b't' => self.word(b"true", Value::Bool(true)),
            b'f' => self.word(b"false", Value::Bool(false)),
            b'"' => self.string().map(Value::String),
            b'[' => {
                self.i += 1;
                let mut a = Vec::new();
                if !self.eat(b']') {
                    loop {
                        a.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                Some(Value::Array(a))
            }
            b'{' => {
                self.i += 1;
                let mut m = Map::new();
                if !self.eat(b'}') {
                    loop {
                        self.ws();
                        if self.b.get(self.i) != Some(&b'"') {
                            return None;
                        }
                        let k = self.string()?;
                        if !self.eat(b':') {
                            return None;
                        }
                        m.insert(k, self.value(depth + 1)?);
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                Some(Value::Object(m))
            }
            _ => self.number(),
        }
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.i;
        let digits = |p: &mut Self| {
            let s = p.i;
            while p.i < p.b.len() && p.b[p.i].is_ascii_digit() {
                p.i += 1;
            }
            p.i > s
        };
        let neg = self.b.get(self.i) == Some(&b'-');
        self.i += neg as usize;
        let int_start = self.i;
        if !digits(self) || (self.b[int_start] == b'0' && self.i - int_start > 1) {
            return None;
        }
        let mut float = false;
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            float = true;
            if !digits(self) {
                return None;
            }
        }
        if matches!(self.b.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            float = true;
            if matches!(self.b.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if !digits(self) {
                return None;
            }
        }
        let text = std::str::from_utf8(&self.b[start..self.i]).ok()?;
        if !float {
            if neg {
                // ("-0" is the float -0.0, as serde_json reads it.)
                match text.parse::<i64>() {
                    Ok(n) if n != 0 => return Some(n.into()),
                    _ => {}
                }
            } else if let Ok(n) = text.parse::<u64>() {
                return Some(n.into());
            }
        }
        let f: f64 = text.parse().ok()?;
        // serde_json refuses numbers out of f64's range.
        f.is_finite().then(|| f.into())
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = std::str::from_utf8(self.b.get(self.i..self.i + 4)?).ok()?;
        self.i += 4;
        if !h.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(h, 16).ok()
    }

    /// A string literal at `self.i` (its opening quote).
    fn string(&mut self) -> Option<String> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let start = self.i;
            while self.i < self.b.len() && !matches!(self.b[self.i], b'"' | b'\\' | 0..=0x1f) {
                self.i += 1;
            }
            out.push_str(std::str::from_utf8(&self.b[start..self.i]).ok()?);
            match *self.b.get(self.i)? {
                b'"' => {
                    self.i += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.i += 1;
                    let c = *self.b.get(self.i)?;
                    self.i += 1;
                    match c {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let mut u = self.hex4()?;
                            if (0xD800..0xDC00).contains(&u) {
                                // A high surrogate must be followed by an escaped low one.
                                if self.b.get(self.i..self.i + 2) != Some(b"\\u") {
                                    return None;
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return None;
                                }
                                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                            }
                            out.push(char::from_u32(u)?);
                        }
                        _ => return None,
                    }
                }
                _ => return None, // a control character
            }
        }
    }
}

/// Helpers for the stores' tests (native only; also used by tests/warning_ui.rs).
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub mod testing {
    use super::*;
    use serde_json::json;

    /// Values of many shapes, for comparing a hand-written reader with serde.
    pub fn odd_values() -> Vec<Value> {
        vec![
            json!(null), json!(true), json!(false), json!(0), json!(1), json!(-1), json!(3.0), json!(2.5),
            json!(4294967295u64), json!(4294967296u64), json!(u64::MAX), json!(i64::MIN), json!(""), json!("x"),
            json!([]), json!({}), json!([1]), json!(["x"]), json!([null]), json!({"x": null}), json!({"x": 1}),
            json!("none"), json!("notice"), json!("danger"), json!("contact"), json!("off_platform"),
            json!("video_call"), json!("friends"), json!("not_friends"), json!({"danger": null}),
            json!({"danger": null, "notice": null}), json!("Danger"),
        ]
    }

    /// Asserts `T::read` agrees with serde on `v` (and on `v` inside arrays).
    pub fn reads_like_serde<T>(v: &Value)
    where
        T: Stored + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let serde: Option<T> = serde_json::from_value(v.clone()).ok();
        assert_eq!(T::read(v), serde, "{v}");
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_like_serde_json() {
        let texts = [
            "null", "true", "false", "0", "-0", "1", "-1", "42", "1.5", "-2.25e3", "1e400", "-1e400", "1E2", "0.1", "3.0",
            "18446744073709551615", "18446744073709551616", "-9223372036854775808", "-9223372036854775809",
            "123456789012345678901234567890", "1764300000000", "1764300000000.5", "5e-324", "2.2250738585072014e-308",
            "\"\"", "\"a\\\"b\\\\c\\/d\\n\\t\\r\\b\\f\"", "\"\\u00e9\\u0938\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\ude00\"",
            "\"\\ud83dx\"", "\"सावधान 🌹\"", "\"\\x\"", "\"\\u12g4\"", "\"a\nb\"", "\"unterminated",
            "[]", "{}", " [ 1 , 2 ,[3,{}] ] ", "{\"a\":1,\"b\":[true,null],\"a\":2}", "{\"a\" : {\"b\" : \"c\"}}",
            "[1,]", "{\"a\":1,}", "{a:1}", "[1 2]", "01", "-", "1.", ".5", "1e", "+1", "nul", "truex", "[", "{", "", " ",
            "1 2", "\"x\" y", "NaN", "Infinity", "[1]]", "{\"a\"}", "{\"a\":}", "{1:2}",
        ];
        for t in texts {
            assert_eq!(parse(t), serde_json::from_str::<Value>(t).ok(), "{t}");
        }
        let deep_ok = format!("{}{}", "[".repeat(127), "]".repeat(127));
        let too_deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
        for t in [deep_ok, too_deep] {
            assert_eq!(parse(&t).is_some(), serde_json::from_str::<Value>(&t).is_ok(), "depth {}", t.len() / 2);
        }
        let store = json!({"version": 2, "contacts": {"fb:1": {"facts": {"first_seen": "2026-11-01T10:00:00Z", "stages": [
            {"stage": "contact", "first_at": null, "rules": ["kind.greeting"], "count": 2}], "messages_seen": 17},
            "last_activity": 1764300000}}, "ms": 1764300000000.0, "f": 0.1, "neg": -3});
        assert_eq!(parse(&store.to_string()), Some(store.clone()));
        assert_eq!(parse(&serde_json::to_string_pretty(&store).unwrap()), Some(store));
    }

    #[test]
    fn primitives_and_enums_read_like_serde() {
        for v in odd_values() {
            reads_like_serde::<String>(&v);
            reads_like_serde::<u32>(&v);
            reads_like_serde::<u64>(&v);
            reads_like_serde::<i64>(&v);
            reads_like_serde::<f64>(&v);
            reads_like_serde::<bool>(&v);
            reads_like_serde::<Option<u32>>(&v);
            reads_like_serde::<Option<String>>(&v);
            reads_like_serde::<Vec<u32>>(&v);
            reads_like_serde::<crate::engine::Level>(&v);
            reads_like_serde::<crate::engine::Stage>(&v);
            reads_like_serde::<crate::engine::FriendStatus>(&v);
            reads_like_serde::<Option<crate::engine::FriendStatus>>(&v);
        }
        for l in [crate::engine::Level::None, crate::engine::Level::Danger] {
            assert_eq!(l.write(), serde_json::to_value(l).unwrap());
        }
        for s in [crate::engine::Stage::OffPlatform, crate::engine::Stage::VideoCall] {
            assert_eq!(s.write(), serde_json::to_value(s).unwrap());
        }
        assert_eq!(2.5f64.write(), json!(2.5));
        assert_eq!(Some(7u32).write(), json!(7));
        assert_eq!(None::<u32>.write(), json!(null));
    }
}
