//! The signed-in staff member as the pages see them: a context that the
//! frame provides and every page reads, asked for again on each navigation.

use crate::accounts::server_fns::Logout;
use crate::error::AppError;
use crate::platform::roles::CurrentUser;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Sign-in state shared by the header and the pages.
#[derive(Clone, Copy)]
pub struct Auth {
    pub logout: ServerAction<Logout>,
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
}

/// The signed-in user is asked for again on every navigation, so the header
/// follows a sign-in (which navigates to the staff area) or a sign-out.
pub fn provide_auth() {
    let logout = ServerAction::<Logout>::new();
    let location = use_location();
    let user = Resource::new(
        move || (location.pathname.get(), logout.version().get()),
        |_| crate::accounts::server_fns::get_current_user(),
    );
    provide_context(Auth { logout, user });
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
