//! The kinds of event in the security audit log, as stable codes (stored
//! in `audit_log.event`, offered as a filter on the admin's audit page).

crate::closed_list!(
    /// One kind of security event.
    Event {
        LoginSucceeded = "login_succeeded",
        LoginFailed = "login_failed",
        /// A wrong or reused second-factor code after a right password.
        SecondFactorFailed = "second_factor_failed",
        RecoveryCodeUsed = "recovery_code_used",
        FactorEnrolled = "factor_enrolled",
        /// An admin removed a colleague's second factor.
        FactorReset = "factor_reset",
        Logout = "logout",
        /// A staff member ended one of their sessions, or all others.
        SessionEnded = "session_ended",
        UserCreated = "user_created",
        UserUpdated = "user_updated",
        RoleChanged = "role_changed",
        UserDeactivated = "user_deactivated",
        UserActivated = "user_activated",
        PasswordChanged = "password_changed",
        CommentApproved = "comment_approved",
        CommentRejected = "comment_rejected",
        /// A signed-in staff member was refused an action (403).
        AccessRefused = "access_refused",
    }
);
