//! Server functions of a staff member's own account page: changing their
//! password, and seeing and ending their sessions.

use crate::accounts::SessionView;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::platform::{guard, sessions, staff_sessions};

/// The signed-in staff member's live sessions, the latest used first.
#[server(endpoint = "account/sessions")]
pub async fn my_sessions() -> Result<Vec<SessionView>, AppError> {
    let (st, me) = guard::require(crate::platform::authz::Action::UseStaffArea).await?;
    let this = sessions::current_hash(&guard::session().await?)
        .await
        .unwrap_or_default();
    let life = st.config.security.session_lifetime();
    let rows = staff_sessions::live_of(&st.db, me.id, life, chrono::Utc::now()).await?;
    Ok(rows
        .into_iter()
        .map(|r| SessionView {
            this_one: r.token_hash == this,
            browser: crate::accounts::browser::browser_of(&r.user_agent),
            id: r.token_hash,
            started_at: r.started_at,
            last_seen_at: r.last_seen_at,
        })
        .collect())
}

/// Ends one of the signed-in staff member's sessions (a browser left signed
/// in elsewhere); ending this one signs out here.
#[server(endpoint = "account/end_session")]
pub async fn end_session(id: String) -> Result<(), AppError> {
    let (st, me) = guard::require(crate::platform::authz::Action::UseStaffArea).await?;
    let now = chrono::Utc::now();
    if !staff_sessions::end_one_of(&st.db, me.id, &id, now).await? {
        return guard::with_status(Err(AppError::not_found()));
    }
    leptos_axum::redirect("/staff/account");
    Ok(())
}

/// Ends every session of the signed-in staff member but this one.
#[server(endpoint = "account/end_other_sessions")]
pub async fn end_other_sessions() -> Result<(), AppError> {
    let (st, me) = guard::require(crate::platform::authz::Action::UseStaffArea).await?;
    let this = sessions::current_hash(&guard::session().await?)
        .await
        .unwrap_or_default();
    let now = chrono::Utc::now();
    let mut tx = st.db.begin().await?;
    staff_sessions::end_others_of(&mut tx, me.id, &this, now).await?;
    crate::platform::audit::record(
        &mut tx,
        now,
        crate::platform::audit::Event::SessionEnded,
        Some(me.id),
        Some(me.id),
        "all others",
    )
    .await?;
    tx.commit().await?;
    leptos_axum::redirect("/staff/account");
    Ok(())
}

/// Changes the signed-in staff member's password (the current one, then the
/// new one twice); their other sessions end.
#[server(endpoint = "account/password")]
pub async fn change_password(current: String, password: String, repeat: String) -> Result<(), AppError> {
    let (st, me) = guard::require(crate::platform::authz::Action::UseStaffArea).await?;
    let this = sessions::current_hash(&guard::session().await?).await;
    let client = guard::client().await?.limit_text();
    let form = crate::accounts::password_change::NewPassword {
        current: Some(&current),
        password: &password,
        repeat: &repeat,
    };
    guard::with_status(
        crate::accounts::password_change::change(
            &st.db,
            &st.config.limits,
            me.id,
            form,
            this.as_deref(),
            &client,
            chrono::Utc::now(),
        )
        .await,
    )?;
    leptos_axum::redirect("/staff/account?changed=1");
    Ok(())
}
