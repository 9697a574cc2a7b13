//! Comparison rows as a terminal table, CSV or Markdown.

use super::row::CompareRow;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for the terminal.
    Table,
    /// Comma-separated values (RFC 4180 quoting).
    Csv,
    /// A Markdown table.
    Markdown,
}

const HEADER: [&str; 7] = [
    "unit",
    "year",
    "report",
    "item",
    "value",
    "value_unit",
    "page",
];

fn cells(r: &CompareRow) -> [String; 7] {
    [
        r.unit.clone(),
        r.year.map(|y| y.to_string()).unwrap_or_default(),
        r.report.clone(),
        r.item.clone(),
        format_value(r.value),
        r.value_unit.clone(),
        r.page.map(|p| p.to_string()).unwrap_or_default(),
    ]
}

/// A value without float noise: two decimals unless more are printed.
fn format_value(v: f64) -> String {
    let two = format!("{v:.2}");
    if (two.parse::<f64>().unwrap_or(v) - v).abs() < 1e-9 {
        two
    } else {
        format!("{v}")
    }
}

/// Terminal width of a string: CJK and full-width characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Renders the rows in a format.
pub fn render(rows: &[CompareRow], format: Format) -> String {
    let body: Vec<[String; 7]> = rows.iter().map(cells).collect();
    let header: [String; 7] = HEADER.map(str::to_string);
    let mut out = String::new();
    match format {
        Format::Csv => {
            for line in std::iter::once(&header).chain(body.iter()) {
                let fields: Vec<String> = line.iter().map(|f| csv_field(f)).collect();
                out.push_str(&fields.join(","));
                out.push('\n');
            }
        }
        Format::Markdown => {
            let esc = |s: &String| s.replace('|', "\\|");
            out.push_str(&format!("| {} |\n", header.join(" | ")));
            out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
            for line in &body {
                let fields: Vec<String> = line.iter().map(esc).collect();
                out.push_str(&format!("| {} |\n", fields.join(" | ")));
            }
        }
        Format::Table => {
            let mut widths = header.clone().map(|h| width(&h));
            for line in &body {
                for (w, f) in widths.iter_mut().zip(line.iter()) {
                    *w = (*w).max(width(f));
                }
            }
            for line in std::iter::once(&header).chain(body.iter()) {
                let fields: Vec<String> = line
                    .iter()
                    .zip(widths.iter())
                    .map(|(f, w)| format!("{f}{}", " ".repeat(w.saturating_sub(width(f)))))
                    .collect();
                out.push_str(fields.join("  ").trim_end());
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> CompareRow {
        CompareRow {
            unit: "硚口,中心".into(),
            year: Some(2022),
            report: "r".into(),
            item: String::new(),
            value: 187.89,
            value_unit: "万元".into(),
            page: Some(9),
            document: "final_accounts".into(),
        }
    }

    #[test]
    fn formats() {
        let csv = render(&[row()], Format::Csv);
        assert!(csv.contains("\"硚口,中心\",2022,r,,187.89,万元,9"), "{csv}");
        let md = render(&[row()], Format::Markdown);
        assert!(
            md.contains("| 硚口,中心 | 2022 | r |  | 187.89 | 万元 | 9 |"),
            "{md}"
        );
        let t = render(&[row()], Format::Table);
        assert!(t.lines().count() == 2 && t.contains("187.89"));
    }
}
