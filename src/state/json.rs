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
