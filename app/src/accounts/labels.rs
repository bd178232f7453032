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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::messages::check::each_reads_apart_but;

    #[test]
    fn every_role_reads_differently_in_each_language() {
        each_reads_apart_but(&Role::ALL, role_name, &[Role::Moderator]);
    }
}
