//! Prints the grammar's document for a text report (debugging aid).
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let bytes = std::fs::read(&path).unwrap_or_default();
    let Ok((lines, _)) = yujuesuan::input::text_report_lines(&bytes) else {
        return;
    };
    let Ok(t) = yujuesuan::templates::Templates::embedded() else {
        return;
    };
    let doc = yujuesuan::grammar::parse_document(&lines, &t);
    for b in &doc.blocks {
        match b {
            yujuesuan::grammar::Block::Table(t) => {
                println!(
                    "TABLE {} #{:?} p{} dept={:?} unit={:?} cols={:?}",
                    t.kind, t.number, t.page, t.department, t.amount_unit, t.column_numbers
                );
                println!("  header: {:?}", t.header.join("|"));
                for r in &t.rows {
                    let nums: Vec<_> = r.numbers.iter().map(|n| n.text.clone()).collect();
                    println!(
                        "  {:?} {:?} {:?} {:?} {:?}",
                        r.side, r.line_number, r.code, r.label, nums
                    );
                }
                println!(
                    "  notes: {:?}\n  expl: {:?}\n  warn: {:?}",
                    t.notes, t.explanations, t.warnings
                );
            }
            other => println!("{}", serde_json::to_string(other).unwrap_or_default()),
        }
    }
}
