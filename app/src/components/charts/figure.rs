//! A chart as a figure: its title, a one-sentence summary, the drawing
//! (server-rendered SVG with a value axis, tick labels, category labels,
//! a legend when periods are compared) and the same numbers as a table.
//! Colours are presentation attributes, not inline styles, so the content
//! security policy holds and a chart prints and reads without the
//! stylesheet. The previous period is hatched or dashed, so the two
//! periods differ without colour too.

use super::layout::{plot, px, ChartKind, Plot, ValueRange, FONT, WIDTH};
use crate::components::format::number;
use crate::i18n::*;
use leptos::prelude::*;

/// The current period (or the only series): the brand blue, 6.1:1 on white.
const INK: &str = "#0b5cad";
/// The previous period: dark grey (7.6:1), hatched bars, dashed line.
const PREVIOUS: &str = "#4a5360";
const GRID: &str = "#cfd6df";
const TEXT: &str = "#1b1f24";
/// Tables with more rows than this are folded under their chart.
const FOLD_ROWS: usize = 8;

/// One series: its name (in the legend and the table) and a value per
/// category (`None`: nothing to show there).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

impl Series {
    /// The two series of a comparison: this period, then the previous one.
    pub fn periods(l: Locale, now: Vec<Option<f64>>, before: Vec<Option<f64>>) -> Vec<Series> {
        vec![
            Series {
                name: td_string!(l, ind_now).to_string(),
                values: now,
            },
            Series {
                name: td_string!(l, ind_before).to_string(),
                values: before,
            },
        ]
    }
}

fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

