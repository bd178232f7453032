//! One text in the three languages of the portal (kk, ru, en).

use serde::{Deserialize, Serialize};

crate::closed_list!(
    /// A language of the portal.
    Lang { Kk = "kk", Ru = "ru", En = "en" }
);

/// One text in up to three languages; empty where not given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Texts {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

impl Texts {
    /// The text in `lang`, else the first language that has one (kk, ru, en).
    pub fn get(&self, lang: &str) -> &str {
        let own = match lang {
            "kk" => &self.kk,
            "ru" => &self.ru,
            _ => &self.en,
        };
        if !own.is_empty() {
            return own;
        }
        [&self.kk, &self.ru, &self.en]
            .into_iter()
            .find(|t| !t.is_empty())
            .map(|s| s.as_str())
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_translation_falls_back_to_another_language() {
        let t = Texts {
            kk: String::new(),
            ru: "Новости".into(),
            en: String::new(),
        };
        assert_eq!(t.get("en"), "Новости");
        assert_eq!(t.get("ru"), "Новости");
    }
}
