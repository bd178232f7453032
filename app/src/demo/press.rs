//! The demo's own press: sample feeds in Kazakh and Russian, a
//! Telegram-like channel preview and a news site without a feed, served by the portal itself in demo mode
//! (`/demo/press/…`) and registered as sources, so a newcomer sees the
//! press monitor read them, group reprints into stories and suggest a tone
//! with no network. A negative story is reprinted by two outlets and a
//! channel; a Kazakh story praising the ministry is reprinted once; the
//! site without a feed reprints news of the ministry's; each source
//! also carries news no saved query finds.

use crate::error::AppError;
use crate::media::sources::{store, SourceKind, ValidSource};
use crate::media::MediaType;
use crate::on_read;
use crate::platform::db::Db;
use chrono::{DateTime, Duration, Utc};

/// (feed, headline, text, hours before now, link slug)
type Entry = (&'static str, &'static str, &'static str, i64, &'static str);

const DELAYS: &str = "Министерство информации и общественного развития раскритиковали журналисты: ответы на \
    запросы редакций задерживаются на недели, хотя закон даёт ведомству семь календарных дней. Редакции \
    насчитали двенадцать таких случаев за осень и направили в ведомство открытое письмо.";

const GRANTS: &str = "Ақпарат және қоғамдық даму министрлігі жастар ұйымдарына қолдау көрсетіп, биыл үш жүзден \
    астам жобаға мемлекеттік грант бөлді. Өтінімдер электрондық үкімет порталы арқылы қабылданды, нәтижелері \
    министрліктің сайтында жарияланды.";

const PRIYOM: &str = "Министерство информации и общественного развития опубликовало график личного приёма граждан \
    руководством на декабрь.";

const ENTRIES: [Entry; 12] = [
    (
        "tengri",
        "Журналисты пожаловались на задержку ответов министерства",
        DELAYS,
        30,
        "delays",
    ),
    (
        "tengri",
        "В Астане ожидается снег и гололёд",
        "Синоптики предупреждают о снеге, гололёде и сильном ветре в выходные.",
        28,
        "weather",
    ),
    (
        "zakon",
        "МИОР задерживает ответы на запросы СМИ",
        DELAYS,
        26,
        "miop-delays",
    ),
    (
        "zakon",
        "Футбольный клуб «Астана» сыграет в Лиге конференций",
        "Клуб провёл сбор и готовится к матчу в Алматы.",
        22,
        "football",
    ),
    (
        "kazinform",
        "Жастар ұйымдарына мемлекеттік гранттар бөлінді",
        GRANTS,
        20,
        "granttar",
    ),
    (
        "kazinform",
        "МИОР опубликовал график приёма граждан на декабрь",
        PRIYOM,
        18,
        "priyom",
    ),
    ("egemen", "Министрлік жастар жобаларын қолдады", GRANTS, 12, "zhastar"),
    (
        "egemen",
        "Министрлік шешімі сынға ұшырады",
        "Ақпарат және қоғамдық даму министрлігінің БАҚ туралы түзетулері журналистер тарапынан қатты сынға ұшырады.",
        8,
        "synga",
    ),
    (
        "egemen",
        "Ауа райы: аяз күшейеді",
        "Синоптиктер елордада аяз күшейетінін хабарлады.",
        6,
        "aua-raiy",
    ),
    ("telegram", "Коллеги пишут о задержках", DELAYS, 24, "41"),
    (
        "vlast",
        "МИОР опубликовал график приёма граждан на декабрь",
        PRIYOM,
        16,
        "priyom-dekabr",
    ),
    (
        "vlast",
        "В Алматы открылась выставка молодых художников",
        "Выставка в центре города продлится до конца января.",
        10,
        "vystavka",
    ),
];

