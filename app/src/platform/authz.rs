//! Who may do what: the one place where roles and department scoping from
//! PRODUCT.md are decided. Every server function and handler that acts on
//! behalf of staff asks [`authorize`] before touching data.

use crate::error::AppError;
use crate::platform::roles::{CurrentUser, Role};

/// Everything staff can ask to do, with the department it concerns where
/// that matters for scoping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Open the staff area at all.
    UseStaffArea,
    ManageDepartments,
    ManageUsers,
    /// Edit the calendar of non-working days (admins only).
    ManageCalendar,
    /// Edit routing rules (admins only).
    ManageRouting,
    /// Edit canned answers (admins only).
    ManageCannedAnswers,
    /// Build, publish, close and re-open the surveys of a department, read
    /// their full results (free texts before moderation) and export them
    /// (department `None`: a survey of no department, for admins only).
    ManageSurveys {
        department_id: Option<i64>,
    },
    /// Read a survey's results as staff (moderated free texts only).
    ReadSurveys {
        department_id: Option<i64>,
    },
    /// Open the staff list of surveys (each filtered by `ReadSurveys`).
    ListSurveys,
    /// Edit the official channels and their staleness thresholds (admins only).
    ManageChannels,
    /// See how the portal's email is delivered, failures included (admins only).
    SeeMailDelivery,
    /// Read items of a department (inbox).
    ViewItems {
        department_id: i64,
    },
    /// Answer, note, claim items of a department.
    AnswerItems {
        department_id: i64,
    },
    /// Assign, extend deadlines, see escalations of a department.
    SuperviseItems {
        department_id: i64,
    },
    ReadAnalytics,
    LogMediaMentions,
    /// Read the daily media digest and subscribe to it.
    ReadMediaDigest,
    Moderate,
    /// Create, edit, publish and archive publications of a department, and
    /// import the site's feed (department `None`: any or none in particular).
    ManagePublications {
        department_id: Option<i64>,
    },
}

