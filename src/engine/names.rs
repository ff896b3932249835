//! One name table per enum: `named!` writes each variant's wire name once and derives
//! from it `as_str`, `named` (the reverse), `ALL`, `Display`, and serde's name for it.

macro_rules! named {
    ($(#[$m:meta])* pub enum $E:ident { $($(#[$vm:meta])* $V:ident = $s:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(serde::Serialize, serde::Deserialize)]
        pub enum $E { $($(#[$vm])* #[serde(rename = $s)] $V),* }
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
        impl std::fmt::Display for $E {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}
pub(crate) use named;

#[cfg(test)]
mod tests {
    use crate::engine::{Level, MessageKind, Stage};

    #[test]
    fn serde_and_as_str_agree_for_every_variant() {
        for s in Stage::ALL {
            assert_eq!(serde_json::to_string(s).unwrap(), format!("\"{}\"", s.as_str()));
            assert_eq!(Stage::named(s.as_str()), Some(*s));
        }
        for l in Level::ALL {
            assert_eq!(serde_json::from_str::<Level>(&format!("\"{l}\"")).unwrap(), *l);
        }
        assert_eq!(MessageKind::named("missed_video_call"), Some(MessageKind::MissedVideoCall));
        assert_eq!(Stage::named("video call"), None);
    }
}
