//! The document shell and the router: which page answers which path.

pub mod home;
pub mod layout;
pub mod not_found;

use crate::i18n::*;
use crate::shell::layout::Layout;
use crate::{
    accounts::pages::{account, admin_users, audit_log, login, sign_in_steps, staff_home},
    answers::pages::archive,
    channels::pages::admin_channels,
    departments::pages::admin_departments,
    inbox::pages::{admin_canned, inbox, item, publish},
    indicators::pages::{analytics, indicators},
    items::pages::{admin_calendar, admin_routing, ask},
    mail::pages::delivery,
    media::pages::{digest, register, sources, story},
    publications::pages::{catalogue, moderation, staff},
    shell::not_found::NotFound,
    surveys::pages::{builder, public},
};
use leptos::prelude::*;
use leptos_i18n::context::CookieOptions;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // Scripts, styles and wasm under an address carrying their content hash,
    // kept by browsers for a year (see `platform::assets`).
    #[cfg(feature = "ssr")]
    let root = crate::platform::assets::root(&format!("{}/{}", options.site_root, options.site_pkg_dir));
    #[cfg(not(feature = "ssr"))]
    let root = String::new();
    let stylesheet = format!("{root}/{}/{}.css", options.site_pkg_dir, options.output_name);
    #[cfg(feature = "ssr")]
    {
        // The CSP middleware chose this request's nonce; the hydration
        // script carries it.
        let nonce = use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<crate::platform::security::CspNonce>().cloned());
        if let Some(n) = nonce {
            provide_context(leptos::nonce::Nonce::from_value(n.0));
        }
    }
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <link rel="stylesheet" id="leptos" href=stylesheet />
                <HydrationScripts options root=root islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The language cookie: the same attributes the no-JavaScript switch sets,
/// and read-only here. Only `/lang/{code}` writes it: a page still hydrating
/// when the visitor switched language would otherwise write its own (old)
/// language back over the choice.
fn cookie_options() -> CookieOptions<Locale> {
    CookieOptions::<Locale>::default()
        .path("/")
        .max_age(365 * 24 * 3600 * 1000_i64)
        .same_site(leptos_use::SameSite::Lax)
        .readonly(true)
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider cookie_options=cookie_options()>
            <Inner />
        </I18nContextProvider>
    }
}

/// Every page renders whole on the server (`SsrMode::Async`): with
/// JavaScript off, streamed-in fragments would never appear.
#[component]
fn Inner() -> impl IntoView {
    view! {
        <Title formatter=move |t: String| if t.is_empty() { "Ashyq".to_string() } else { format!("{t} · Ashyq") } />
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=login::LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/login/code") view=sign_in_steps::CodePage ssr=SsrMode::Async />
                    <Route path=path!("/login/enrol") view=sign_in_steps::EnrolPage ssr=SsrMode::Async />
                    <Route path=path!("/login/new-password") view=sign_in_steps::NewPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/account") view=account::AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=audit_log::AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/publications") view=catalogue::CataloguePage ssr=SsrMode::Async />
                    <Route path=path!("/ask") view=ask::AskPage ssr=SsrMode::Async />
                    <Route path=path!("/press") view=ask::PressPage ssr=SsrMode::Async />
                    <Route path=path!("/track/:code") view=ask::TrackPage ssr=SsrMode::Async />
                    <Route path=path!("/publications/:id") view=catalogue::PublicationPage ssr=SsrMode::Async />
                    <Route path=path!("/indicators") view=indicators::IndicatorsPage ssr=SsrMode::Async />
                    <Route path=path!("/surveys") view=public::SurveysPage ssr=SsrMode::Async />
                    <Route path=path!("/surveys/:id") view=public::SurveyPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/surveys") view=builder::StaffSurveysPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/surveys/:id") view=builder::StaffSurveyPage ssr=SsrMode::Async />
                    <Route path=path!("/answers") view=archive::ArchivePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/analytics") view=analytics::AnalyticsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/media") view=register::MediaPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/media/sources") view=sources::SourcesPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/media/stories/:id") view=story::StoryPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/media/mentions/:id") view=register::MentionPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/media/import/:id") view=digest::ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/media/digest") view=digest::DigestPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/inbox") view=inbox::InboxPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/items/:code") view=item::ItemPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/items/:code/publish") view=publish::PublishPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/channels") view=admin_channels::ChannelsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/mail") view=delivery::MailPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/canned") view=admin_canned::CannedPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/moderation") view=moderation::ModerationPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/publications") view=staff::StaffPublicationsPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/staff/publications/new")
                        view=staff::StaffPublicationEditPage
                        ssr=SsrMode::Async
                    />
                    // A publication's staff page, with how the press carried it.
                    <Route
                        path=path!("/staff/publications/:id")
                        view=|| {
                            view! {
                                <staff::StaffPublicationEditPage />
                                <crate::media::views::pickup::PickupSection />
                            }
                        }
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/staff") view=staff_home::StaffHome ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin/departments")
                        view=admin_departments::DepartmentsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/departments/new")
                        view=admin_departments::DepartmentEditPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/departments/:id")
                        view=admin_departments::DepartmentEditPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin/users") view=admin_users::UsersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/calendar") view=admin_calendar::CalendarPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/routing") view=admin_routing::RoutingPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/users/new") view=admin_users::UserEditPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/users/:id") view=admin_users::UserEditPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
