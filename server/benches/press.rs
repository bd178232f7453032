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

#[path = "common/press_text.rs"]
mod press_text;

fn main() {
    let n: usize = std::env::var("ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let (texts, made) = press_text::items(n, 0x5eed_2026);
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
