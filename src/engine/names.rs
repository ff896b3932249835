//! One name table per enum: `named!` writes each variant's wire name once and derives
//! from it `as_str`, `named` (the reverse), `ALL`, and serde (as that string).

macro_rules! named {
    ($(#[$m:meta])* pub enum $E:ident { $($(#[$vm:meta])* $V:ident = $s:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "&'static str")]
        pub enum $E { $($(#[$vm])* $V),* }
        impl $E {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$E] = &[$($E::$V),*];
            /// The variant's name in JSON, rule files and stored facts.
            pub fn as_str(self) -> &'static str {
                match self { $($E::$V => $s),* }
            }
            /// The variant of that name.
            pub fn named(s: &str) -> Option<$E> {
                match s { $($s => Some($E::$V),)* _ => None }
            }
        }
        impl From<$E> for &'static str {
            fn from(e: $E) -> Self { e.as_str() }
        }
        impl TryFrom<String> for $E {
            type Error = String;
            fn try_from(s: String) -> Result<Self, String> {
                $E::named(&s).ok_or_else(|| format!("unknown {} {s:?}", stringify!($E)))
            }
        }
        impl std::fmt::Display for $E {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}
pub(crate) use named;
