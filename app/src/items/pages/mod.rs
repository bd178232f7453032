//! The question and press-query forms, the status page, and the admin pages
//! for the calendar and the routing rules.

pub mod admin_calendar;
pub mod admin_routing;
pub mod ask;
