//! Reading a self-evaluation table from its lines. The tables are printed
//! with wrapped cells, so a row is recognised by its end (target, actual and
//! a score) and everything printed since the previous row is its name,
//! with the 一级/二级指标 names peeled off its start.

use super::table::{BudgetExecution, EvaluationKind, Goal, Indicator, SelfEvaluationTable};
use super::tokens::{score_of, tokens};
use crate::facts::amount::parse_number;
use crate::lines::Line;
use regex::Regex;
use std::sync::LazyLock;

const LEVEL1: &str = "产出指标|效益指标|满意度指标";
const LEVEL2: &str = "数量指标|质量指标|时效指标|成本指标|产出时效|经济效益指标|社会效益指标|生态效益指标|可持续影响指标|(?:群众|社会|服务对象|社会公众或服务对象)?满意度指标";

struct Patterns {
    levels: Regex,
    goal: Regex,
    project: Regex,
}

/// Compiled once per process: reports are read by the thousand.
static PATTERNS: LazyLock<Option<Patterns>> = LazyLock::new(|| {
    Some(Patterns {
        levels: Regex::new(&format!("^(?P<l1>{LEVEL1})?(?P<l2>{LEVEL2})?(?P<name>.*)$")).ok()?,
        goal: Regex::new(r"目标([0-9]+)[::]?\(([0-9]+(?:\.[0-9]+)?)分\)").ok()?,
        project: Regex::new(r"项目名称(.+)").ok()?,
    })
});

struct Reader {
    table: SelfEvaluationTable,
    pending: String,
    level1: Option<String>,
    level2: Option<String>,
    goal: Option<u32>,
}

impl Reader {
    fn take_goals(&mut self, p: &Patterns) {
        for c in p.goal.captures_iter(&self.pending) {
            let number = c.get(1).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
            let weight = c
                .get(2)
                .and_then(|m| parse_number(m.as_str()))
                .unwrap_or(0.0);
            if !self.table.goals.iter().any(|g| g.number == number) {
                self.table.goals.push(Goal { number, weight });
            }
            self.goal = Some(number);
            self.level1 = None;
            self.level2 = None;
        }
    }

    fn push_indicator(
        &mut self,
        p: &Patterns,
        name_part: &str,
        target: Option<String>,
        actual: Option<String>,
        score: f64,
        page: u32,
    ) {
        self.take_goals(p);
        let mut prefix = std::mem::take(&mut self.pending);
        prefix.push_str(name_part);
        let header_end = prefix.rfind("得分").map(|i| i + "得分".len());
        let goal_end = p.goal.find_iter(&prefix).last().map(|m| m.end());
        let cut = header_end.max(goal_end).unwrap_or(0);
        let after_header = prefix.get(cut..).unwrap_or(&prefix).to_string();
        let (l1, l2, name) = match p.levels.captures(&after_header) {
            Some(c) => (
                c.name("l1").map(|m| m.as_str().to_string()),
                c.name("l2").map(|m| m.as_str().to_string()),
                c.name("name")
                    .map(|m| m.as_str().to_string())
                    .unwrap_or_default(),
            ),
            None => (None, None, after_header.clone()),
        };
        if l1.is_some() {
            self.level1 = l1;
            self.level2 = None;
        }
        if l2.is_some() {
            self.level2 = l2;
        }
        self.table.indicators.push(Indicator {
            goal: self.goal,
            level1: self.level1.clone(),
            level2: self.level2.clone(),
            name,
            target,
            actual,
            score,
            page,
        });
    }

    /// A lone score after wrapped cells ends a row whose cells could not be
    /// told apart; a lone number after 目标 is a goal's number instead.
    fn is_scattered_row_end(&self, p: &Patterns, joined: &str) -> bool {
        !self.pending.is_empty()
            && !self.pending.ends_with("目标")
            && !p.goal.is_match(&format!("{}{joined}", self.pending))
            && !self.table.indicators.is_empty()
    }

    /// Reads one line; true when the table ended (总分).
    fn line(&mut self, p: &Patterns, line: &Line) -> bool {
        let toks = tokens(line);
        let joined: String = toks.concat();
        if self.table.project.is_none()
            && let Some(c) = p.project.captures(&joined)
        {
            self.table.project = c.get(1).map(|m| m.as_str().to_string());
            return false;
        }
        let total_here = joined.starts_with("总分") || self.pending.ends_with("总分");
        if total_here {
            let score = toks
                .last()
                .and_then(|t| score_of(t.trim_start_matches("总分")));
            if score.is_some() {
                self.table.total_score = score;
                return true;
            }
        }
        let n = toks.len();
        let score = toks.last().and_then(|t| score_of(t));
        let in_body = self.pending.contains("得分") || !self.table.indicators.is_empty();
        match score {
            Some(score) if n >= 4 && self.table.execution.is_none() && is_execution(&toks) => {
                let num = |i: usize| toks.get(i).and_then(|t| parse_number(t));
                self.table.execution = Some(BudgetExecution {
                    budget: num(n - 4).unwrap_or(0.0),
                    actual: num(n - 3).unwrap_or(0.0),
                    rate_pct: toks
                        .get(n - 2)
                        .and_then(|t| parse_number(t.trim_end_matches('%'))),
                    score,
                });
                self.pending.clear();
            }
            Some(score) if n >= 3 && in_body => {
                let name_part: String = toks.iter().take(n - 3).cloned().collect();
                let target = toks.get(n - 3).cloned();
                let actual = toks.get(n - 2).cloned();
                self.push_indicator(p, &name_part, target, actual, score, line.page);
            }
            Some(score) if n == 1 && in_body && self.is_scattered_row_end(p, &joined) => {
                self.push_indicator(p, "", None, None, score, line.page);
            }
            _ => self.pending.push_str(&joined),
        }
        false
    }
}

/// A printed page number ("28", "- 28 -") as the last line of its page.
fn is_page_number(line: &Line, next_page: Option<u32>) -> bool {
    let compact = line.compact();
    let digits = compact.trim_matches(['-', '—', ' ']);
    next_page.is_some_and(|p| p != line.page)
        && !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
}

/// The execution row: … 预算数 执行数 执行率% 得分.
fn is_execution(toks: &[String]) -> bool {
    let n = toks.len();
    let rate = toks
        .get(n.wrapping_sub(2))
        .is_some_and(|t| t.ends_with('%'));
    let a = toks.get(n.wrapping_sub(3)).and_then(|t| parse_number(t));
    let b = toks.get(n.wrapping_sub(4)).and_then(|t| parse_number(t));
    rate && a.is_some() && b.is_some()
}

/// Reads a self-evaluation table from the lines after its title.
pub fn read_table(
    kind: EvaluationKind,
    title: &str,
    page: u32,
    lines: &[Line],
) -> SelfEvaluationTable {
    let table = SelfEvaluationTable {
        kind,
        title: title.to_string(),
        page,
        project: None,
        execution: None,
        goals: Vec::new(),
        indicators: Vec::new(),
        total_score: None,
    };
    let Some(p) = PATTERNS.as_ref() else {
        return table;
    };
    let mut reader = Reader {
        table,
        pending: String::new(),
        level1: None,
        level2: None,
        goal: None,
    };
    for (i, line) in lines.iter().enumerate() {
        let next_page = lines.get(i + 1).map(|l| l.page);
        if is_page_number(line, next_page) {
            continue;
        }
        if reader.line(p, line) {
            break;
        }
    }
    reader.table
}
