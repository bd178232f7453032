//! Press text for the press benchmarks, deterministic: stories from a
//! fixed Russian vocabulary, each carried by 1 to 9 outlets with a changed
//! headline and an added sentence; one story in 20 names the ministry.

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
pub struct Dice(pub u64);

impl Dice {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    pub fn sentence(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| VOCABULARY[self.below(VOCABULARY.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// `n` item texts (headline, a full stop, then the text) made with
/// `seed`, and how many stories they were made from.
pub fn items(n: usize, seed: u64) -> (Vec<String>, usize) {
    let mut dice = Dice(seed);
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
