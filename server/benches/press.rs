//! Benchmark: one pass of press monitoring's text work over a day of a few
//! hundred outlets (100,000 items), in memory.
//!
//!     cargo bench -p server --features ssr --bench press
//!
//! Makes 100,000 items from a fixed vocabulary (deterministic): about 20,000
//! stories, each carried by 1 to 9 outlets with a changed headline and an
//! added sentence; one in 20 names the ministry. Times the three steps a
//! pass runs on each item: splitting into words and matching the own-names
//! query, the MinHash signature, and joining the story index (LSH bands).
//! `ITEMS=10000` makes a smaller set. Figures go to the README by hand.

use app::media::sources::query::{own_names_query, parse, words, REFERENCE_OWN_NAMES};
use app::media::sources::reprints::{signature, StoryIndex};
use std::time::{Duration, Instant};

const VOCABULARY: [&str; 40] = [
    "правительство",
    "регион",
    "программа",
    "развитие",
    "молодёжь",
    "грант",
    "конкурс",
    "форум",
    "волонтёры",
    "общество",
    "инициатива",
    "проект",
    "город",
    "село",
    "школа",
    "семья",
    "поддержка",
    "закон",
    "поправки",
    "депутаты",
    "обсуждение",
    "итоги",
    "встреча",
    "заявление",
    "граждане",
    "обращение",
    "сервис",
    "портал",
    "цифровой",
    "медиа",
    "журналисты",
    "пресс",
    "служба",
    "сообщила",
    "неделя",
    "месяц",
    "год",
    "новый",
    "план",
    "отчёт",
];

/// A deterministic stream of numbers (xorshift).
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn sentence(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| VOCABULARY[self.below(VOCABULARY.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The items, and how many stories they were made from.
fn items(n: usize) -> (Vec<String>, usize) {
    let mut dice = Dice(0x5eed_2026);
    let mut out = Vec::with_capacity(n);
    let mut stories = 0;
    while out.len() < n {
        stories += 1;
        let mut story = dice.sentence(60);
        if dice.below(20) == 0 {
            story.push_str(" Министерство информации и общественного развития прокомментировало");
        }
        for _ in 0..1 + dice.below(9) {
            out.push(format!("{}. {story} {}.", dice.sentence(6), dice.sentence(8)));
        }
    }
    out.truncate(n);
    (out, stories)
}

fn main() {
    let n: usize = std::env::var("ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let (texts, made) = items(n);
    let names: Vec<String> = REFERENCE_OWN_NAMES.map(String::from).to_vec();
    let query = parse(&own_names_query(&names)).expect("the own-names query parses");
    let (mut matching, mut signing, mut grouping) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let mut index = StoryIndex::default();
    let (mut matched, mut origins) = (0, 0);
    let all = Instant::now();
    for (id, text) in texts.iter().enumerate() {
        let t = Instant::now();
        matched += usize::from(query.matches(&words(text)));
        matching += t.elapsed();
        let t = Instant::now();
        let sig = signature(text);
        signing += t.elapsed();
        let t = Instant::now();
        origins += usize::from(index.add(id as i64, sig) == id as i64);
        grouping += t.elapsed();
    }
    println!(
        "{n} items in {:.1} s: query matching {:.1} s, signatures {:.1} s, story index {:.1} s",
        all.elapsed().as_secs_f64(),
        matching.as_secs_f64(),
        signing.as_secs_f64(),
        grouping.as_secs_f64()
    );
    println!("{matched} items name the ministry; {origins} stories found of the {made} made");
}
