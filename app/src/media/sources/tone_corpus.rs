//! The team's labelled sentences for the suggested tone: press sentences
//! about the body in Kazakh, Russian and English, each with the tone a
//! person gives it, hard cases included (blame of someone else, negation,
//! praise in other words than the lists). The README reports the share
//! suggested right per language; the test keeps it from falling.

use super::query::{own_names_query, parse, REFERENCE_OWN_NAMES};
use super::text::detect_language;
use super::tone::suggest;
use crate::publications::Tone::{self, Negative as N, Neutral as O, Positive as P};

const CORPUS: [(&str, Tone); 36] = [
    ("Ақпарат және қоғамдық даму министрлігі жастар ұйымдарына қолдау көрсетті.", P),
    ("Министрліктің гранттық конкурсы табысты өтті деп хабарлады МИОР.", P),
    ("Ақпарат және қоғамдық даму министрлігі БАҚ өкілдеріне алғыс айтты.", P),
    ("МИОР жұмысының ашықтығы артты, деп мәлімдеді сарапшылар.", P),
    ("Ақпарат және қоғамдық даму министрлігінің шешімі сынға ұшырады.", N),
    ("Журналистер МИОР-ға шағым түсірді: жауаптар кешіктірілді.", N),
    ("Ақпарат және қоғамдық даму министрлігінің жұмысы тиімді емес деп аталды.", N),
    ("Министрлік бағдарламасындағы кемшіліктер анықталды, деп жазды МИОР туралы басылым.", N),
    ("Ақпарат және қоғамдық даму министрлігі желтоқсанға арналған қабылдау кестесін жариялады.", O),
    ("МИОР брифингі сағат онда басталады.", O),
    ("Ақпарат және қоғамдық даму министрлігінің өкілі жаңа заң жобасын таныстырды.", O),
    ("Көршілес облыста жанжал шықты, ал МИОР семинар өткізді.", O),
    ("Министерство информации и общественного развития поддержало молодёжные инициативы.", P),
    ("Эксперты высоко оценили открытость МИОР в работе с журналистами.", P),
    ("Министерство информации и общественного развития наградило лучших волонтёров года.", P),
    ("Журналисты поблагодарили МИОР за оперативные ответы на запросы.", P),
    ("Министерство информации и общественного развития раскритиковали за задержку ответов.", N),
    ("Инициативу МИОР не поддержали депутаты.", N),
    ("Редакции направили жалобу на действия Министерства информации и общественного развития.", N),
    ("МИОР обвиняют в давлении на независимые издания.", N),
    ("Министерство информации и общественного развития опубликовало график приёма граждан.", O),
    ("МИОР проведёт брифинг в среду в десять часов.", O),
    ("Представитель МИОР рассказал о планах на следующий год.", O),
    ("В соседнем регионе разгорелся скандал, а МИОР провёл семинар для НКО.", O),
    ("The Ministry of Information and Social Development won praise for its grant programme.", P),
    ("Journalists thanked the Ministry of Information and Social Development for quick answers.", P),
    ("Experts call the MIOR's new portal a success.", P),
    ("The Ministry of Information and Social Development welcomed volunteers from every region.", P),
    ("The Ministry of Information and Social Development faces criticism over late replies.", N),
    ("Editors filed a complaint against the Ministry of Information and Social Development.", N),
    ("Critics accuse the Ministry of Information and Social Development of censorship.", N),
    ("The Ministry of Information and Social Development did not support the media bill, to the outrage of editors.", N),
    ("The Ministry of Information and Social Development published its reception schedule.", O),
    ("A briefing of the Ministry of Information and Social Development starts at ten.", O),
    ("The Ministry of Information and Social Development presented a draft law on languages.", O),
    ("A scandal broke out in a neighbouring region while the Ministry of Information and Social Development held a seminar.", O),
];

/// Per language (kk, ru, en): sentences suggested right, and in all; and
/// the sentences suggested wrong.
pub fn scores() -> ([(&'static str, usize, usize); 3], Vec<&'static str>) {
    let own = parse(&own_names_query(&REFERENCE_OWN_NAMES.map(String::from))).expect("own names");
    let mut out = [("kk", 0, 0), ("ru", 0, 0), ("en", 0, 0)];
    let mut wrong = Vec::new();
    for (i, (text, tone)) in CORPUS.iter().enumerate() {
        let language = detect_language(text).expect("a language");
        let s = suggest(text, language, Some(&own));
        let slot = &mut out[i / 12];
        assert_eq!(slot.0, language, "{text}");
        slot.2 += 1;
        if s.tone == *tone {
            slot.1 += 1;
        } else {
            wrong.push(*text);
        }
    }
    (out, wrong)
}

#[test]
fn the_suggestion_is_right_on_most_of_the_teams_sentences_in_each_language() {
    let (scores, wrong) = scores();
    println!("{scores:?}\nsuggested wrong: {wrong:#?}");
    for (language, right, all) in scores {
        assert!(right * 4 >= all * 3, "{language}: {right} of {all}");
    }
}
