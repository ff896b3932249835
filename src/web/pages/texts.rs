//! The pages' words in the chosen display language, from the catalogues the
//! warning UI also uses (`crate::web::i18n`, embedded at build time): the pages
//! and the banner always agree on the language. Chosen language → browser
//! language → English; a key missing in hi/mr falls back to English.
use wasm_bindgen::JsCast;
use web_sys::Document;

use crate::state::settings::Language;
use crate::web::i18n;

pub(crate) struct Texts {
    pub lang: Language,
}

impl Texts {
    /// The texts for `chosen`, or for the browser's language when None.
    pub async fn load(chosen: Option<Language>) -> Texts {
        Texts { lang: i18n::language_for(chosen) }
    }

    /// The message `key` with its placeholders filled, in the order the
    /// catalogue's `placeholders` give them ($1, $2, …).
    pub fn text(&self, key: &str, args: &[(&str, &str)]) -> String {
        let subs: Vec<&str> = args.iter().map(|(_, v)| *v).collect();
        i18n::tr(self.lang, key, &subs)
    }

    /// Replaces the text of every `[data-i18n]` element and sets the page's `lang`.
    pub fn apply(&self, doc: &Document) {
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", i18n::lang_tag(self.lang));
        }
        let Ok(list) = doc.query_selector_all("[data-i18n]") else { return };
        for i in 0..list.length() {
            let Some(el) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
            if let Some(key) = el.get_attribute("data-i18n") {
                // A key missing from every catalogue keeps the HTML's English text.
                if i18n::catalogue(Language::En).get(&key).is_some() {
                    el.set_text_content(Some(&self.text(&key, &[])));
                }
            }
        }
    }
}
