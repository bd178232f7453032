//! Translations of codes that travel as data: error codes, field error codes
//! and roles. Everything else is translated in place with `t!`.

use crate::error::ErrorCode;
use crate::i18n::*;

pub fn error_message(l: Locale, code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::Validation => td_string!(l, err_validation),
        ErrorCode::Unauthenticated => td_string!(l, err_unauthenticated),
        ErrorCode::Forbidden => td_string!(l, err_forbidden),
        ErrorCode::NotFound => td_string!(l, err_not_found),
        ErrorCode::Conflict => td_string!(l, err_conflict),
        ErrorCode::BadCredentials => td_string!(l, err_bad_credentials),
        ErrorCode::AccountLocked => td_string!(l, err_account_locked),
        ErrorCode::Csrf => td_string!(l, err_csrf),
        ErrorCode::RateLimited => td_string!(l, err_rate_limited),
        ErrorCode::PayloadTooLarge => td_string!(l, err_payload_too_large),
        ErrorCode::Internal => td_string!(l, err_internal),
        ErrorCode::Transport => td_string!(l, err_transport),
    }
}

/// English text for the JSON API's `message`.
pub fn error_message_en(code: ErrorCode) -> &'static str {
    error_message(Locale::en, code)
}

pub fn field_message(l: Locale, code: &str) -> &'static str {
    match code {
        "required" => td_string!(l, field_required),
        "too_long" => td_string!(l, field_too_long),
        "invalid_email" => td_string!(l, field_invalid_email),
        "taken" => td_string!(l, field_taken),
        "code_format" => td_string!(l, field_code_format),
        "length_3_40" => td_string!(l, field_length_3_40),
        "username_chars" => td_string!(l, field_username_chars),
        "required_for_role" => td_string!(l, field_required_for_role),
        "too_short_12" => td_string!(l, field_too_short_12),
        "cannot_deactivate_self" => td_string!(l, field_cannot_deactivate_self),
        "stars_range" => td_string!(l, field_stars_range),
        "invalid_choice" => td_string!(l, field_invalid_choice),
        "too_long_2000" => td_string!(l, field_too_long_2000),
        "invalid_date" => td_string!(l, field_invalid_date),
        "invalid_url" => td_string!(l, field_invalid_url),
        "title_required" => td_string!(l, field_title_required),
        "per_page_range" => td_string!(l, field_per_page_range),
        "not_configured" => td_string!(l, field_not_configured),
        "unreachable_feed" => td_string!(l, field_unreachable_feed),
        "unreadable_feed" => td_string!(l, field_unreadable_feed),
        "working_day_weekend" => td_string!(l, field_working_day_weekend),
        "ics_unreadable" => td_string!(l, field_ics_unreadable),
        "already_extended" => td_string!(l, field_already_extended),
        "no_extension" => td_string!(l, field_no_extension),
        "not_later" => td_string!(l, field_not_later),
        "beyond_limit" => td_string!(l, field_beyond_limit),
        "not_working_day" => td_string!(l, field_not_working_day),
        "too_long_5000" => td_string!(l, field_too_long_5000),
        "in_the_past" => td_string!(l, field_in_the_past),
        "json_required" => td_string!(l, field_json_required),
        "rule_matches_everything" => td_string!(l, field_rule_matches_everything),
        "wrong_status" => td_string!(l, field_wrong_status),
        "no_consent" => td_string!(l, field_no_consent),
        "not_answered" => td_string!(l, field_not_answered),
        "locked" => td_string!(l, field_locked),
        "not_earlier" => td_string!(l, field_not_earlier),
        "days_range" => td_string!(l, field_days_range),
        "period_too_long" => td_string!(l, field_period_too_long),
        "no_questions" => td_string!(l, field_no_questions),
        "two_options" => td_string!(l, field_two_options),
        "option_count" => td_string!(l, field_option_count),
        "survey_closed" => td_string!(l, field_survey_closed),
        "survey_not_open" => td_string!(l, field_survey_not_open),
        "already_answered" => td_string!(l, field_already_answered),
        "invalid_option" => td_string!(l, field_invalid_option),
        "out_of_range" => td_string!(l, field_out_of_range),
        "unknown_question" => td_string!(l, field_unknown_question),
        "duplicate_answer" => td_string!(l, field_duplicate_answer),
        "unknown_outlet" => td_string!(l, field_unknown_outlet),
        "duplicate_link" => td_string!(l, field_duplicate_link),
        "in_future" => td_string!(l, field_in_future),
        "not_a_number" => td_string!(l, field_not_a_number),
        "already_asked" => td_string!(l, field_already_asked),
        "outlet_in_use" => td_string!(l, field_outlet_in_use),
        "already_exists" => td_string!(l, field_already_exists),
        "file_too_large" => td_string!(l, field_file_too_large),
        "not_csv" => td_string!(l, field_not_csv),
        "missing_column" => td_string!(l, field_missing_column),
        "not_utf8" => td_string!(l, field_not_utf8),
        "already_imported" => td_string!(l, field_already_imported),
        _ => td_string!(l, field_invalid),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_code_reads_differently_in_each_language() {
        for code in [ErrorCode::BadCredentials, ErrorCode::Csrf, ErrorCode::AccountLocked] {
            let (kk, ru, en) = (
                error_message(Locale::kk, code),
                error_message(Locale::ru, code),
                error_message(Locale::en, code),
            );
            assert!(kk != ru && ru != en && kk != en, "{code:?}");
        }
    }

    #[test]
    fn an_unknown_field_code_still_gets_a_message() {
        assert_eq!(field_message(Locale::en, "no_such_code"), "This value is not valid.");
    }
}
