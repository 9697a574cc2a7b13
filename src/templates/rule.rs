//! Accounting identities as written in `grammars/`: `a = b + c - d`, `a >= b`.
//!
//! Written as text so that the people who know the reports (not only the
//! people who know Rust) can add a region's identities. Parsed with `nom`.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while1},
    character::complete::{char, multispace0, multispace1},
    combinator::{all_consuming, map, opt},
    multi::many0,
    sequence::{delimited, preceded},
};
use serde::Serialize;

/// Which side of a comparison must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Relation {
    /// Left equals right (within the rounding tolerance).
    Eq,
    /// Left is at least right.
    Ge,
    /// Left is at most right.
    Le,
}

/// One operand: a bare label (a column or a row, by context) or a cross-table
/// reference `table[row][column]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Operand {
    /// A column label (row identities) or row key (table identities).
    Label(String),
    /// A cell in a named table kind.
    Cell {
        /// The canonical table kind.
        table: String,
        /// The row key.
        row: String,
        /// The canonical column label.
        column: String,
    },
}

/// A signed operand in a sum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    /// +1 or -1.
    pub sign: i8,
    /// What is added.
    pub operand: Operand,
}

/// A parsed identity: Σ left (relation) Σ right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// The rule as written, for messages.
    pub text: String,
    /// Terms on the left.
    pub left: Vec<Term>,
    /// The comparison.
    pub relation: Relation,
    /// Terms on the right.
    pub right: Vec<Term>,
}

impl Rule {
    /// Every operand with the sign it has once the right side is moved to the
    /// left (`a = b + c` gives `+a −b −c`): the form a constraint or a sum needs.
    pub fn signed_operands(&self) -> impl Iterator<Item = (i64, &Operand)> {
        let left = self.left.iter().map(|t| (i64::from(t.sign), &t.operand));
        let right = self.right.iter().map(|t| (-i64::from(t.sign), &t.operand));
        left.chain(right)
    }
}

/// Every identity of one table template, parsed once when the template is
/// loaded: the one source the normaliser places numbers by and `checks`
/// evaluates, so that a rule used to place a number is the rule reported.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TemplateRules {
    /// Identities between the columns of every row (`row_identities`).
    pub row: Vec<Rule>,
    /// Per side of a two-sided table, its own row identities, by side name.
    pub side_row: Vec<(String, Vec<Rule>)>,
    /// Identities between rows, per column (`[[identities]]`).
    pub identities: Vec<Rule>,
    /// Rules between tables (`[[cross]]`).
    pub cross: Vec<Rule>,
}

impl TemplateRules {
    /// Parses every rule of a template; the error names the first rule that
    /// does not parse.
    pub fn of(template: &super::TableTemplate) -> Result<TemplateRules, String> {
        let parse_all = |texts: &mut dyn Iterator<Item = &String>| -> Result<Vec<Rule>, String> {
            texts.map(|t| parse_rule(t)).collect()
        };
        Ok(TemplateRules {
            row: parse_all(&mut template.row_identities.iter())?,
            side_row: template
                .sides
                .iter()
                .map(|s| Ok((s.name.clone(), parse_all(&mut s.row_identities.iter())?)))
                .collect::<Result<_, String>>()?,
            identities: parse_all(&mut template.identities.iter().map(|r| &r.rule))?,
            cross: parse_all(&mut template.cross.iter().map(|r| &r.rule))?,
        })
    }

    /// The row identities of a row on `side` (the template's, then its side's).
    pub fn for_row<'a>(&'a self, side: Option<&'a str>) -> impl Iterator<Item = &'a Rule> + 'a {
        let own = self
            .side_row
            .iter()
            .filter(move |(name, _)| Some(name.as_str()) == side)
            .flat_map(|(_, rules)| rules.iter());
        self.row.iter().chain(own)
    }
}

fn label(input: &str) -> IResult<&str, &str> {
    take_while1(|c: char| !c.is_whitespace() && !"[]=<>+".contains(c)).parse(input)
}

fn bracketed(input: &str) -> IResult<&str, &str> {
    delimited(char('['), take_while1(|c: char| c != ']'), char(']')).parse(input)
}

fn operand(input: &str) -> IResult<&str, Operand> {
    let (rest, name) = label(input)?;
    let (rest, cell) = opt((bracketed, bracketed)).parse(rest)?;
    let op = match cell {
        Some((row, column)) => Operand::Cell {
            table: name.to_string(),
            row: row.to_string(),
            column: column.to_string(),
        },
        None => Operand::Label(name.to_string()),
    };
    Ok((rest, op))
}

fn signed_term(input: &str) -> IResult<&str, Term> {
    let sign = alt((map(char('+'), |_| 1i8), map(char('-'), |_| -1i8)));
    map(
        (multispace1, sign, multispace1, operand),
        |(_, sign, _, operand)| Term { sign, operand },
    )
    .parse(input)
}

fn sum(input: &str) -> IResult<&str, Vec<Term>> {
    let (rest, first) = operand(input)?;
    let (rest, more) = many0(signed_term).parse(rest)?;
    let mut terms = vec![Term {
        sign: 1,
        operand: first,
    }];
    terms.extend(more);
    Ok((rest, terms))
}

fn relation(input: &str) -> IResult<&str, Relation> {
    alt((
        map(tag(">="), |_| Relation::Ge),
        map(tag("<="), |_| Relation::Le),
        map(tag("="), |_| Relation::Eq),
    ))
    .parse(input)
}

/// Parses one rule; the error names the rule so a grammar author can find it.
pub fn parse_rule(text: &str) -> Result<Rule, String> {
    let parser = (
        preceded(multispace0, sum),
        delimited(multispace1, relation, multispace1),
        sum,
        multispace0,
    );
    match all_consuming(parser).parse(text) {
        Ok((_, (left, relation, right, _))) => Ok(Rule {
            text: text.to_string(),
            left,
            relation,
            right,
        }),
        Err(e) => Err(format!("cannot parse rule {text:?}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_row_identity_with_minus() {
        let r = parse_rule("年末结转和结余 = 年初结转和结余 + 本年收入 - 本年支出/合计").unwrap();
        assert_eq!(r.relation, Relation::Eq);
        assert_eq!(r.left.len(), 1);
        assert_eq!(r.right.len(), 3);
        assert_eq!(r.right[2].sign, -1);
        assert_eq!(r.right[2].operand, Operand::Label("本年支出/合计".into()));
    }

    #[test]
    fn parses_cross_table_cells_and_inequality() {
        let r =
            parse_rule("expenditure[合计][基本支出] >= gov_fund[合计][本年支出/基本支出]").unwrap();
        assert_eq!(r.relation, Relation::Ge);
        assert_eq!(
            r.right[0].operand,
            Operand::Cell {
                table: "gov_fund".into(),
                row: "合计".into(),
                column: "本年支出/基本支出".into()
            }
        );
    }

    #[test]
    fn labels_may_hold_brackets_of_other_kinds() {
        let r = parse_rule("预算数/合计 = 预算数/因公出国(境)费 + 预算数/公务接待费").unwrap();
        assert_eq!(
            r.right[0].operand,
            Operand::Label("预算数/因公出国(境)费".into())
        );
    }

    #[test]
    fn signed_operands_move_the_right_side_over() {
        let r = parse_rule("a = b - c").unwrap();
        let signs: Vec<i64> = r.signed_operands().map(|(s, _)| s).collect();
        assert_eq!(signs, [1, -1, 1]);
    }

    #[test]
    fn rejects_a_rule_without_relation() {
        assert!(parse_rule("a + b").is_err());
        assert!(parse_rule("").is_err());
    }
}
