//! Server functions behind the routing rules admin page.

use crate::catalogue::{RoutingRule, RoutingRuleInput, Topic};
use crate::error::AppError;
use crate::model::Department;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::ssr::{authz::Action, guard, routing};

#[server(endpoint = "admin/routing")]
pub async fn routing_rules() -> Result<(Vec<RoutingRule>, Vec<Department>, Vec<Topic>), AppError> {
    let (st, _) = guard::require(Action::ManageRouting).await?;
    Ok((
        routing::list_all(&st.db).await?,
        crate::ssr::departments::list(&st.db, true).await?,
        crate::ssr::topics::list(&st.db).await?,
    ))
}

#[server(endpoint = "admin/routing_add")]
pub async fn add_routing_rule(input: RoutingRuleInput) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::ManageRouting).await?;
    routing::add(&st.db, &input).await.map_err(|e| e.with_input(&input))?;
    Ok(())
}

#[server(endpoint = "admin/routing_remove")]
pub async fn remove_routing_rule(id: i64) -> Result<(), AppError> {
    let (st, _) = guard::require(Action::ManageRouting).await?;
    routing::remove(&st.db, id).await
}
