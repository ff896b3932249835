//! The family's settings (family set-up work extends this: migration, managed
//! values, PIN). Stored under the `settings` key of chrome.storage.local.
use serde::{Deserialize, Serialize};

pub const SETTINGS_KEY: &str = "settings";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    En,
    Hi,
    Mr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    #[default]
    India,
    Usa,
    Uk,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sensitivity {
    #[default]
    Standard,
    /// Warn one stage earlier.
    Cautious,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedContact {
    pub name: String,
    pub phone: String,
}

/// A contact the user said he knows: warnings for them stay hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownPerson {
    /// The contact key used by the readers (profile id or thread id).
    pub key: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// None: follow the browser's language.
    pub language: Option<Language>,
    pub region: Region,
    pub trusted_contact: Option<TrustedContact>,
    pub sensitivity: Sensitivity,
    pub known_people: Vec<KnownPerson>,
}