#[component]
pub fn Chart(
    /// Unique on the page.
    #[prop(into)]
    id: String,
    #[prop(into)] title: String,
    #[prop(into)] summary: String,
    /// The header of the table's first column (what a category is).
    #[prop(into)]
    label_header: String,
    labels: Vec<String>,
    /// Stable codes of the categories, as `data-key` on the table's rows.
    #[prop(optional)]
    keys: Vec<String>,
    /// The current period first, then the previous one if compared.
    series: Vec<Series>,
    kind: ChartKind,
    /// The ends of the value axis (default: from zero to the largest value).
    #[prop(optional)]
    low: Option<f64>,
    #[prop(optional)] high: Option<f64>,
    /// Decimals of the values; 0 means counts (whole ticks).
    #[prop(optional)]
    decimals: usize,
    /// What follows a value: "" or " %".
    #[prop(optional)]
    unit: &'static str,
    /// The page shows these numbers in a fuller table of its own beside the
    /// chart (survey results: counts and shares), so the figure has none.
    #[prop(optional)]
    own_table: bool,
) -> impl IntoView {
    let l = use_i18n().get_locale_untracked();
    let values: Vec<Vec<Option<f64>>> = series.iter().map(|s| s.values.clone()).collect();
    let range = ValueRange {
        low,
        high,
        whole: decimals == 0,
    };
    let p = plot(kind, &labels, &values, range, unit);
    let write = Writer {
        locale: l.as_str(),
        decimals,
        unit,
    };
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let hatch = format!("{id}-hatch");
    let table = (!own_table).then(|| {
        let table = view! {
            <table class="data chart-data">
                <caption class="visually-hidden">{title.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{label_header}</th>
                        {series.iter().map(|s| view! { <th scope="col">{s.name.clone()}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {labels
                        .iter()
                        .enumerate()
                        .map(|(i, label)| {
                            view! {
                                <tr data-key=keys.get(i).cloned()>
                                    <th scope="row">{label.clone()}</th>
                                    {series
                                        .iter()
                                        .map(|s| {
                                            let v = s.values.get(i).copied().flatten();
                                            view! {
                                                <td class="num">
                                                    {v.map(|v| write.value(v)).unwrap_or_else(|| "—".into())}
                                                </td>
                                            }
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        };
        if labels.len() > FOLD_ROWS {
            view! {
                <details class="chart-table">
                    <summary>{td_string!(l, chart_table)}</summary>
                    {table}
                </details>
            }
            .into_any()
        } else {
            table.into_any()
        }
    });
    view! {
        <figure class="chart" id=id>
            <figcaption id=title_id.clone()>{title}</figcaption>
            <p class="chart-summary" id=desc_id.clone()>
                {summary}
            </p>
            <svg
                viewBox=format!("0 0 {WIDTH} {}", px(p.height))
                role="img"
                aria-labelledby=format!("{title_id} {desc_id}")
                font-size=FONT
                font-family="system-ui, sans-serif"
                fill=TEXT
            >
                <defs>
                    <pattern
                        id=hatch.clone()
                        width="6"
                        height="6"
                        patternUnits="userSpaceOnUse"
                        patternTransform="rotate(45)"
                    >
                        <rect width="6" height="6" fill="#ffffff" />
                        <line x1="0" y1="0" x2="0" y2="6" stroke=PREVIOUS stroke-width="3" />
                    </pattern>
                </defs>
                {legend(&p, &series, &hatch)}
                {axes(&p, &labels, write)}
                {super::marks::bars(&p, &labels, &series, &hatch, write)}
                {super::marks::lines(&p, &labels, &series, write)}
            </svg>
            {table}
        </figure>
    }
}

/// The fill and outline of series `i`'s bars and legend swatch.
pub(super) fn paint(i: usize, hatch: &str) -> (String, &'static str) {
    if i == 0 {
        (INK.to_string(), INK)
    } else {
        (format!("url(#{hatch})"), PREVIOUS)
    }
}

/// The stroke and dashes of series `i`'s line.
pub(super) fn stroke(i: usize) -> (&'static str, &'static str) {
    if i == 0 {
        (INK, "none")
    } else {
        (PREVIOUS, "6 4")
    }
}

/// The series named along the top, each with its swatch.
fn legend(p: &Plot, series: &[Series], hatch: &str) -> impl IntoView {
    let mut x = 8.0;
    let items: Vec<_> = series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let at = x;
            x += 18.0 + 6.8 * s.name.chars().count() as f64 + 20.0;
            let swatch = if p.kind == ChartKind::Line {
                let (colour, dashes) = stroke(i);
                view! { <line x1=px(at) y1="10" x2=px(at + 14.0) y2="10" stroke=colour stroke-width="2.5" stroke-dasharray=dashes /> }
                    .into_any()
            } else {
                let (fill, outline) = paint(i, hatch);
                view! { <rect x=px(at) y="4" width="14" height="12" fill=fill stroke=outline /> }.into_any()
            };
            view! {
                <g class="chart-legend">
                    {swatch} <text x=px(at + 18.0) y="14">
                        {s.name.clone()}
                    </text>
                </g>
            }
        })
        .collect();
    p.legend.then_some(items)
}

/// Grid lines with the value ticks, the axis lines and the category labels.
fn axes(p: &Plot, labels: &[String], write: Writer) -> impl IntoView {
    let a = p.area;
    let upright = p.kind != ChartKind::Rows;
    let ticks = p
        .ticks
        .values
        .iter()
        .zip(&p.tick_places)
        .map(|(v, at)| {
            let text = write.with(*v, p.ticks.decimals);
            if upright {
                view! {
                    <line class="chart-grid" x1=px(a.left) y1=px(*at) x2=px(a.right) y2=px(*at) stroke=GRID />
                    <text class="chart-tick" x=px(a.left - 6.0) y=px(at + 4.0) text-anchor="end">
                        {text}
                    </text>
                }
                .into_any()
            } else {
                view! {
                    <line class="chart-grid" x1=px(*at) y1=px(a.top) x2=px(*at) y2=px(a.bottom) stroke=GRID />
                    <text class="chart-tick" x=px(*at) y=px(a.bottom + 16.0) text-anchor="middle">
                        {text}
                    </text>
                }
                .into_any()
            }
        })
        .collect_view();
    let names = labels
        .iter()
        .zip(&p.categories)
        .filter(|(_, (_, shown))| *shown)
        .map(|(label, (at, _))| {
            if upright {
                view! {
                    <text x=px(*at) y=px(a.bottom + 18.0) text-anchor="middle">
                        {shorten(label, p.label_chars)}
                    </text>
                }
            } else {
                view! {
                    <text x=px(a.left - 8.0) y=px(at + 4.0) text-anchor="end">
                        {shorten(label, p.label_chars)}
                    </text>
                }
            }
        })
        .collect_view();
    view! {
        {ticks}
        <line class="chart-axis" x1=px(a.left) y1=px(a.bottom) x2=px(a.right) y2=px(a.bottom) stroke=PREVIOUS />
        <line class="chart-axis" x1=px(a.left) y1=px(a.top) x2=px(a.left) y2=px(a.bottom) stroke=PREVIOUS />
        {names}
    }
}

/// How a chart writes its numbers: the page's language, the values'
/// decimals, the unit after them.
#[derive(Debug, Clone, Copy)]
pub(super) struct Writer {
    locale: &'static str,
    decimals: usize,
    unit: &'static str,
}

impl Writer {
    pub(super) fn value(&self, v: f64) -> String {
        self.with(v, self.decimals)
    }

    pub(super) fn with(&self, v: f64, decimals: usize) -> String {
        format!("{}{}", number(self.locale, v, decimals), self.unit)
    }
}
