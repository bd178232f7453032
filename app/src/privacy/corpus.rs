//! The redaction corpus: texts as citizens and journalists write them, in
//! kk, ru and en, each with the personal data that must go and the words
//! that must stay (ordinary words, dates, amounts, codes and the body's own
//! names). The test measures recall (personal data removed), precision (the
//! share of redactions that were personal data) and the share of words kept,
//! prints them, and fails below the figures the README reports.
//! `cargo test -p app --features ssr corpus -- --nocapture` prints them.

use super::redaction::{find, Clues};

struct Case {
    text: &'static str,
    name: &'static str,
    email: &'static str,
    gone: &'static [&'static str],
    kept: &'static [&'static str],
}

const fn c(
    text: &'static str,
    name: &'static str,
    gone: &'static [&'static str],
    kept: &'static [&'static str],
) -> Case {
    Case {
        text,
        name,
        email: "",
        gone,
        kept,
    }
}

const CORPUS: &[Case] = &[
    // The submitter's own name, declined and transliterated.
    c(
        "Меня зовут Айгүл Серікова, прошу ответить.",
        "Айгүл Серікова",
        &["Айгүл", "Серікова"],
        &["прошу ответить"],
    ),
    c(
        "Айгүлге хат жіберіңіз, рахмет.",
        "Айгүл Серікова",
        &["Айгүлге"],
        &["хат жіберіңіз"],
    ),
    c(
        "Ответ направьте Сериковой А.",
        "Айгүл Серікова",
        &["Сериковой", "А."],
        &["Ответ направьте"],
    ),
    c(
        "Письмо для Aigul Serikova, пожалуйста.",
        "Айгүл Серікова",
        &["Aigul", "Serikova"],
        &["Письмо для"],
    ),
    c(
        "Aygul Serikova here, asking about grants.",
        "Айгүл Серікова",
        &["Aygul", "Serikova"],
        &["asking about grants"],
    ),
    c(
        "Серікованың өтініші бойынша",
        "Айгүл Серікова",
        &["Серікованың"],
        &["өтініші бойынша"],
    ),
    c(
        "С уважением, Дмитрий Жуковский",
        "Дмитрий Жуковский",
        &["Дмитрий", "Жуковский"],
        &["С уважением"],
    ),
    c(
        "Передайте Дмитрию ответ до пятницы.",
        "Дмитрий Жуковский",
        &["Дмитрию"],
        &["ответ до пятницы"],
    ),
    c(
        "Я, Жанар Әбенова, прошу разъяснить порядок.",
        "Жанар Әбенова",
        &["Жанар", "Әбенова"],
        &["прошу разъяснить порядок"],
    ),
    c(
        "Zhanar Abenova asks for the report.",
        "Жанар Әбенова",
        &["Zhanar", "Abenova"],
        &["asks for the report"],
    ),
    c("Ерланға хабарласыңыз", "Ерлан Қасымов", &["Ерланға"], &["хабарласыңыз"]),
    c(
        "Yerlan Kassymov, journalist",
        "Ерлан Қасымов",
        &["Yerlan"],
        &["journalist"],
    ),
    c(
        "Ольге Петровой не ответили",
        "Ольга Петрова",
        &["Ольге", "Петровой"],
        &["не ответили"],
    ),
    c(
        "Моё имя Павел. Павла никто не слушает.",
        "Павел Смирнов",
        &["Павел", "Павла"],
        &["никто не слушает"],
    ),
    c(
        "My name is Asel, I study in Almaty.",
        "",
        &["Asel"],
        &["I study in Almaty"],
    ),
    c(
        "Уважаемая {name}! Приём заявок с 1 марта.",
        "",
        &["{name}"],
        &["Уважаемая", "Приём заявок с 1 марта"],
    ),
    // Other people named in the text.
    c(
        "Мой сосед Марат Ахметов жалуется на шум.",
        "Айгүл Серікова",
        &["Марат", "Ахметов"],
        &["жалуется на шум"],
    ),
    c(
        "Директор школы Гүлнар Сейітқызы отказала.",
        "",
        &["Гүлнар", "Сейітқызы"],
        &["Директор школы", "отказала"],
    ),
    c(
        "Письмо подписал А.С. Жуковский.",
        "",
        &["А.", "С.", "Жуковский"],
        &["Письмо подписал"],
    ),
    c(
        "Ответственный — Нурланов Е.К.",
        "",
        &["Нурланов", "Е."],
        &["Ответственный"],
    ),
    c(
        "My neighbour John Smith filed the same question.",
        "",
        &["John", "Smith"],
        &["My neighbour", "filed the same question"],
    ),
    c("Dear Mr Brown, thank you.", "", &["Brown"], &["thank you"]),
    c(
        "Біздің мұғалім Бақытжан Серікұлы көмектесті.",
        "",
        &["Бақытжан", "Серікұлы"],
        &["Біздің мұғалім", "көмектесті"],
    ),
    c(
        "Я говорил с Еленой Ивановой из акимата.",
        "",
        &["Еленой", "Ивановой"],
        &["из акимата"],
    ),
    c("Менің атым Асқар, сұрағым бар.", "", &["Асқар"], &["сұрағым бар"]),
    c(
        "Журналист Светлана Ким задала вопрос.",
        "",
        &["Светлана", "Ким"],
        &["Журналист", "задала вопрос"],
    ),
    // Phone numbers.
    c("Звоните +7 (701) 123-45-67.", "", &["701", "123-45-67"], &["Звоните"]),
    c("Тел.: 8 701 123 45 67", "", &["8 701 123 45 67"], &["Тел."]),
    c("Телефон: 8–701–123–45–67", "", &["8–701–123–45–67"], &["Телефон"]),
    c(
        "номер 8/701/1234567 после 18:00",
        "",
        &["8/701/1234567"],
        &["после 18:00"],
    ),
    c(
        "call 8\u{00A0}701\u{2009}123\u{2009}45\u{2009}67 please",
        "",
        &["701\u{2009}123"],
        &["call", "please"],
    ),
    c(
        "телефоным ８７０１１２３４５６７",
        "",
        &["８７０１１２３４５６７"],
        &["телефоным"],
    ),
    c(
        "whatsapp 8701\u{200B}123\u{200B}4567",
        "",
        &["8701\u{200B}123\u{200B}4567"],
        &["whatsapp"],
    ),
    c(
        "домашний 123-45-67, рабочий (7172) 74-00-00",
        "",
        &["123-45-67", "74-00-00"],
        &["домашний", "рабочий"],
    ),
    // IIN and other numbers.
    c("Мой ИИН 900101300123.", "", &["900101300123"], &["Мой ИИН"]),
    c("ЖСН: 900101–300123", "", &["900101–300123"], &["ЖСН"]),
    c("IIN 9001 0130 0123, thanks", "", &["9001 0130 0123"], &["thanks"]),
    c(
        "ИИН ９００１０１３００１２３",
        "",
        &["９００１０１３００１２３"],
        &["ИИН"],
    ),
    c(
        "карта 4400 4301 2345 6789 заблокирована",
        "",
        &["4400 4301 2345 6789"],
        &["заблокирована"],
    ),
    // Email addresses, plain and written out.
    c("Пишите на aigul.s@mail.kz", "", &["aigul.s@mail.kz"], &["Пишите на"]),
    c("email: aigul.s (at) mail.kz", "", &["aigul.s (at) mail.kz"], &["email"]),
    c(
        "почта aigul.s [at] mail [dot] kz",
        "",
        &["aigul.s [at] mail [dot] kz"],
        &["почта"],
    ),
    c(
        "reach me at aigul.s at mail dot kz",
        "",
        &["aigul.s at mail dot kz"],
        &["reach me"],
    ),
    c(
        "адрес aigul.s собака mail.kz",
        "",
        &["aigul.s собака mail.kz"],
        &["адрес"],
    ),
    c("пошта aigul.s＠mail.kz", "", &["aigul.s＠mail.kz"], &["пошта"]),
    c(
        "почта aigul@mail.kz. Пришлите статистику.",
        "",
        &["aigul@mail.kz"],
        &["Пришлите статистику"],
    ),
    c("телеграм @aigul_serikova", "", &["@aigul_serikova"], &["телеграм"]),
    // Street addresses.
    c(
        "Живу по адресу ул. Абая, д. 10, кв. 5.",
        "",
        &["Абая", "10", "кв. 5"],
        &["Живу по адресу"],
    ),
    c("г. Алматы, пр. Республики 5/2", "", &["Республики 5/2"], &["Алматы"]),
    c(
        "Мекенжайым: Абай көшесі, 10-үй, 5-пәтер.",
        "",
        &["Абай көшесі", "5-пәтер"],
        &["Мекенжайым"],
    ),
    c(
        "I live at 15 Abay Avenue, apt 3.",
        "",
        &["15 Abay Avenue", "apt 3"],
        &["I live"],
    ),
    c(
        "мкр. Самал-2, д. 15, кв. 7, Алматы",
        "",
        &["Самал-2", "кв. 7"],
        &["Алматы"],
    ),
    // Several at once.
    c(
        "Я Нұрлан Әлиев, ИИН 850505350789, тел. +77011234567, nurlan.aliev@gmail.com",
        "Нұрлан Әлиев",
        &[
            "Нұрлан",
            "Әлиев",
            "850505350789",
            "+77011234567",
            "nurlan.aliev@gmail.com",
        ],
        &["ИИН"],
    ),
    // Ordinary texts: nothing to remove.
    c(
        "Министерство информации и общественного развития провело брифинг.",
        "",
        &[],
        &["Министерство информации и общественного развития провело брифинг"],
    ),
    c(
        "Ақпарат және қоғамдық даму министрлігі жауап берді.",
        "",
        &[],
        &["Ақпарат және қоғамдық даму министрлігі"],
    ),
    c(
        "The Ministry of Information and Social Development (MISD) answered.",
        "",
        &[],
        &["The Ministry of Information and Social Development (MISD) answered"],
    ),
    c(
        "МИОР опубликовал отчёт за 2025–2027 годы.",
        "",
        &[],
        &["МИОР", "2025–2027"],
    ),
    c(
        "Гранты до 1 500 000 тенге выдают с 01.03.2026 по 30.04.2026.",
        "",
        &[],
        &["1 500 000 тенге", "01.03.2026", "30.04.2026"],
    ),
    c("Бюджет программы 2500000 теңге.", "", &[], &["2500000 теңге"]),
    c("Ответ по обращению Q-2026-000123 получен.", "", &[], &["Q-2026-000123"]),
    c(
        "Согласно статье 76 АППК РК, срок 15 рабочих дней.",
        "",
        &[],
        &["статье 76 АППК РК", "15 рабочих дней"],
    ),
    c(
        "Вопросов много. Вера в лучшее остаётся.",
        "",
        &[],
        &["Вопросов много", "Вера в лучшее"],
    ),
    c(
        "Ремонт на проспекте Абая и улице Назарбаева затянулся.",
        "",
        &[],
        &["проспекте Абая", "улице Назарбаева"],
    ),
    c(
        "Когда откроется приём заявок на гранты для НПО?",
        "",
        &[],
        &["Когда откроется приём заявок на гранты для НПО"],
    ),
    c(
        "Мемлекеттік тіл туралы заңның 2024 жылғы өзгерістері қашан күшіне енеді?",
        "",
        &[],
        &["2024 жылғы өзгерістері"],
    ),
    c(
        "How many press releases were published in May 2026?",
        "",
        &[],
        &["How many press releases", "May 2026"],
    ),
    c(
        "Look at the report on the site, dot by dot.",
        "",
        &[],
        &["Look at the report on the site, dot by dot"],
    ),
    c(
        "Приказ № 123456 от 12.11.2026, индекс 050000.",
        "",
        &[],
        &["123456", "12.11.2026", "050000"],
    ),
    c(
        "Аудитория: 250 000 человек, охват 1,2 млн.",
        "",
        &[],
        &["250 000 человек", "1,2 млн"],
    ),
    c(
        "Казахстанская правда написала об этом.",
        "",
        &[],
        &["Казахстанская правда"],
    ),
    // Written after the rules and not tuned to them: some are missed, and
    // the figures say so.
    c(
        "Вчера Бекарыс из нашего аула звонил в акимат.",
        "",
        &["Бекарыс"],
        &["из нашего аула звонил в акимат"],
    ),
    c(
        "мой номер: 8 7 0 1 1 2 3 4 5 6 7",
        "",
        &["8 7 0 1 1 2 3 4 5 6 7"],
        &["мой номер"],
    ),
    c(
        "звоните: восемь семьсот один сто двадцать три",
        "",
        &["восемь семьсот один"],
        &["звоните"],
    ),
    c(
        "Пишите: aigul точка s собака mail точка kz",
        "",
        &["aigul точка s собака mail точка kz"],
        &["Пишите"],
    ),
    c("Айгүл апай көмектесті.", "", &["Айгүл"], &["апай көмектесті"]),
    c("Спросите у Тимура Бекова.", "", &["Тимура", "Бекова"], &["Спросите у"]),
    c("Контакт: Ли Мин Хо, переводчик.", "", &["Ли Мин Хо"], &["переводчик"]),
    c(
        "В школе №25 города Шымкент директор Ахметова.",
        "",
        &["Ахметова"],
        &["школе №25 города Шымкент директор"],
    ),
    c(
        "Салтанат Ермекова отвечает за гранты.",
        "",
        &["Салтанат", "Ермекова"],
        &["отвечает за гранты"],
    ),
    c(
        "Алматы облысы, Райымбек ауылы, Абай көшесі 5",
        "",
        &["Абай көшесі 5"],
        &["Алматы облысы"],
    ),
    c(
        "Абай облысында жаңа мектеп ашылды.",
        "",
        &[],
        &["Абай облысында жаңа мектеп ашылды"],
    ),
    c("Жамбыл облысы бойынша есеп.", "", &[], &["Жамбыл облысы бойынша есеп"]),
    c(
        "Президент Токаев подписал указ.",
        "",
        &["Токаев"],
        &["Президент", "подписал указ"],
    ),
    c("На сайте gov.kz опубликовано решение.", "", &[], &["gov.kz"]),
    c(
        "The hotline 1414 or 87011234567 answers.",
        "",
        &["87011234567"],
        &["The hotline 1414"],
    ),
    c(
        "проживаю: улица Сатпаева, дом 22",
        "",
        &["Сатпаева, дом 22"],
        &["проживаю"],
    ),
    c("I'm Dana from Almaty.", "", &["Dana"], &["from Almaty"]),
    c(
        "Mail: aigul.serikova(at)gmail(dot)com",
        "",
        &["aigul.serikova(at)gmail(dot)com"],
        &["Mail"],
    ),
];

