//! Tests of reading news pages without a feed.

use super::*;

const LISTING: &str = r#"<html><body>
  <nav><a href="/">Главная</a> <a href="/news/">Новости</a> <a href="/about">О нас</a></nav>
  <main>
    <h2><a href="/news/2026/12/01/miop">МИОР</a></h2>
    <a href="/news/2026/12/01/grants#comments">Министерство продлило грантовый конкурс для НКО</a>
    <a href="https://other.example.kz/news/1">Чужая новость с длинным заголовком</a>
    <a href="/news/2026/12/01/grants">Министерство продлило грантовый конкурс для НКО</a>
    <a href="/files/report.pdf">Отчёт министерства за год</a>
    <a href="mailto:desk@site.kz">Напишите в редакцию нам</a>
  </main>
</body></html>"#;

#[test]
fn a_listing_names_its_articles_on_the_same_host() {
    let links = article_links(LISTING, "https://site.kz/news/");
    assert_eq!(
        links,
        vec![
            "https://site.kz/news/2026/12/01/miop",
            "https://site.kz/news/2026/12/01/grants",
        ],
        "menus, other hosts, files and mail addresses are not articles; a link is listed once"
    );
}

const ARTICLE: &str = r#"<html><head><title>Гранты | Сайт</title>
  <meta property="og:title" content="Министерство  продлило конкурс">
  <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
    {"@type":"NewsArticle","datePublished":"2026-12-01T09:30:00+05:00"}]}</script>
</head><body>
  <header><p>Подписывайтесь на нас</p></header>
  <article><h1>Министерство продлило конкурс</h1>
    <p>Приём заявок продлён   до конца месяца.</p>
    <aside><p>Читайте также: погода</p></aside>
    <p>Об этом сообщили в министерстве.</p>
  </article>
  <footer><p>© Сайт</p></footer>
</body></html>"#;

#[test]
fn an_article_gives_its_headline_date_and_paragraphs() {
    let item = parse_article(ARTICLE, "https://site.kz/news/2026/12/01/grants").unwrap();
    assert_eq!(item.headline, "Министерство продлило конкурс");
    assert_eq!(
        item.text,
        "Приём заявок продлён до конца месяца.\nОб этом сообщили в министерстве."
    );
    assert_eq!(item.published.unwrap().to_rfc3339(), "2026-12-01T04:30:00+00:00");
}

#[test]
fn a_plain_article_falls_back_to_h1_and_time() {
    let html = r#"<html><head><title>Site</title></head><body><h1>Ответ министерства</h1>
        <time datetime="2026-12-02">2 декабря</time><p>Текст.</p></body></html>"#;
    let item = parse_article(html, "https://site.kz/a").unwrap();
    assert_eq!(item.headline, "Ответ министерства");
    assert_eq!(item.text, "Текст.");
    assert_eq!(item.published.unwrap().to_rfc3339(), "2026-12-02T00:00:00+00:00");
    let undated = parse_article("<html><body><h1>Без даты</h1></body></html>", "https://site.kz/b").unwrap();
    assert_eq!((undated.headline.as_str(), undated.published), ("Без даты", None));
}

#[test]
fn a_page_with_nothing_to_read_is_named() {
    assert!(parse_article("<html><body><div></div></body></html>", "https://site.kz/c").is_err());
    assert!(parse_article("\u{0}\u{1}not html at all", "https://site.kz/d").is_err());
}

#[test]
fn dates_are_read_in_the_forms_pages_use() {
    for (s, want) in [
        ("2026-12-01T09:30:00+05:00", "2026-12-01T04:30:00+00:00"),
        ("Tue, 01 Dec 2026 09:30:00 +0500", "2026-12-01T04:30:00+00:00"),
        ("2026-12-01 09:30:00", "2026-12-01T09:30:00+00:00"),
        ("2026-12-01", "2026-12-01T00:00:00+00:00"),
    ] {
        assert_eq!(parse_date(s).unwrap().to_rfc3339(), want, "{s}");
    }
    assert_eq!(parse_date("вчера"), None);
}
