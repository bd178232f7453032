//! Server functions of the sign-in steps: the password, the second-factor
//! code, setting up a factor, and the new password an admin-set account must
//! choose. Each answers with the next step and redirects to its page.

use crate::accounts::{EnrolmentView, SignInStep};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    accounts::sign_in_steps::Attempt,
    platform::{guard, state::AppState},
};

/// What every step needs of its request.
#[cfg(feature = "ssr")]
struct Request {
    st: AppState,
    session: tower_sessions::Session,
    client: String,
    agent: String,
}

#[cfg(feature = "ssr")]
impl Request {
    async fn new() -> Result<Request, AppError> {
        Ok(Request {
            st: crate::platform::state::app_state()?,
            session: guard::session().await?,
            client: guard::client().await?.limit_text(),
            agent: guard::user_agent(),
        })
    }

    fn attempt(&self) -> Attempt<'_> {
        Attempt {
            db: &self.st.db,
            config: &self.st.config,
            session: &self.session,
            client: &self.client,
            user_agent: &self.agent,
            now: chrono::Utc::now(),
        }
    }
}

/// Goes on to the page of `step`.
#[cfg(feature = "ssr")]
fn go(step: Result<SignInStep, AppError>) -> Result<SignInStep, AppError> {
    if let Ok(s) = &step {
        leptos_axum::redirect(s.path());
    }
    guard::with_status(step)
}

#[server(endpoint = "login")]
pub async fn login(username: String, password: String) -> Result<SignInStep, AppError> {
    let r = Request::new().await?;
    let user = crate::accounts::sign_in::authenticate(
        &r.st.db,
        &r.st.config.limits,
        &username,
        &password,
        &r.client,
        chrono::Utc::now(),
    )
    .await?;
    go(r.attempt().after_password(&user).await)
}

#[server(endpoint = "login/code")]
pub async fn login_code(code: String) -> Result<SignInStep, AppError> {
    let r = Request::new().await?;
    go(r.attempt().give_code(&code).await)
}

/// The key and recovery codes for a sign-in that has no second factor yet.
#[server(endpoint = "login/enrolment")]
pub async fn enrolment() -> Result<EnrolmentView, AppError> {
    let r = Request::new().await?;
    guard::with_status(r.attempt().enrolment().await)
}

#[server(endpoint = "login/confirm")]
pub async fn confirm_enrolment(code: String) -> Result<SignInStep, AppError> {
    let r = Request::new().await?;
    go(r.attempt().confirm_enrolment(&code).await)
}

#[server(endpoint = "login/new_password")]
pub async fn new_password(password: String, repeat: String) -> Result<SignInStep, AppError> {
    let r = Request::new().await?;
    go(r.attempt().new_password(&password, &repeat).await)
}
