//! The steps of a staff sign-in after a right password: the second factor
//! (its code, or its enrolment when there is none and `security.require_mfa`
//! is on), then a new password when an admin set the current one. Until the
//! last step the session holds only a pending sign-in, which opens no staff
//! page; each step here checks that the one before it was done.

use crate::accounts::sign_in::{clear_tries, count_try};
use crate::accounts::{password_change, second_factor, EnrolmentView, SignInStep};
use crate::error::{AppError, ErrorCode, FieldCode};
use crate::platform::audit::{self, Event};
use crate::platform::config::Config;
use crate::platform::db::Db;
use crate::platform::roles::CurrentUser;
use crate::platform::sessions::{self, Pending};
use chrono::{DateTime, Utc};
use tower_sessions::Session;

/// Who is signing in, from where.
pub struct Attempt<'a> {
    pub db: &'a Db,
    pub config: &'a Config,
    pub session: &'a Session,
    /// The client's limit key (see `platform::client`).
    pub client: &'a str,
    pub user_agent: &'a str,
    pub now: DateTime<Utc>,
}

/// The sign-in under way timed out or was dropped: start again.
fn start_again() -> AppError {
    AppError::new(ErrorCode::Unauthenticated)
}

impl Attempt<'_> {
    async fn pending(&self) -> Result<(Pending, CurrentUser), AppError> {
        let p = sessions::pending(self.session, self.now)
            .await?
            .ok_or_else(start_again)?;
        let user = sessions::user_by_id(self.db, p.user_id)
            .await?
            .ok_or_else(start_again)?;
        Ok((p, user))
    }

    async fn factor_satisfied(&self, p: &Pending) -> Result<bool, AppError> {
        Ok(p.factor_done
            || (!self.config.security.require_mfa && !second_factor::is_enrolled(self.db, p.user_id).await?))
    }

    /// A right password for `user`: the sign-in begins, and what it asks next.
    pub async fn after_password(&self, user: &CurrentUser) -> Result<SignInStep, AppError> {
        sessions::begin_pending(self.db, self.session, user.id, self.now).await?;
        self.advance().await
    }

    /// The next step of the sign-in under way; when none is left, the
    /// session is signed in.
    pub async fn advance(&self) -> Result<SignInStep, AppError> {
        let (p, user) = self.pending().await?;
        if !self.factor_satisfied(&p).await? {
            return Ok(if second_factor::is_enrolled(self.db, p.user_id).await? {
                SignInStep::Code
            } else {
                SignInStep::Enrol
            });
        }
        if password_change::must_change(self.db, p.user_id).await? {
            return Ok(SignInStep::NewPassword);
        }
        sessions::sign_in(self.db, self.session, user.id, self.user_agent, self.now).await?;
        let mut tx = self.db.begin().await?;
        audit::record(
            &mut tx,
            self.now,
            Event::LoginSucceeded,
            Some(user.id),
            Some(user.id),
            "",
        )
        .await?;
        tx.commit().await?;
        Ok(SignInStep::Done)
    }

    /// A wrong code: recorded, counted, and after too many the password is
    /// asked again.
    async fn wrong(&self, p: Pending, user: &CurrentUser) -> Result<SignInStep, AppError> {
        let mut tx = self.db.begin().await?;
        audit::record(&mut tx, self.now, Event::SecondFactorFailed, None, Some(user.id), "").await?;
        tx.commit().await?;
        if sessions::note_wrong_code(self.session, p).await? {
            Err(second_factor::wrong_code())
        } else {
            Err(start_again())
        }
    }

    /// The code of the authenticator app, or a recovery code.
    pub async fn give_code(&self, code: &str) -> Result<SignInStep, AppError> {
        let (p, user) = self.pending().await?;
        if p.factor_done {
            return self.advance().await;
        }
        if code.trim().is_empty() {
            return Err(AppError::field("code", FieldCode::Required));
        }
        if !count_try(self.db, &self.config.limits, &user.username, self.client, self.now).await? {
            return Err(second_factor::wrong_code());
        }
        let sealer = self.config.security.sealer()?;
        match second_factor::verify(self.db, &sealer, user.id, &user.username, code, self.now).await {
            Ok(_) => {
                clear_tries(self.db, &user.username, self.client).await?;
                sessions::mark_factor_done(self.session, p).await?;
                self.advance().await
            }
            Err(e) if e.fields.iter().any(|f| f.code == FieldCode::WrongCode) => self.wrong(p, &user).await,
            Err(e) => Err(e),
        }
    }

    /// The key and recovery codes to set up, for a sign-in with no factor.
    pub async fn enrolment(&self) -> Result<EnrolmentView, AppError> {
        let (p, user) = self.pending().await?;
        if p.factor_done || second_factor::is_enrolled(self.db, user.id).await? {
            return Err(AppError::conflict("code", FieldCode::AlreadyExists));
        }
        let sealer = self.config.security.sealer()?;
        let e = second_factor::enrolment(self.db, &sealer, user.id, &user.username, self.now).await?;
        Ok(EnrolmentView {
            qr_svg: e.qr_svg,
            key_text: e.key_text,
            recovery_codes: e.recovery_codes,
        })
    }

    /// The first code from the newly set-up app: the factor is on.
    pub async fn confirm_enrolment(&self, code: &str) -> Result<SignInStep, AppError> {
        let (p, user) = self.pending().await?;
        if code.trim().is_empty() {
            return Err(AppError::field("code", FieldCode::Required));
        }
        if !count_try(self.db, &self.config.limits, &user.username, self.client, self.now).await? {
            return Err(second_factor::wrong_code());
        }
        let sealer = self.config.security.sealer()?;
        match second_factor::confirm(self.db, &sealer, user.id, &user.username, code, self.now).await {
            Ok(()) => {
                clear_tries(self.db, &user.username, self.client).await?;
                sessions::mark_factor_done(self.session, p).await?;
                self.advance().await
            }
            Err(e) if e.fields.iter().any(|f| f.code == FieldCode::WrongCode) => self.wrong(p, &user).await,
            Err(e) => Err(e),
        }
    }

    /// The new password an account with an admin-set one must choose.
    pub async fn new_password(&self, password: &str, repeat: &str) -> Result<SignInStep, AppError> {
        let (p, user) = self.pending().await?;
        if !self.factor_satisfied(&p).await? || !password_change::must_change(self.db, user.id).await? {
            return self.advance().await;
        }
        let form = password_change::NewPassword {
            current: None,
            password,
            repeat,
        };
        password_change::change(self.db, &self.config.limits, user.id, form, None, self.client, self.now).await?;
        self.advance().await
    }
}
