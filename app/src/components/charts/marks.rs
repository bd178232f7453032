//! What stands for the numbers in a chart: bars (upright or lying) with
//! their value written beside them when there are few, and lines with a
//! marker on every value (circles now, squares for the previous period).
//! Each mark names its category, series and value in a `<title>`.

use super::figure::{paint, stroke, Series, Writer};
use super::layout::{px, ChartKind, Plot};
use leptos::prelude::*;

fn tip(labels: &[String], series: &[Series], s: usize, i: usize, text: String) -> String {
    let label = labels.get(i).map(String::as_str).unwrap_or("");
    match series.len() {
        1 => format!("{label}: {text}"),
        _ => format!("{label} · {}: {text}", series[s].name),
    }
}

/// The bars and, when there are few, their values.
pub(super) fn bars(p: &Plot, labels: &[String], series: &[Series], hatch: &str, write: Writer) -> impl IntoView {
    let upright = p.kind == ChartKind::Bars;
    p.bars
        .iter()
        .map(|b| {
            let (fill, outline) = paint(b.series, hatch);
            let class = if b.series == 0 {
                "chart-bar current"
            } else {
                "chart-bar previous"
            };
            let text = write.value(b.value);
            let label = p.value_labels.then(|| {
                if upright {
                    view! {
                        <text
                            class="chart-value"
                            x=px(b.x + b.w / 2.0)
                            y=px(b.y - 4.0)
                            text-anchor="middle"
                            font-size="11"
                        >
                            {text.clone()}
                        </text>
                    }
                } else {
                    view! {
                        <text
                            class="chart-value"
                            x=px(b.x + b.w + 4.0)
                            y=px(b.y + b.h / 2.0 + 4.0)
                            text-anchor="start"
                            font-size="11"
                        >
                            {text.clone()}
                        </text>
                    }
                }
            });
            view! {
                <rect
                    class=class
                    x=px(b.x)
                    y=px(b.y)
                    width=px(b.w.max(0.0))
                    height=px(b.h.max(0.0))
                    fill=fill
                    stroke=outline
                >
                    <title>{tip(labels, series, b.series, b.index, text.clone())}</title>
                </rect>
                {label}
            }
        })
        .collect_view()
}

/// Each series' lines, broken where a value is missing, with markers.
pub(super) fn lines(p: &Plot, labels: &[String], series: &[Series], write: Writer) -> impl IntoView {
    p.lines
        .iter()
        .enumerate()
        .map(|(s, runs)| {
            let (colour, dashes) = stroke(s);
            runs.iter()
                .map(|run| {
                    let points: Vec<String> = run.iter().map(|pt| format!("{:.1},{:.1}", pt.x, pt.y)).collect();
                    let markers = run
                        .iter()
                        .map(|pt| {
                            let title = tip(labels, series, s, pt.index, write.value(pt.value));
                            if s == 0 {
                                view! {
                                    <circle class="chart-dot" cx=px(pt.x) cy=px(pt.y) r="3.5" fill=colour>
                                        <title>{title}</title>
                                    </circle>
                                }
                                .into_any()
                            } else {
                                view! {
                                    <rect
                                        class="chart-dot previous"
                                        x=px(pt.x - 3.0)
                                        y=px(pt.y - 3.0)
                                        width="6"
                                        height="6"
                                        fill="#ffffff"
                                        stroke=colour
                                        stroke-width="1.5"
                                    >
                                        <title>{title}</title>
                                    </rect>
                                }
                                .into_any()
                            }
                        })
                        .collect_view();
                    view! {
                        <polyline
                            class="chart-line"
                            points=points.join(" ")
                            fill="none"
                            stroke=colour
                            stroke-width="2.5"
                            stroke-dasharray=dashes
                            stroke-linejoin="round"
                        />
                        {markers}
                    }
                })
                .collect_view()
        })
        .collect_view()
}