/// The demo's sources: (name, kind, path under `/demo/press/`, outlet, language).
const SOURCES: [(&str, SourceKind, &str, &str, &str); 6] = [
    ("Tengrinews RSS", SourceKind::Rss, "tengri.xml", "Tengrinews", "ru"),
    ("Zakon.kz RSS", SourceKind::Rss, "zakon.xml", "Zakon.kz", "ru"),
    ("Kazinform RSS", SourceKind::Rss, "kazinform.xml", "Kazinform", ""),
    (
        "Egemen Qazaqstan Atom",
        SourceKind::Atom,
        "egemen.xml",
        "Egemen Qazaqstan",
        "kk",
    ),
    (
        "Telegram: ministry watch",
        SourceKind::Telegram,
        "s/ministry_watch",
        "Telegram: ministry watch",
        "ru",
    ),
    ("Vlast.kz news page", SourceKind::Page, "vlast/", "Vlast.kz", "ru"),
];

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn entries(feed: &str) -> impl Iterator<Item = &'static Entry> + '_ {
    ENTRIES.iter().filter(move |e| e.0 == feed)
}

/// A demo document by its path under `/demo/press/`, with its content type;
/// items are dated hours before `now`. `e/<edition>/<file>` is the same
/// document with links of its own (a second outlet reprinting the first
/// word for word), for trying a new source out.
pub fn document(path: &str, base_url: &str, now: DateTime<Utc>) -> Option<(&'static str, String)> {
    let (edition, path) = match path.strip_prefix("e/").and_then(|p| p.split_once('/')) {
        Some((e, rest)) if !e.is_empty() && e.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') => (e, rest),
        Some(_) => return None,
        None => ("", path),
    };
    let at = |hours: i64| now - Duration::hours(hours);
    let link = |feed: &str, slug: &str| match edition {
        "" => format!("https://{feed}.demo.ashyq.kz/news/{slug}"),
        e => format!("https://{e}.{feed}.demo.ashyq.kz/news/{slug}"),
    };
    match path {
        "tengri.xml" | "zakon.xml" | "kazinform.xml" => {
            let feed = path.trim_end_matches(".xml");
            let items: String = entries(feed)
                .map(|(_, title, text, hours, slug)| {
                    format!(
                        "<item><title>{}</title><link>{}</link><description>{}</description><pubDate>{}</pubDate></item>",
                        escape(title),
                        link(feed, slug),
                        escape(text),
                        at(*hours).to_rfc2822()
                    )
                })
                .collect();
            let doc = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>{feed}</title>\
                 <link>{base_url}/demo/press/{path}</link><description>Ashyq demo feed</description>{items}</channel></rss>"
            );
            Some(("application/rss+xml; charset=utf-8", doc))
        }
        "egemen.xml" => {
            let items: String = entries("egemen")
                .map(|(_, title, text, hours, slug)| {
                    let url = link("egemen", slug);
                    format!(
                        "<entry><title>{}</title><link href=\"{url}\"/><id>{url}</id><updated>{}</updated><summary>{}</summary></entry>",
                        escape(title),
                        at(*hours).to_rfc3339(),
                        escape(text)
                    )
                })
                .collect();
            let doc = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Egemen</title>\
                 <id>{base_url}/demo/press/egemen.xml</id><updated>{}</updated>{items}</feed>",
                now.to_rfc3339()
            );
            Some(("application/atom+xml; charset=utf-8", doc))
        }
        "s/ministry_watch" => {
            let messages: String = entries("telegram")
                .map(|(_, title, text, hours, n)| {
                    format!(
                        "<div class=\"tgme_widget_message\" data-post=\"ministry_watch/{n}\">\
                         <div class=\"tgme_widget_message_text\">{}<br/>{}</div>\
                         <a class=\"tgme_widget_message_date\" href=\"https://t.me/ministry_watch/{n}\">\
                         <time datetime=\"{}\">{}</time></a></div>",
                        escape(title),
                        escape(text),
                        at(*hours).to_rfc3339(),
                        at(*hours).format("%H:%M")
                    )
                })
                .collect();
            let doc = format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>ministry watch</title></head><body>\
                 <section class=\"tgme_channel_history\">{messages}</section></body></html>"
            );
            Some(("text/html; charset=utf-8", doc))
        }
        "vlast/" => {
            let links: String = entries("vlast")
                .map(|(_, title, _, _, slug)| format!("<li><a href=\"news/{slug}\">{}</a></li>", escape(title)))
                .collect();
            let doc = format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Vlast</title></head><body>\
                 <nav><a href=\"/\">Главная</a></nav><main><h1>Новости</h1><ul>{links}</ul></main></body></html>"
            );
            Some(("text/html; charset=utf-8", doc))
        }
        p => {
            let slug = p.strip_prefix("vlast/news/")?;
            let (_, title, text, hours, _) = entries("vlast").find(|e| e.4 == slug)?;
            let doc = format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{0} | Vlast</title>\
                 <meta property=\"og:title\" content=\"{0}\">\
                 <meta property=\"article:published_time\" content=\"{1}\"></head><body>\
                 <header><p>Vlast.kz</p></header><article><h1>{0}</h1><p>{2}</p></article></body></html>",
                escape(title),
                at(*hours).to_rfc3339(),
                escape(text)
            );
            Some(("text/html; charset=utf-8", doc))
        }
    }
}

