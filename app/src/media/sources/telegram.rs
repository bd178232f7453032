//! A public Telegram channel's web preview (`https://t.me/s/<channel>`) as
//! found items: one per message with text, linked to the message
//! (`https://t.me/<channel>/<n>`), dated by its `<time datetime>`, headed by
//! its first line. Messages with no text (a photo alone) are skipped.

use super::feeds::{Found, FoundItem, MAX_HEADLINE_CHARS, MAX_TEXT_CHARS};
use scraper::{ElementRef, Html, Selector};

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("a valid selector")
}

/// Text of an element with `<br>` as line breaks, spaces tidied per line.
fn lines(e: ElementRef) -> Vec<String> {
    let mut out = vec![String::new()];
    for node in e.descendants() {
        if let Some(t) = node.value().as_text() {
            out.last_mut().expect("a line").push_str(t);
        } else if node.value().as_element().is_some_and(|el| el.name() == "br") {
            out.push(String::new());
        }
    }
    out.iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// Reads a preview page; `Err` when it holds no channel messages at all.
pub fn parse_preview(bytes: &[u8]) -> Result<Found, String> {
    let html = Html::parse_document(&String::from_utf8_lossy(bytes));
    let messages = selector(".tgme_widget_message[data-post]");
    let text = selector(".tgme_widget_message_text");
    let time = selector(".tgme_widget_message_date time[datetime]");
    let mut found = Found::default();
    let mut seen = 0;
    for m in html.select(&messages) {
        seen += 1;
        let post = m.attr("data-post").unwrap_or_default();
        let Some(body) = m.select(&text).next() else {
            continue;
        };
        let lines = lines(body);
        let Some(first) = lines.first() else {
            continue;
        };
        let published = m
            .select(&time)
            .next()
            .and_then(|t| t.attr("datetime"))
            .and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok())
            .map(|d| d.to_utc());
        found.items.push(FoundItem {
            url: format!("https://t.me/{post}"),
            headline: first.chars().take(MAX_HEADLINE_CHARS).collect(),
            text: lines.join("\n").chars().take(MAX_TEXT_CHARS).collect(),
            published,
        });
    }
    if seen == 0 {
        return Err("not a Telegram channel preview (no messages found)".into());
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PREVIEW: &str = r#"<!DOCTYPE html><html><body><section class="tgme_channel_history">
      <div class="tgme_widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="press_kz/101">
        <div class="tgme_widget_message_text js-message_text" dir="auto"><b>Министерство ответило</b><br/>Подробности &amp; цифры<br/></div>
        <div class="tgme_widget_message_footer"><a class="tgme_widget_message_date" href="https://t.me/press_kz/101"><time datetime="2026-12-01T04:30:00+00:00" class="time">09:30</time></a></div>
      </div></div>
      <div class="tgme_widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="press_kz/102">
        <a class="tgme_widget_message_photo_wrap" href="https://t.me/press_kz/102"></a>
      </div></div>
    </section></body></html>"#;

    #[test]
    fn each_message_with_text_is_an_item_linked_to_the_message() {
        let found = parse_preview(PREVIEW.as_bytes()).unwrap();
        assert_eq!(found.items.len(), 1, "the photo alone is skipped");
        let item = &found.items[0];
        assert_eq!(item.url, "https://t.me/press_kz/101");
        assert_eq!(item.headline, "Министерство ответило");
        assert_eq!(item.text, "Министерство ответило\nПодробности & цифры");
        assert_eq!(item.published.unwrap().to_rfc3339(), "2026-12-01T04:30:00+00:00");
    }

    #[test]
    fn a_page_without_messages_is_named() {
        assert!(parse_preview(b"<html><body>Channel not found</body></html>").is_err());
    }
}
