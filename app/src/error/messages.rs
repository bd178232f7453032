//! Translations of codes that travel as data: error codes, field error codes
//! and roles. Everything else is translated in place with `t!`.

use crate::error::{ErrorCode, FieldCode};
use crate::i18n::*;

pub fn error_message(l: Locale, code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::Validation => td_string!(l, err_validation),
        ErrorCode::Unauthenticated => td_string!(l, err_unauthenticated),
        ErrorCode::Forbidden => td_string!(l, err_forbidden),
        ErrorCode::NotFound => td_string!(l, err_not_found),
        ErrorCode::Conflict => td_string!(l, err_conflict),
        ErrorCode::BadCredentials => td_string!(l, err_bad_credentials),
        ErrorCode::Csrf => td_string!(l, err_csrf),
        ErrorCode::Unavailable => td_string!(l, err_unavailable),
        ErrorCode::RateLimited => td_string!(l, err_rate_limited),
        ErrorCode::PayloadTooLarge => td_string!(l, err_payload_too_large),
        ErrorCode::BadRequest => td_string!(l, err_bad_request),
        ErrorCode::MethodNotAllowed => td_string!(l, err_method_not_allowed),
        ErrorCode::UnsupportedMediaType => td_string!(l, err_unsupported_media_type),
        ErrorCode::Internal => td_string!(l, err_internal),
        ErrorCode::Transport => td_string!(l, err_transport),
    }
}

/// English text for the JSON API's `message`.
pub fn error_message_en(code: ErrorCode) -> &'static str {
    error_message(Locale::en, code)
}

