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

/// For tests of translated closed lists.
#[cfg(test)]
pub mod check {
    use crate::i18n::Locale;

    const LOCALES: [Locale; 3] = [Locale::kk, Locale::ru, Locale::en];

    /// Every code a person can meet reads as a sentence of its own in each of
    /// kk, ru and en: none is empty, none is left in another language, and no
    /// two codes share one text (which is what a silent fallback looked like).
    pub fn each_reads_apart<C: Copy + std::fmt::Debug + PartialEq>(
        all: &[C],
        text: impl Fn(Locale, C) -> &'static str,
    ) {
        each_reads_apart_but(all, text, &[]);
    }

    /// The same, for lists where a loanword is written alike in Kazakh and
    /// Russian (`Радио`, `Модератор`): those codes are named, so a Kazakh
    /// text copied from Russian anywhere else still fails.
    pub fn each_reads_apart_but<C: Copy + std::fmt::Debug + PartialEq>(
        all: &[C],
        text: impl Fn(Locale, C) -> &'static str,
        alike_in_kk_and_ru: &[C],
    ) {
        for code in all {
            let [kk, ru, en] = LOCALES.map(|l| text(l, *code));
            assert!(!kk.is_empty() && !ru.is_empty() && !en.is_empty(), "{code:?}");
            assert!(
                (kk != ru || alike_in_kk_and_ru.contains(code)) && ru != en && kk != en,
                "{code:?} reads alike in two languages: {en}"
            );
        }
        for l in LOCALES {
            let mut seen = std::collections::HashMap::new();
            for code in all {
                if let Some(other) = seen.insert(text(l, *code), *code) {
                    panic!("{other:?} and {code:?} read the same in {l:?}: {}", text(l, *code));
                }
            }
        }
    }
}