/// Registers the demo's sources once (when there are none), due at once.
pub async fn seed_sources(db: &Db, base_url: &str, now: DateTime<Utc>) -> Result<Option<usize>, AppError> {
    let n: i64 = on_read!(db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM media_sources")
        .fetch_one(c)
        .await)?;
    if n > 0 {
        return Ok(None);
    }
    let outlets = crate::media::outlets(db).await?;
    let mut added = 0;
    for (name, kind, path, outlet, language) in SOURCES {
        let Some(o) = outlets.iter().find(|o| o.name == outlet) else {
            continue;
        };
        let v = ValidSource {
            name: name.into(),
            kind,
            url: format!("{}/demo/press/{path}", base_url.trim_end_matches('/')),
            outlet_id: o.id,
            media_type: MediaType::parse(&o.media_type).unwrap_or(MediaType::Online),
            language: language.into(),
            every_minutes: 60,
        };
        store::create(db, &v, now).await?;
        added += 1;
    }
    Ok(Some(added))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::sources::{feeds::parse_feed, news_site, telegram::parse_preview};

    #[test]
    fn every_demo_document_reads_as_its_kind() {
        let now = Utc::now();
        for (_, kind, path, _, _) in SOURCES {
            let (_, doc) = document(path, "http://127.0.0.1:3000", now).expect(path);
            let found = match kind {
                SourceKind::Telegram => parse_preview(doc.as_bytes()),
                SourceKind::Page => {
                    let listing = format!("http://127.0.0.1:3000/demo/press/{path}");
                    let items = news_site::article_links(&doc, &listing)
                        .iter()
                        .map(|url| {
                            let (_, article) =
                                document(&url["http://127.0.0.1:3000/demo/press/".len()..], "", now).expect(url);
                            news_site::parse_article(&article, url)
                        })
                        .collect::<Result<Vec<_>, _>>();
                    items.map(|items| crate::media::sources::feeds::Found {
                        items,
                        ..Default::default()
                    })
                }
                _ => parse_feed(doc.as_bytes()),
            }
            .unwrap_or_else(|e| panic!("{path}: {e}"));
            assert!(!found.items.is_empty(), "{path}");
            assert!(
                found.items.iter().all(|i| i.published.is_some()),
                "{path}: every item dated"
            );
        }
        assert!(document("../secret", "", now).is_none());
        let (_, copy) = document("e/test-1/zakon.xml", "", now).unwrap();
        assert!(copy.contains("https://test-1.zakon.demo.ashyq.kz/news/miop-delays"));
        assert!(document("e/../zakon.xml", "", now).is_none());
    }
}
