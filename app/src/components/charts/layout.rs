//! Where everything of a chart goes, in the SVG's own units: the plot
//! area, the value axis and its ticks, which category labels fit, and each
//! bar's box or line's points. Plain geometry, so tests can check it.

use super::scale::{ticks, Ticks};

/// How the series are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Upright bars, categories along the bottom (weeks, stars).
    Bars,
    /// Lines with markers, categories along the bottom.
    Line,
    /// Lying bars, one row per category: for long names (media types,
    /// survey options).
    Rows,
}

/// The width of every chart's drawing; the page scales it.
pub const WIDTH: f64 = 360.0;
/// Text size, and the width of an average character at that size.
pub const FONT: f64 = 12.0;
pub(super) const CHAR: f64 = 7.0;
/// Cyrillic and Kazakh letters run wider: category names are measured so.
pub(super) const LETTER: f64 = 7.6;
/// The height of upright charts.
const HEIGHT: f64 = 240.0;
/// Up to this many categories, an upright chart names every one.
const FEW_CATEGORIES: usize = 8;
/// At most this many bars carry their value as a label.
const MAX_LABELLED_BARS: usize = 14;
/// The legend's band at the top, and the room a value label takes above
/// its bar (its 11-unit text and the gap below it).
pub const LEGEND_HEIGHT: f64 = 20.0;
pub const VALUE_LABEL_ROOM: f64 = 16.0;

/// The value axis: the lowest and highest value it must show, and whether
/// values are counts (whole steps).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueRange {
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub whole: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

/// One bar: which series and category, its box and value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BarBox {
    pub series: usize,
    pub index: usize,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub value: f64,
}

/// One point of a line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub index: usize,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plot {
    pub kind: ChartKind,
    pub height: f64,
    pub area: Area,
    pub ticks: Ticks,
    /// Each tick's place along the value axis (y upright, x for rows).
    pub tick_places: Vec<f64>,
    /// Each category's middle (x upright, y for rows) and whether its label
    /// is written (crowded axes write every k-th).
    pub categories: Vec<(f64, bool)>,
    /// Characters a category label may have before it is shortened.
    pub label_chars: usize,
    pub bars: Vec<BarBox>,
    /// Per series, its unbroken runs of points (a missing value breaks it).
    pub lines: Vec<Vec<Vec<Point>>>,
    pub value_labels: bool,
    pub legend: bool,
}