/// Byte ranges of every occurrence of `needle` in `text`.
fn ranges(text: &str, needle: &str) -> Vec<(usize, usize)> {
    text.match_indices(needle).map(|(at, m)| (at, at + m.len())).collect()
}

#[test]
fn redaction_figures_on_the_corpus() {
    assert!(CORPUS.len() >= 60, "the corpus has {} cases", CORPUS.len());
    let (mut gone, mut to_go, mut kept, mut to_keep, mut right, mut made) = (0, 0, 0, 0, 0, 0);
    let mut misses = Vec::new();
    for case in CORPUS {
        let clues = Clues {
            name: case.name,
            email: case.email,
            ..Clues::default()
        };
        let found = find(case.text, &clues, &[]);
        let covered = |(s, e): (usize, usize)| found.iter().any(|f| f.start <= s && e <= f.end);
        let overlaps = |(s, e): (usize, usize)| found.iter().any(|f| f.start < e && s < f.end);
        for g in case.gone {
            to_go += 1;
            let rs = ranges(case.text, g);
            assert!(!rs.is_empty(), "{g:?} is not in {:?}", case.text);
            if rs.into_iter().all(covered) {
                gone += 1;
            } else {
                misses.push(format!("missed {g:?} in {:?}", case.text));
            }
        }
        for k in case.kept {
            to_keep += 1;
            let rs = ranges(case.text, k);
            assert!(!rs.is_empty(), "{k:?} is not in {:?}", case.text);
            if rs.into_iter().any(|r| !overlaps(r)) {
                kept += 1;
            } else {
                misses.push(format!("removed {k:?} from {:?}", case.text));
            }
        }
        for f in &found {
            made += 1;
            if case
                .gone
                .iter()
                .any(|g| ranges(case.text, g).into_iter().any(|(s, e)| f.start < e && s < f.end))
            {
                right += 1;
            } else {
                misses.push(format!("needless {:?} in {:?}", &case.text[f.start..f.end], case.text));
            }
        }
    }
    let recall = gone as f64 / to_go as f64;
    let precision = right as f64 / made.max(1) as f64;
    let kept_share = kept as f64 / to_keep as f64;
    println!(
        "redaction corpus: {} cases; recall {gone}/{to_go} = {:.1} %; precision {right}/{made} = {:.1} %; kept {kept}/{to_keep} = {:.1} %",
        CORPUS.len(),
        recall * 100.0,
        precision * 100.0,
        kept_share * 100.0
    );
    for m in &misses {
        println!("  {m}");
    }
    // The figures the README reports; a change that lowers one fails here.
    assert!(recall >= 0.94, "recall {recall:.3}: {misses:#?}");
    assert!(precision >= 0.98, "precision {precision:.3}: {misses:#?}");
    assert!(kept_share >= 0.98, "kept {kept_share:.3}: {misses:#?}");
}