/// `Ok` when `user` may perform `action`; otherwise `forbidden` (or
/// `unauthenticated` when nobody is signed in).
pub fn authorize(user: Option<&CurrentUser>, action: Action) -> Result<(), AppError> {
    let user = user.ok_or_else(AppError::unauthenticated)?;
    if allowed(user, action) {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

fn allowed(user: &CurrentUser, action: Action) -> bool {
    use Action::*;
    let own = |d: i64| user.department_id == Some(d);
    match (user.role, action) {
        (_, UseStaffArea) => true,
        (Role::Admin, _) => true,
        (
            _,
            ManageDepartments | ManageUsers | ManageCalendar | ManageRouting | ManageCannedAnswers | ManageChannels
            | SeeMailDelivery,
        ) => false,
        (Role::Analyst, ViewItems { .. } | ReadAnalytics | LogMediaMentions) => true,
        (Role::Analyst | Role::DepartmentHead | Role::Officer, ListSurveys) => true,
        (Role::Analyst, ReadSurveys { .. }) => true,
        (
            Role::DepartmentHead | Role::Officer,
            ManageSurveys { department_id: Some(d) } | ReadSurveys { department_id: Some(d) },
        ) => own(d),
        (Role::Analyst | Role::DepartmentHead, ReadMediaDigest) => true,
        (Role::Analyst, _) => false,
        (
            Role::DepartmentHead,
            ViewItems { department_id } | AnswerItems { department_id } | SuperviseItems { department_id },
        ) => own(department_id),
        (Role::Officer, ViewItems { department_id } | AnswerItems { department_id }) => own(department_id),
        (Role::Moderator, Moderate) => true,
        (Role::DepartmentHead | Role::Officer, ManagePublications { department_id: None }) => true,
        (Role::DepartmentHead | Role::Officer, ManagePublications { department_id: Some(d) }) => own(d),
        (Role::Moderator, ViewItems { department_id }) => own(department_id),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, dept: Option<i64>) -> CurrentUser {
        CurrentUser {
            id: 1,
            username: "u".into(),
            display_name: "U".into(),
            role,
            department_id: dept,
        }
    }

    #[test]
    fn nobody_signed_in_is_unauthenticated_not_forbidden() {
        let e = authorize(None, Action::UseStaffArea).unwrap_err();
        assert_eq!(e.code, crate::error::ErrorCode::Unauthenticated);
    }

    #[test]
    fn only_admins_manage_departments_and_users() {
        for role in Role::ALL {
            let u = user(role, Some(1));
            let expect = role == Role::Admin;
            assert_eq!(
                authorize(Some(&u), Action::ManageDepartments).is_ok(),
                expect,
                "{role:?}"
            );
            assert_eq!(authorize(Some(&u), Action::ManageUsers).is_ok(), expect, "{role:?}");
        }
    }

    #[test]
    fn staff_see_only_their_own_department_unless_admin_or_analyst() {
        // "Staff see only their own department's items unless their role is admin or analyst."
        for role in Role::ALL {
            let u = user(role, Some(1));
            let other = authorize(Some(&u), Action::ViewItems { department_id: 2 }).is_ok();
            assert_eq!(other, matches!(role, Role::Admin | Role::Analyst), "{role:?}");
            assert!(
                authorize(Some(&u), Action::ViewItems { department_id: 1 }).is_ok(),
                "{role:?}"
            );
        }
    }

    #[test]
    fn only_heads_and_admins_supervise_and_heads_only_their_own() {
        let head = user(Role::DepartmentHead, Some(1));
        assert!(authorize(Some(&head), Action::SuperviseItems { department_id: 1 }).is_ok());
        assert!(authorize(Some(&head), Action::SuperviseItems { department_id: 2 }).is_err());
        let officer = user(Role::Officer, Some(1));
        assert!(authorize(Some(&officer), Action::SuperviseItems { department_id: 1 }).is_err());
        assert!(authorize(Some(&officer), Action::AnswerItems { department_id: 1 }).is_ok());
    }

    #[test]
    fn officers_and_heads_manage_their_own_departments_publications_only() {
        let officer = user(Role::Officer, Some(1));
        assert!(authorize(Some(&officer), Action::ManagePublications { department_id: Some(1) }).is_ok());
        assert!(authorize(Some(&officer), Action::ManagePublications { department_id: Some(2) }).is_err());
        let analyst = user(Role::Analyst, None);
        assert!(authorize(Some(&analyst), Action::ManagePublications { department_id: None }).is_err());
        let admin = user(Role::Admin, None);
        assert!(authorize(Some(&admin), Action::ManagePublications { department_id: Some(2) }).is_ok());
    }

    #[test]
    fn surveys_belong_to_their_department_and_analysts_only_read_them() {
        let officer = user(Role::Officer, Some(1));
        let head = user(Role::DepartmentHead, Some(1));
        let analyst = user(Role::Analyst, None);
        let admin = user(Role::Admin, None);
        let moderator = user(Role::Moderator, Some(1));
        let manage = |d| Action::ManageSurveys { department_id: d };
        let read = |d| Action::ReadSurveys { department_id: d };
        for u in [&officer, &head] {
            assert!(authorize(Some(u), manage(Some(1))).is_ok());
            assert!(authorize(Some(u), manage(Some(2))).is_err());
            assert!(authorize(Some(u), manage(None)).is_err());
            assert!(authorize(Some(u), read(Some(2))).is_err());
        }
        assert!(authorize(Some(&analyst), read(Some(2))).is_ok());
        assert!(authorize(Some(&analyst), manage(Some(2))).is_err());
        assert!(authorize(Some(&admin), manage(None)).is_ok());
        assert!(authorize(Some(&moderator), Action::ListSurveys).is_err());
        assert!(authorize(Some(&moderator), manage(Some(1))).is_err());
    }

    #[test]
    fn an_officer_without_a_department_sees_no_items() {
        let u = user(Role::Officer, None);
        assert!(authorize(Some(&u), Action::ViewItems { department_id: 1 }).is_err());
    }

    #[test]
    fn analysts_read_analytics_and_log_mentions_but_do_not_answer() {
        let a = user(Role::Analyst, None);
        assert!(authorize(Some(&a), Action::ReadAnalytics).is_ok());
        assert!(authorize(Some(&a), Action::LogMediaMentions).is_ok());
        assert!(authorize(Some(&a), Action::ReadMediaDigest).is_ok());
        let h = user(Role::DepartmentHead, Some(1));
        assert!(authorize(Some(&h), Action::ReadMediaDigest).is_ok());
        assert!(authorize(Some(&h), Action::LogMediaMentions).is_err());
        let o = user(Role::Officer, Some(1));
        assert!(authorize(Some(&o), Action::ReadMediaDigest).is_err());
        assert!(authorize(Some(&a), Action::AnswerItems { department_id: 1 }).is_err());
        assert!(authorize(Some(&a), Action::Moderate).is_err());
    }
}
