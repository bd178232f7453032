//! The staff roles' names in each language.

use crate::i18n::*;
use crate::platform::roles::Role;

pub fn role_name(l: Locale, role: Role) -> &'static str {
    match role {
        Role::Officer => td_string!(l, role_officer),
        Role::DepartmentHead => td_string!(l, role_department_head),
        Role::Analyst => td_string!(l, role_analyst),
        Role::Moderator => td_string!(l, role_moderator),
        Role::Admin => td_string!(l, role_admin),
    }
}