/// A place in the drawing as written in the SVG: a tenth of a unit is
/// finer than any screen shows, and keeps the page small.
pub fn px(v: f64) -> String {
    let s = format!("{v:.1}");
    match s.strip_suffix(".0") {
        Some(whole) if whole != "-0" => whole.to_string(),
        Some(_) => "0".to_string(),
        None => s,
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// About how wide `s` is drawn: Latin digits and letters narrow, Cyrillic
/// and Kazakh wider, stars and other symbols wider still.
fn text_width(s: &str) -> f64 {
    s.chars()
        .map(|c| match c {
            c if c.is_ascii() => CHAR,
            '★' | '☆' => 12.5,
            _ => LETTER,
        })
        .sum()
}

/// Lays out `series` (each as long as `labels`) as `kind`. `unit` is what
/// follows a value ("" or " %"), counted in the room for labels.
pub fn plot(kind: ChartKind, labels: &[String], series: &[Vec<Option<f64>>], range: ValueRange, unit: &str) -> Plot {
    let values = series.iter().flatten().flatten().copied();
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    let low = range.low.unwrap_or(lo.min(0.0));
    let high = range.high.unwrap_or(hi.max(low));
    let t = ticks(low, if high.is_finite() { high } else { 1.0 }, 5, range.whole);
    let tick_chars = t
        .values
        .iter()
        .map(|v| chars(&format!("{v:.*}", t.decimals)) + chars(unit))
        .max()
        .unwrap_or(1);
    let legend = series.len() > 1;
    let value_labels = kind == ChartKind::Bars && series.iter().flatten().flatten().count() <= MAX_LABELLED_BARS;
    // The tallest bar may reach the top of the axis: its label needs room
    // above it, clear of the legend.
    let top =
        if legend { LEGEND_HEIGHT + 10.0 } else { 12.0 } + if value_labels { VALUE_LABEL_ROOM - 6.0 } else { 0.0 };
    let n = labels.len().max(1);
    let s = series.len().max(1);
    match kind {
        ChartKind::Bars | ChartKind::Line => {
            let area = Area {
                left: 8.0 + CHAR * tick_chars as f64 + 6.0,
                top,
                right: WIDTH - 12.0,
                bottom: HEIGHT - 30.0,
            };
            let step = (area.right - area.left) / n as f64;
            let label_w = labels.iter().map(|l| text_width(l)).fold(CHAR, f64::max) + 8.0;
            let every = (label_w / step).ceil().max(1.0) as usize;
            // A few categories (tones, media types) are each named, shortened
            // to their room if need be: a bar nobody can name tells nothing.
            // Many (days, weeks) are named every k-th, in their order.
            let (every, label_chars) = if every > 1 && labels.len() <= FEW_CATEGORIES {
                (1, (((step - 8.0) / LETTER).floor() as usize).max(3))
            } else {
                (every, usize::MAX)
            };
            let categories = (0..labels.len())
                .map(|i| (area.left + step * (i as f64 + 0.5), i % every == 0))
                .collect();
            let y = |v: f64| area.bottom - t.fraction(v) * (area.bottom - area.top);
            let tick_places = t.values.iter().map(|v| y(*v)).collect();
            let group = step * 0.8;
            let w = group / s as f64;
            let mut bars = Vec::new();
            let mut lines = Vec::new();
            for (si, values) in series.iter().enumerate() {
                let mut runs: Vec<Vec<Point>> = vec![Vec::new()];
                for (i, v) in values.iter().enumerate() {
                    let center = area.left + step * (i as f64 + 0.5);
                    match (kind, v) {
                        (ChartKind::Bars, Some(v)) => bars.push(BarBox {
                            series: si,
                            index: i,
                            x: center - group / 2.0 + si as f64 * w,
                            y: y(*v),
                            w,
                            h: area.bottom - y(*v),
                            value: *v,
                        }),
                        (_, Some(v)) => runs.last_mut().expect("a run").push(Point {
                            x: center,
                            y: y(*v),
                            index: i,
                            value: *v,
                        }),
                        (_, None) => runs.push(Vec::new()),
                    }
                }
                runs.retain(|r| !r.is_empty());
                if kind == ChartKind::Line {
                    lines.push(runs);
                }
            }
            Plot {
                kind,
                height: HEIGHT,
                area,
                ticks: t,
                tick_places,
                categories,
                label_chars,
                bars,
                lines,
                value_labels,
                legend,
            }
        }
        ChartKind::Rows => {
            let bar_h = 16.0;
            let row = bar_h * s as f64 + 12.0;
            let label_chars = labels.iter().map(|l| chars(l)).max().unwrap_or(1).min(24);
            let widest = labels.iter().map(|l| text_width(l)).fold(CHAR, f64::max);
            let area = Area {
                left: 8.0 + widest.min(LETTER * 24.0) + 8.0,
                top,
                right: WIDTH - 12.0 - CHAR * (tick_chars + 1) as f64,
                bottom: top + row * n as f64,
            };
            let x = |v: f64| area.left + t.fraction(v) * (area.right - area.left);
            let tick_places = t.values.iter().map(|v| x(*v)).collect();
            let categories = (0..labels.len())
                .map(|i| (top + row * (i as f64 + 0.5), true))
                .collect();
            let mut bars = Vec::new();
            for (si, values) in series.iter().enumerate() {
                for (i, v) in values.iter().enumerate() {
                    if let Some(v) = v {
                        bars.push(BarBox {
                            series: si,
                            index: i,
                            x: area.left,
                            y: top + row * i as f64 + 6.0 + bar_h * si as f64,
                            w: x(*v) - area.left,
                            h: bar_h - 2.0,
                            value: *v,
                        });
                    }
                }
            }
            Plot {
                kind,
                height: area.bottom + 30.0,
                area,
                ticks: t,
                tick_places,
                categories,
                label_chars,
                bars,
                lines: Vec::new(),
                value_labels: true,
                legend,
            }
        }
    }
}
