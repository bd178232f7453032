//! The staff roles' and audit events' names in each language.

use crate::i18n::*;
use crate::platform::audit_event::Event;
use crate::platform::roles::Role;

pub fn event_name(l: Locale, e: Event) -> &'static str {
    match e {
        Event::LoginSucceeded => td_string!(l, event_login_succeeded),
        Event::LoginFailed => td_string!(l, event_login_failed),
        Event::SecondFactorFailed => td_string!(l, event_second_factor_failed),
        Event::RecoveryCodeUsed => td_string!(l, event_recovery_code_used),
        Event::FactorEnrolled => td_string!(l, event_factor_enrolled),
        Event::FactorReset => td_string!(l, event_factor_reset),
        Event::Logout => td_string!(l, event_logout),
        Event::SessionEnded => td_string!(l, event_session_ended),
        Event::UserCreated => td_string!(l, event_user_created),
        Event::UserUpdated => td_string!(l, event_user_updated),
        Event::RoleChanged => td_string!(l, event_role_changed),
        Event::UserDeactivated => td_string!(l, event_user_deactivated),
        Event::UserActivated => td_string!(l, event_user_activated),
        Event::PasswordChanged => td_string!(l, event_password_changed),
        Event::CommentApproved => td_string!(l, event_comment_approved),
        Event::CommentRejected => td_string!(l, event_comment_rejected),
        Event::AccessRefused => td_string!(l, event_access_refused),
    }
}

pub fn role_name(l: Locale, role: Role) -> &'static str {
    match role {
        Role::Officer => td_string!(l, role_officer),
        Role::DepartmentHead => td_string!(l, role_department_head),
        Role::Analyst => td_string!(l, role_analyst),
        Role::Moderator => td_string!(l, role_moderator),
        Role::Admin => td_string!(l, role_admin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::messages::check::each_reads_apart_but;

    #[test]
    fn every_role_reads_differently_in_each_language() {
        each_reads_apart_but(&Role::ALL, role_name, &[Role::Moderator]);
    }

    #[test]
    fn every_audit_event_reads_differently_in_each_language() {
        each_reads_apart_but(Event::ALL, event_name, &[]);
    }
}
