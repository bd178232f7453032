//! Server-rendered SVG charts with a title, a text summary and the same
//! numbers as a data table for screen readers and for printing. Only
//! attributes, no inline styles, so the content security policy holds.

use leptos::prelude::*;

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Bars,
    Line,
}

const W: f64 = 600.0;
const H: f64 = 180.0;

/// A chart of labelled values (`None`: no data that week).
#[component]
pub fn Chart(
    /// Unique on the page.
    id: &'static str,
    #[prop(into)] title: String,
    #[prop(into)] summary: String,
    /// Column headers of the data table: (label, value).
    #[prop(into)]
    columns: (String, String),
    points: Vec<(String, Option<f64>)>,
    kind: ChartKind,
    /// The top of the scale (default: the largest value).
    #[prop(optional)]
    max: Option<f64>,
    /// Decimals shown in the table.
    #[prop(optional)]
    decimals: usize,
) -> impl IntoView {
    let top = max
        .unwrap_or_else(|| points.iter().filter_map(|p| p.1).fold(0.0, f64::max))
        .max(f64::MIN_POSITIVE);
    let n = points.len().max(1) as f64;
    let step = W / n;
    let y = |v: f64| H - (v / top).clamp(0.0, 1.0) * (H - 10.0);
    let shapes = match kind {
        ChartKind::Bars => points
            .iter()
            .enumerate()
            .filter_map(|(i, (label, v))| {
                v.map(|v| {
                    let top_y = y(v);
                    view! {
                        <rect
                            class="chart-bar"
                            x=format!("{:.1}", i as f64 * step + step * 0.15)
                            y=format!("{top_y:.1}")
                            width=format!("{:.1}", step * 0.7)
                            height=format!("{:.1}", H - top_y)
                        >
                            <title>{format!("{label}: {v:.decimals$}")}</title>
                        </rect>
                    }
                })
            })
            .collect_view()
            .into_any(),
        ChartKind::Line => {
            let coords: Vec<String> = points
                .iter()
                .enumerate()
                .filter_map(|(i, (_, v))| v.map(|v| format!("{:.1},{:.1}", i as f64 * step + step / 2.0, y(v))))
                .collect();
            let dots = points
                .iter()
                .enumerate()
                .filter_map(|(i, (label, v))| {
                    v.map(|v| {
                        view! {
                            <circle
                                class="chart-dot"
                                cx=format!("{:.1}", i as f64 * step + step / 2.0)
                                cy=format!("{:.1}", y(v))
                                r="3"
                            >
                                <title>{format!("{label}: {v:.decimals$}")}</title>
                            </circle>
                        }
                    })
                })
                .collect_view();
            view! {
                <polyline class="chart-line" points=coords.join(" ") />
                {dots}
            }
            .into_any()
        }
    };
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    view! {
        <figure class="chart" id=id>
            <figcaption id=title_id.clone()>{title.clone()}</figcaption>
            <p class="chart-summary" id=desc_id.clone()>
                {summary}
            </p>
            <svg
                viewBox=format!("0 0 {W} {H}")
                role="img"
                aria-labelledby=format!("{title_id} {desc_id}")
                preserveAspectRatio="none"
            >
                <line class="chart-axis" x1="0" y1=H x2=W y2=H />
                {shapes}
            </svg>
            <table class="data chart-data">
                <caption class="visually-hidden">{title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{columns.0}</th>
                        <th scope="col">{columns.1}</th>
                    </tr>
                </thead>
                <tbody>
                    {points
                        .into_iter()
                        .map(|(label, v)| {
                            view! {
                                <tr>
                                    <th scope="row">{label}</th>
                                    <td>{v.map(|v| format!("{v:.decimals$}")).unwrap_or_else(|| "—".into())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </figure>
    }
}

/// A horizontal bar as SVG (attributes, not inline styles, so the CSP holds).
pub fn bar(share: f64) -> impl IntoView {
    let w = format!("{:.1}", (share * 100.0).clamp(0.0, 100.0));
    view! {
        <svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect x="0" y="0" width="100" height="8" class="bar-bg" />
            <rect x="0" y="0" width=w height="8" class="bar-fg" />
        </svg>
    }
}