pub fn field_message(l: Locale, code: FieldCode) -> &'static str {
    match code {
        FieldCode::Required => td_string!(l, field_required),
        FieldCode::TooLong => td_string!(l, field_too_long),
        FieldCode::InvalidEmail => td_string!(l, field_invalid_email),
        FieldCode::Taken => td_string!(l, field_taken),
        FieldCode::CodeFormat => td_string!(l, field_code_format),
        FieldCode::Length340 => td_string!(l, field_length_3_40),
        FieldCode::UsernameChars => td_string!(l, field_username_chars),
        FieldCode::RequiredForRole => td_string!(l, field_required_for_role),
        FieldCode::TooShort12 => td_string!(l, field_too_short_12),
        FieldCode::CannotDeactivateSelf => td_string!(l, field_cannot_deactivate_self),
        FieldCode::StarsRange => td_string!(l, field_stars_range),
        FieldCode::InvalidChoice => td_string!(l, field_invalid_choice),
        FieldCode::TooLong2000 => td_string!(l, field_too_long_2000),
        FieldCode::InvalidDate => td_string!(l, field_invalid_date),
        FieldCode::InvalidUrl => td_string!(l, field_invalid_url),
        FieldCode::TitleRequired => td_string!(l, field_title_required),
        FieldCode::PerPageRange => td_string!(l, field_per_page_range),
        FieldCode::NotConfigured => td_string!(l, field_not_configured),
        FieldCode::UnreachableFeed => td_string!(l, field_unreachable_feed),
        FieldCode::UnreadableFeed => td_string!(l, field_unreadable_feed),
        FieldCode::WorkingDayWeekend => td_string!(l, field_working_day_weekend),
        FieldCode::IcsUnreadable => td_string!(l, field_ics_unreadable),
        FieldCode::AlreadyExtended => td_string!(l, field_already_extended),
        FieldCode::NoExtension => td_string!(l, field_no_extension),
        FieldCode::NotLater => td_string!(l, field_not_later),
        FieldCode::BeyondLimit => td_string!(l, field_beyond_limit),
        FieldCode::NotWorkingDay => td_string!(l, field_not_working_day),
        FieldCode::TooLong5000 => td_string!(l, field_too_long_5000),
        FieldCode::InThePast => td_string!(l, field_in_the_past),
        FieldCode::JsonRequired => td_string!(l, field_json_required),
        FieldCode::RuleMatchesEverything => td_string!(l, field_rule_matches_everything),
        FieldCode::WrongStatus => td_string!(l, field_wrong_status),
        FieldCode::NoConsent => td_string!(l, field_no_consent),
        FieldCode::NotAnswered => td_string!(l, field_not_answered),
        FieldCode::Locked => td_string!(l, field_locked),
        FieldCode::NotEarlier => td_string!(l, field_not_earlier),
        FieldCode::DaysRange => td_string!(l, field_days_range),
        FieldCode::PeriodTooLong => td_string!(l, field_period_too_long),
        FieldCode::NoQuestions => td_string!(l, field_no_questions),
        FieldCode::TwoOptions => td_string!(l, field_two_options),
        FieldCode::OptionCount => td_string!(l, field_option_count),
        FieldCode::SurveyClosed => td_string!(l, field_survey_closed),
        FieldCode::SurveyNotOpen => td_string!(l, field_survey_not_open),
        FieldCode::AlreadyAnswered => td_string!(l, field_already_answered),
        FieldCode::InvalidOption => td_string!(l, field_invalid_option),
        FieldCode::OutOfRange => td_string!(l, field_out_of_range),
        FieldCode::UnknownQuestion => td_string!(l, field_unknown_question),
        FieldCode::DuplicateAnswer => td_string!(l, field_duplicate_answer),
        FieldCode::UnknownOutlet => td_string!(l, field_unknown_outlet),
        FieldCode::DuplicateLink => td_string!(l, field_duplicate_link),
        FieldCode::InFuture => td_string!(l, field_in_future),
        FieldCode::NotANumber => td_string!(l, field_not_a_number),
        FieldCode::AlreadyAsked => td_string!(l, field_already_asked),
        FieldCode::OutletInUse => td_string!(l, field_outlet_in_use),
        FieldCode::AlreadyExists => td_string!(l, field_already_exists),
        FieldCode::FileTooLarge => td_string!(l, field_file_too_large),
        FieldCode::NotCsv => td_string!(l, field_not_csv),
        FieldCode::MissingColumn => td_string!(l, field_missing_column),
        FieldCode::QuerySyntax => td_string!(l, field_query_syntax),
        FieldCode::NotUtf8 => td_string!(l, field_not_utf8),
        FieldCode::AlreadyImported => td_string!(l, field_already_imported),
        FieldCode::Invalid => td_string!(l, field_invalid),
        FieldCode::InvalidJson => td_string!(l, field_invalid_json),
        FieldCode::ReusedWithAnotherRequest => td_string!(l, field_reused_with_another_request),
        FieldCode::StillRunning => td_string!(l, field_still_running),
        FieldCode::ChangedSinceChecked => td_string!(l, field_changed_since_checked),
        FieldCode::TooLong128 => td_string!(l, field_too_long_128),
        FieldCode::CommonPassword => td_string!(l, field_common_password),
        FieldCode::LikeName => td_string!(l, field_like_name),
        FieldCode::NotSame => td_string!(l, field_not_same),
        FieldCode::WrongPassword => td_string!(l, field_wrong_password),
        FieldCode::WrongCode => td_string!(l, field_wrong_code),
    }
}

/// The message for a field code that came back in an address (a redirect's
/// `?error=` after a form posted without JavaScript): one the server does not
/// send reads as "not valid".
pub fn field_message_named(l: Locale, code: &str) -> &'static str {
    field_message(l, FieldCode::parse(code).unwrap_or(FieldCode::Invalid))
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

#[cfg(test)]
mod tests {
    use super::*;

    use crate::error::messages::check::each_reads_apart;

    #[test]
    fn every_error_code_reads_differently_in_each_language() {
        each_reads_apart(ErrorCode::ALL, error_message);
    }

    #[test]
    fn every_field_code_reads_differently_in_each_language() {
        each_reads_apart(FieldCode::ALL, field_message);
    }
}
