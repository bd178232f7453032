//! Tests of the chart layout: bars side by side inside the plot, axis
//! labels that fit, lines broken at missing values, rows with room.

use super::layout::*;

fn labels(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{:02}.11", i + 1)).collect()
}

const COUNTS: ValueRange = ValueRange {
    low: None,
    high: None,
    whole: true,
};

#[test]
fn bars_of_two_periods_stand_side_by_side_inside_the_plot() {
    let now = vec![Some(12.0), Some(30.0), None, Some(7.0)];
    let before = vec![Some(20.0), Some(3.0), Some(9.0), Some(0.0)];
    let p = plot(ChartKind::Bars, &labels(4), &[now, before], COUNTS, "");
    assert_eq!(p.bars.len(), 7, "no bar for a missing value");
    assert!(p.legend, "two series get a legend");
    for b in &p.bars {
        assert!(b.x >= p.area.left && b.x + b.w <= p.area.right, "{b:?}");
        assert!(
            b.y >= p.area.top - 1e-9 && (b.y + b.h - p.area.bottom).abs() < 1e-9,
            "{b:?}"
        );
    }
    let mut sorted = p.bars.clone();
    sorted.sort_by(|a, b| a.x.total_cmp(&b.x));
    for pair in sorted.windows(2) {
        assert!(pair[0].x + pair[0].w <= pair[1].x + 1e-9, "{pair:?}");
    }
    // 30 is the highest value; the axis ends on a round 30 or more.
    assert!(p.ticks.high() >= 30.0);
    let thirty = p.bars.iter().find(|b| b.value == 30.0).unwrap();
    let twelve = p.bars.iter().find(|b| b.value == 12.0).unwrap();
    assert!((thirty.h / twelve.h - 2.5).abs() < 1e-9, "heights are proportional");
    assert!(p.value_labels, "eight bars or fewer carry their values");
    assert!(
        thirty.y - VALUE_LABEL_ROOM >= LEGEND_HEIGHT,
        "the tallest bar's value is written below the legend: {thirty:?}"
    );
}

#[test]
fn a_crowded_axis_writes_only_labels_that_fit() {
    let p = plot(ChartKind::Bars, &labels(53), &[vec![Some(1.0); 53]], COUNTS, "");
    let shown: Vec<f64> = p.categories.iter().filter(|c| c.1).map(|c| c.0).collect();
    assert!(shown.len() < 53 && shown.len() >= 5, "{}", shown.len());
    let label_w = CHAR * 5.0;
    for pair in shown.windows(2) {
        assert!(pair[1] - pair[0] > label_w, "labels {pair:?} would overlap");
    }
    assert!(!p.value_labels, "53 bars carry no value labels");
    let few = plot(ChartKind::Bars, &labels(5), &[vec![Some(1.0); 5]], COUNTS, "");
    assert!(few.categories.iter().all(|c| c.1));
    assert!(!few.legend, "one series needs no legend");
}

#[test]
fn a_few_long_names_are_all_written_shortened_to_their_room() {
    // The tone chart in Russian: "Нейтральная" was left out between its
    // two neighbours once the names were measured wider than a bar's room.
    let tones: Vec<String> = ["Положительная", "Нейтральная", "Отрицательная"]
        .map(String::from)
        .to_vec();
    let counts = vec![Some(49.0), Some(120.0), Some(25.0)];
    let p = plot(ChartKind::Bars, &tones, &[counts], COUNTS, "");
    assert!(p.categories.iter().all(|c| c.1), "every tone is named");
    let step = p.categories[1].0 - p.categories[0].0;
    assert!(p.label_chars < 13, "the longest name is shortened: {}", p.label_chars);
    assert!(
        p.label_chars as f64 * LETTER + 8.0 <= step,
        "{} letters fit a step of {step}",
        p.label_chars
    );
}

#[test]
fn a_line_breaks_where_a_week_has_no_value() {
    let v = vec![Some(4.0), Some(4.5), None, Some(3.0), Some(3.5)];
    let range = ValueRange {
        low: Some(1.0),
        high: Some(5.0),
        whole: false,
    };
    let p = plot(ChartKind::Line, &labels(5), &[v], range, "");
    assert_eq!(p.lines[0].len(), 2);
    assert_eq!(p.lines[0][0].len(), 2);
    assert_eq!(p.ticks.low(), 1.0);
    assert_eq!(p.ticks.high(), 5.0);
    let top = p.lines[0][0][1];
    assert!(top.y < p.lines[0][0][0].y, "a higher value is drawn higher");
}

#[test]
fn rows_start_at_the_axis_and_long_names_are_shortened() {
    let names = vec![
        "TV".to_string(),
        "A very long name of an information agency".to_string(),
    ];
    let p = plot(ChartKind::Rows, &names, &[vec![Some(5.0), Some(50.0)]], COUNTS, " %");
    assert_eq!(p.label_chars, 24);
    for b in &p.bars {
        assert_eq!(b.x, p.area.left);
        assert!(b.x + b.w <= p.area.right + 1e-9);
    }
    assert!(p.area.right < WIDTH - 12.0, "room for the value after the longest bar");
    assert!(p.height > p.area.bottom, "room for the axis below");
}

#[test]
fn star_labels_get_the_room_their_wide_glyphs_need() {
    let stars: Vec<String> = (1..=5).rev().map(|s| "★".repeat(s)).collect();
    let p = plot(ChartKind::Rows, &stars, &[vec![Some(1.0); 5]], COUNTS, "");
    assert!(p.area.left - 16.0 >= 5.0 * 12.0, "{}", p.area.left);
    let short = plot(ChartKind::Rows, &["TV".to_string()], &[vec![Some(1.0)]], COUNTS, "");
    assert!(short.area.left < p.area.left);
}

#[test]
fn places_are_written_to_a_tenth() {
    assert_eq!(px(107.19999999999999), "107.2");
    assert_eq!(px(26.0), "26");
    assert_eq!(px(-0.01), "0");
}
