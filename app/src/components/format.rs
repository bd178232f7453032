//! How times are written on the pages.

pub fn local_time(t: chrono::DateTime<chrono::Utc>) -> String {
    let kz = chrono::FixedOffset::east_opt(5 * 3600).expect("offset");
    t.with_timezone(&kz).format("%Y-%m-%d %H:%M").to_string()
}
