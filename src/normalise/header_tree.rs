//! The columns a nested text header prints, read as the tree it draws.
//!
//! A header printed as text loses its cells' positions: each line prints, left
//! to right, the pieces of the cells whose text stands on it, a cell's words
//! wrapped over several lines, and a spanning cell (`“三公”经费预算数`,
//! `公务用车购置及运行费`, `本年支出`) stands above the lines of its
//! children. The leaf columns' order is the tree's, read depth first: the
//! children of a spanning cell come where that cell stands, whatever line
//! they are printed on (`机关运行经费预算数`, printed on the first line right
//! of `“三公”经费预算数`, is the last column although `合计 … 公务接待费` and
//! `小计 购置费 运行费` are printed below it). A word printed for several
//! columns (`小计`, `合计`) names the column whose header path its ancestors
//! match.

use crate::templates::ColumnDef;
use crate::templates::header_words::without_year;
use crate::text_norm::compact;
use std::cmp::Ordering;

/// The row-label column's header word: no column.
const STUB: &str = "项目";

/// What the template says a header text is: a column's own name (leaf) or a
/// spanning cell above columns (group).
struct Vocabulary {
    /// Per column: the texts naming the column itself.
    leaves: Vec<Vec<String>>,
    /// Per column: the texts of the spanning cells above it.
    ancestors: Vec<Vec<String>>,
    /// Every leaf and ancestor text and every marker (a header word that
    /// names no column but is read whole: a two-sided table's row-label and
    /// 行次 columns), sorted and without repeats: the names a growing cell
    /// is tested against, by bisection (the test runs for every word
    /// against every open cell, and asking each name in turn was most of
    /// reading a header).
    names: Vec<String>,
}

fn alternatives(entry: &str) -> impl Iterator<Item = String> + '_ {
    entry.split('|').map(compact).filter(|s| !s.is_empty())
}

impl Vocabulary {
    /// The template's columns `defs` as header texts, with `markers`.
    fn of(defs: &[ColumnDef], markers: &[&str]) -> Self {
        let leaves = defs
            .iter()
            .map(|d| {
                let mut names: Vec<String> = d.synonyms.iter().map(|s| compact(s)).collect();
                if let Some(last) = d.header.last() {
                    names.extend(alternatives(last));
                }
                names.retain(|n| !n.is_empty());
                names
            })
            .collect();
        let ancestors = defs
            .iter()
            .map(|d| {
                let mut names: Vec<String> = Vec::new();
                if let Some((_, above)) = d.header.split_last() {
                    names.extend(above.iter().flat_map(|e| alternatives(e)));
                }
                if let Some((_, above)) = d.label.split('/').collect::<Vec<_>>().split_last() {
                    names.extend(above.iter().map(|p| compact(p)));
                }
                names.extend(d.parent.iter().map(|p| compact(p)));
                names
            })
            .collect();
        Self::new(leaves, ancestors, markers)
    }

    /// A vocabulary of these leaves, ancestors and markers, its sorted
    /// names made once.
    fn new(leaves: Vec<Vec<String>>, ancestors: Vec<Vec<String>>, markers: &[&str]) -> Self {
        let mut names: Vec<String> = leaves
            .iter()
            .chain(&ancestors)
            .flatten()
            .cloned()
            .chain(markers.iter().map(|m| m.to_string()))
            .collect();
        names.sort_unstable();
        names.dedup();
        Self {
            leaves,
            ancestors,
            names,
        }
    }

    fn is_leaf(&self, text: &str) -> bool {
        self.leaves.iter().flatten().any(|n| n == text)
    }

    fn is_group(&self, text: &str) -> bool {
        !self.is_leaf(text) && self.ancestors.iter().flatten().any(|n| n == text)
    }

    fn is_prefix(&self, text: &str) -> bool {
        self.is_joined_prefix(text, "")
    }

    /// Whether `head` followed by `tail` begins some header text: the test
    /// of a cell growing by a word, without building the joined text (it
    /// was made for every word against every cell).
    ///
    /// The names that begin with the joined text are consecutive in sorted
    /// order and come first among those not below it, so one bisection
    /// finds the only candidate.
    fn is_joined_prefix(&self, head: &str, tail: &str) -> bool {
        let at = self
            .names
            .partition_point(|n| cmp_joined(n, head, tail) == Ordering::Less);
        self.names
            .get(at)
            .is_some_and(|n| starts_with_joined(n, head, tail))
    }

    /// The columns a cell's text names or stands above.
    fn columns_under(&self, text: &str) -> Vec<usize> {
        let lists = if self.is_leaf(text) {
            &self.leaves
        } else {
            &self.ancestors
        };
        (0..lists.len())
            .filter(|i| lists.get(*i).is_some_and(|l| l.iter().any(|n| n == text)))
            .collect()
    }

    /// Whether `child` may stand under the spanning cell `group`: some column
    /// it names lists `group` above it, or none lists any spanning cell of
    /// `rivals` (the template does not say).
    fn fits_under(&self, child: &str, group: &str, rivals: &[&str]) -> bool {
        let under = self.columns_under(child);
        let above = |i: &usize| self.ancestors.get(*i).map(Vec::as_slice).unwrap_or(&[]);
        under.iter().any(|i| above(i).iter().any(|a| a == group))
            || !under
                .iter()
                .any(|i| above(i).iter().any(|a| rivals.contains(&a.as_str())))
    }
}

/// A header cell read back from its wrapped pieces.
#[derive(Debug, Clone)]
struct Cell {
    text: String,
    /// The header line its first piece is printed on.
    line: usize,
}

/// The header's cells in printed order (line of their first piece, then left
/// to right): each word continues the first cell after the last one continued
/// on its line whose text it extends towards a known name, or opens a cell.
fn read_cells(vocab: &Vocabulary, words: &[Vec<String>]) -> Vec<Cell> {
    let mut cells: Vec<Cell> = Vec::new();
    let mut stub: Option<usize> = None;
    for (n, line) in words.iter().enumerate() {
        let mut from = 0;
        for (k, w) in line.iter().enumerate() {
            let w = compact(w);
            if k == 0 && w == STUB {
                continue;
            }
            if cells.is_empty() && k == 0 && STUB.starts_with(&w) {
                stub = Some(cells.len());
                cells.push(Cell { text: w, line: n });
                from = cells.len();
                continue;
            }
            let grows = |(i, c): &(usize, &Cell)| {
                if stub == Some(*i) {
                    starts_with_joined(STUB, &c.text, &w)
                } else {
                    vocab.is_joined_prefix(&c.text, &w)
                }
            };
            let hit = cells
                .iter()
                .enumerate()
                .skip(from)
                .find(grows)
                .map(|(i, _)| i);
            if let Some(i) = hit {
                if let Some(c) = cells.get_mut(i) {
                    c.text.push_str(&w);
                }
                from = i + 1;
                continue;
            }
            let w = without_year(&w).to_string();
            if vocab.is_prefix(&w) {
                cells.push(Cell { text: w, line: n });
                from = cells.len();
            }
        }
    }
    if let Some(i) = stub {
        cells.remove(i);
    }
    cells
}

/// `text` compared with `head` followed by `tail`, byte by byte (the order
/// of `str`), without joining them.
fn cmp_joined(text: &str, head: &str, tail: &str) -> Ordering {
    let (text, head) = (text.as_bytes(), head.as_bytes());
    match text.split_at_checked(head.len()) {
        Some((start, rest)) => start.cmp(head).then_with(|| rest.cmp(tail.as_bytes())),
        // `text` is shorter than `head`: it ends or differs within `head`.
        None => text.cmp(head),
    }
}

/// Whether `text` starts with `head` followed by `tail`.
fn starts_with_joined(text: &str, head: &str, tail: &str) -> bool {
    text.strip_prefix(head)
        .is_some_and(|rest| rest.starts_with(tail))
}

/// A node of the header tree: a cell and the cells printed under it.
#[derive(Debug, Clone)]
struct Node {
    text: String,
    children: Vec<Node>,
}

/// Every way of cutting `n` children into `m` consecutive runs, as run lengths.
fn splits(n: usize, m: usize) -> Vec<Vec<usize>> {
    if m == 0 {
        return if n == 0 { vec![Vec::new()] } else { Vec::new() };
    }
    if m == 1 {
        return vec![vec![n]];
    }
    (0..=n)
        .flat_map(|first| {
            splits(n - first, m - 1).into_iter().map(move |mut rest| {
                rest.insert(0, first);
                rest
            })
        })
        .collect()
}

/// Most ways of sharing one line's cells among the spanning cells above tried.
const MAX_SPLITS: usize = 4096;

/// How well one sharing of `children` among `groups` fits the template: each
/// child under a group it fits, no group given a name twice, no group empty.
fn split_score(vocab: &Vocabulary, groups: &[&str], children: &[&str], runs: &[usize]) -> i64 {
    let mut score = 0i64;
    let mut at = 0;
    for (g, len) in groups.iter().zip(runs) {
        let run = children.get(at..at + len).unwrap_or(&[]);
        at += len;
        if run.is_empty() {
            score -= 4;
        }
        for (k, c) in run.iter().enumerate() {
            if vocab.fits_under(c, g, groups) {
                score += 2;
            }
            if run.iter().take(k).any(|p| p == c) {
                score -= 3;
            }
        }
    }
    score
}

/// Hangs each line's new cells under the spanning cells of the line above
/// that has any, shared among them the way the template fits best; cells with
/// no spanning cell above are roots.
fn build_tree(vocab: &Vocabulary, cells: &[Cell]) -> Vec<Node> {
    let mut lines: Vec<usize> = cells.iter().map(|c| c.line).collect();
    lines.dedup();
    let mut roots: Vec<Node> = Vec::new();
    // Paths (child indices from the roots) of the spanning cells last opened.
    let mut open: Vec<Vec<usize>> = Vec::new();
    for line in lines {
        let level: Vec<&Cell> = cells.iter().filter(|c| c.line == line).collect();
        let texts: Vec<&str> = level.iter().map(|c| c.text.as_str()).collect();
        let groups: Vec<String> = open
            .iter()
            .filter_map(|p| node_at(&roots, p).map(|n| n.text.clone()))
            .collect();
        let group_refs: Vec<&str> = groups.iter().map(String::as_str).collect();
        let runs = best_split(vocab, &group_refs, &texts);
        let mut next_open = Vec::new();
        let mut at = 0;
        for (path, len) in open.iter().zip(&runs) {
            for c in level.iter().skip(at).take(*len) {
                if let Some(parent) = node_at_mut(&mut roots, path) {
                    parent.children.push(Node {
                        text: c.text.clone(),
                        children: Vec::new(),
                    });
                    if vocab.is_group(&c.text) {
                        let mut p = path.clone();
                        p.push(parent.children.len() - 1);
                        next_open.push(p);
                    }
                }
            }
            at += len;
        }
        for c in level.iter().skip(at) {
            roots.push(Node {
                text: c.text.clone(),
                children: Vec::new(),
            });
            if vocab.is_group(&c.text) {
                next_open.push(vec![roots.len() - 1]);
            }
        }
        if !next_open.is_empty() {
            open = next_open;
        }
    }
    roots
}

/// The sharing of `children` among `groups` that fits best (all to roots when
/// there is no group).
fn best_split(vocab: &Vocabulary, groups: &[&str], children: &[&str]) -> Vec<usize> {
    if groups.is_empty() {
        return Vec::new();
    }
    let all = splits(children.len(), groups.len());
    if all.len() > MAX_SPLITS {
        return Vec::new();
    }
    let mut best: Option<(i64, Vec<usize>)> = None;
    for runs in all {
        let s = split_score(vocab, groups, children, &runs);
        if best.as_ref().is_none_or(|(b, _)| s > *b) {
            best = Some((s, runs));
        }
    }
    best.map(|(_, r)| r).unwrap_or_default()
}

fn node_at<'a>(roots: &'a [Node], path: &[usize]) -> Option<&'a Node> {
    let (first, rest) = path.split_first()?;
    let mut node = roots.get(*first)?;
    for i in rest {
        node = node.children.get(*i)?;
    }
    Some(node)
}

fn node_at_mut<'a>(roots: &'a mut [Node], path: &[usize]) -> Option<&'a mut Node> {
    let (first, rest) = path.split_first()?;
    let mut node = roots.get_mut(*first)?;
    for i in rest {
        node = node.children.get_mut(*i)?;
    }
    Some(node)
}

/// The leaves depth first, each with the texts of the cells above it.
fn leaves(nodes: &[Node], above: &mut Vec<String>, out: &mut Vec<(String, Vec<String>)>) {
    for n in nodes {
        if n.children.is_empty() {
            out.push((n.text.clone(), above.clone()));
        } else {
            above.push(n.text.clone());
            leaves(&n.children, above, out);
            above.pop();
        }
    }
}

/// The column a leaf names: among the unused columns it names, the one whose
/// header path shares most of the leaf's ancestors (template order on a tie).
fn resolve(vocab: &Vocabulary, text: &str, above: &[String], used: &[usize]) -> Option<usize> {
    let shared = |i: usize| {
        let anc = vocab.ancestors.get(i).map(Vec::as_slice).unwrap_or(&[]);
        above.iter().filter(|a| anc.contains(a)).count()
    };
    vocab
        .leaves
        .iter()
        .enumerate()
        .filter(|(i, names)| !used.contains(i) && names.iter().any(|n| n == text))
        .map(|(i, _)| i)
        .min_by_key(|i| (std::cmp::Reverse(shared(*i)), *i))
}

/// The printed columns, in printed order, of a text header given as the words
/// of each of its lines; `None` unless two columns read whole.
pub fn tree_columns(defs: &[ColumnDef], words: &[Vec<String>]) -> Option<Vec<String>> {
    let vocab = Vocabulary::of(defs, &MARKERS);
    let cells = read_cells(&vocab, words);
    let tree = build_tree(&vocab, &cells);
    let mut flat = Vec::new();
    leaves(&tree, &mut Vec::new(), &mut flat);
    let mut used: Vec<usize> = Vec::new();
    for (text, above) in &flat {
        if let Some(i) = resolve(&vocab, text, above, &used) {
            used.push(i);
        }
    }
    let out: Vec<String> = used
        .iter()
        .filter_map(|i| defs.get(*i).map(|d| d.label.clone()))
        .collect();
    (out.len() >= 2).then_some(out)
}

/// The header words of the columns that are no amount column: row labels,
/// codes, 行次 and 栏次. Read whole like the others, so their wrapped pieces
/// (`科` `目`) continue them and not an amount column's cell.
const MARKERS: [&str; 13] = [
    "项目",
    "项目名称",
    "行次",
    "栏次",
    "功能分类科目编码",
    "功能分类科目名称",
    "科目编码",
    "科目名称",
    "经济分类科目编码",
    "经济分类科目名称",
    "类",
    "款",
    "项",
];

/// The printed columns of each side of a two-sided table, from its text
/// header: the cells read back as for one-sided tables, the right side's
/// starting at its own row-label cell (the second `项目`). `None` unless
/// that cell is found and both sides read a column.
pub fn two_sided_columns(
    left: &[ColumnDef],
    right: &[ColumnDef],
    words: &[Vec<String>],
) -> Option<[Vec<String>; 2]> {
    let all: Vec<ColumnDef> = left.iter().chain(right).cloned().collect();
    let vocab = Vocabulary::of(&all, &MARKERS);
    let cells = read_cells(&vocab, words);
    let stub = |c: &Cell| c.text == STUB || c.text == "项目名称";
    // The right side's row-label cell: a 项目 with a column cell before it.
    let split = cells
        .iter()
        .enumerate()
        .position(|(i, c)| stub(c) && cells.iter().take(i).any(|p| vocab.is_leaf(&p.text)))?;
    let (l, r) = cells.split_at(split);
    let side = |defs: &[ColumnDef], cells: &[Cell]| {
        let vocab = Vocabulary::of(defs, &[]);
        let mut used: Vec<usize> = Vec::new();
        for c in cells {
            if let Some(i) = resolve(&vocab, &c.text, &[], &used) {
                used.push(i);
            }
        }
        used.iter()
            .filter_map(|i| defs.get(*i).map(|d| d.label.clone()))
            .collect::<Vec<_>>()
    };
    let out = [side(left, l), side(right, r.get(1..).unwrap_or(&[]))];
    out.iter().all(|s| !s.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The bisection's comparison is the joined string's, and the
        /// bisection finds a name beginning with the joined text exactly
        /// when one of the names does (texts over a few bytes and CJK
        /// characters, so that prefixes and multi-byte ties occur).
        #[test]
        fn joined_comparison_and_prefix_search_agree_with_joining(
            names in proptest::collection::vec("[ab合计]{0,4}", 0..8),
            head in "[ab合计]{0,3}",
            tail in "[ab合计]{0,3}",
        ) {
            let joined = format!("{head}{tail}");
            for n in &names {
                proptest::prop_assert_eq!(cmp_joined(n, &head, &tail), n.as_str().cmp(joined.as_str()));
            }
            let vocab = Vocabulary::new(vec![names.clone()], Vec::new(), &[]);
            proptest::prop_assert_eq!(
                vocab.is_joined_prefix(&head, &tail),
                names.iter().any(|n| n.starts_with(joined.as_str()))
            );
        }
    }

    fn def(label: &str, syn: &[&str], header: &[&str]) -> ColumnDef {
        ColumnDef {
            label: label.into(),
            synonyms: syn.iter().map(|s| s.to_string()).collect(),
            parent: None,
            header: header.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn words(lines: &[&str]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| l.split_whitespace().map(str::to_string).collect())
            .collect()
    }

    fn shanghai() -> Vec<ColumnDef> {
        vec![
            def(
                "合计",
                &["合计"],
                &["\"三公\"经费预算数|\"三公\"经费", "合计"],
            ),
            def("因公", &["因公出国(境)费"], &["因公出国(境)费"]),
            def("车/小计", &["小计"], &["公务用车购置及运行费", "小计"]),
            def("车/购置", &["购置费"], &["购置费"]),
            def("车/运行", &["运行费"], &["运行费"]),
            def("接待", &["公务接待费"], &["公务接待费"]),
            def(
                "机关",
                &["机关运行经费预算数"],
                &["机关运行经费预算数|机关运行经费"],
            ),
        ]
    }

    #[test]
    fn children_come_where_their_spanning_cell_stands() {
        let w = words(&[
            "“三公”经费预算数 机关运行经费预算数",
            "合计 因公出国(境)费 公务接待费 公务用车购置及运行费",
            "小计 购置费 运行费",
        ]);
        assert_eq!(
            tree_columns(&shanghai(), &w).unwrap(),
            [
                "合计",
                "因公",
                "接待",
                "车/小计",
                "车/购置",
                "车/运行",
                "机关"
            ]
        );
    }

    #[test]
    fn wrapped_spanning_cells_are_read_whole() {
        let w = words(&[
            "“三公” 机关运行",
            "经费预算 经费预算",
            "数 数",
            "合计 因公出国 公务接待 公务用车",
            "(境)费 费 购置及运",
            "行费",
            "小计 购置费 运行费",
        ]);
        assert_eq!(
            tree_columns(&shanghai(), &w).unwrap(),
            [
                "合计",
                "因公",
                "接待",
                "车/小计",
                "车/购置",
                "车/运行",
                "机关"
            ]
        );
    }

    #[test]
    fn a_word_printed_twice_is_told_apart_by_its_ancestors() {
        let defs = vec![
            def("总计", &["合计"], &["合计"]),
            def("合计", &["小计"], &["\"三公\"经费", "小计"]),
            def("因公", &["因公出国(境)费"], &["因公出国(境)费"]),
            def(
                "车/小计",
                &["小计"],
                &["公务用车购置及运行费|公务用车购置及运行维护费", "小计"],
            ),
            def("车/购置", &["公务用车购置费"], &["公务用车购置费|购置费"]),
            def("车/运行", &["公务用车运行维护费"], &["公务用车运行维护费"]),
            def("接待", &["公务接待费"], &["公务接待费"]),
            def("会议", &["会议费"], &["会议费"]),
            def("培训", &["培训费"], &["培训费"]),
        ];
        let w = words(&[
            "合计 “三公”经费 会议费 培训费",
            "小计 因公出国（境 公务用车购置 公务接待费",
            "）费 及运行维护费",
            "小计 公务用车购置 公务用车运行",
            "费 维护费",
        ]);
        assert_eq!(
            tree_columns(&defs, &w).unwrap(),
            [
                "总计",
                "合计",
                "因公",
                "车/小计",
                "车/购置",
                "车/运行",
                "接待",
                "会议",
                "培训"
            ]
        );
    }

    #[test]
    fn each_side_of_a_two_sided_header_reads_its_own_columns() {
        let left = vec![def("决算数", &["决算数", "金额"], &[])];
        let right = vec![
            def("合计", &["合计"], &[]),
            def("一般", &["一般公共预算财政拨款"], &[]),
            def("基金", &["政府性基金预算财政拨款"], &[]),
            def("国资", &["国有资本经营预算财政拨款"], &[]),
        ];
        let w = words(&[
            "收 支",
            "入 出",
            "项 行 金 项 行 合 国 一 政",
            "目 次 额 目 次 计 有 般 府",
            "资 公 性",
            "本 共 基",
            "经 预 金",
            "营 算 预",
            "预 财 算",
            "算 政 财",
            "财 拨 政",
            "政 款 拨",
            "拨 款",
            "款",
        ]);
        let [l, r] = two_sided_columns(&left, &right, &w).unwrap();
        assert_eq!(l, ["决算数"]);
        assert_eq!(r, ["合计", "国资", "一般", "基金"]);
    }

    #[test]
    fn a_code_column_wrapped_a_character_a_line_keeps_its_pieces() {
        let defs = vec![
            def("年初", &["年初结转和结余"], &[]),
            def("收入", &["本年收入"], &[]),
            def("本年支出/合计", &["小计", "合计"], &[]),
            def("本年支出/基本支出", &["基本支出"], &[]),
            def("本年支出/项目支出", &["项目支出"], &[]),
            def("年末", &["年末结转和结余"], &[]),
        ];
        let mut defs = defs;
        for d in defs.iter_mut().skip(2).take(3) {
            d.parent = Some("本年支出".into());
        }
        let w = words(&[
            "项 年 本 本 年",
            "目 初 年 年 末",
            "结 收 支 结",
            "转 入 出 转",
            "和 和",
            "结 结",
            "余 余",
            "功 科 基 项 小",
            "能 目 本 目 计",
            "分 名 支 支",
            "类 称 出 出",
        ]);
        assert_eq!(
            tree_columns(&defs, &w).unwrap(),
            [
                "年初",
                "收入",
                "本年支出/基本支出",
                "本年支出/项目支出",
                "本年支出/合计",
                "年末"
            ]
        );
    }

    #[test]
    fn two_spanning_cells_share_the_line_below() {
        let defs = vec![
            def("预算数/合计", &["合计"], &["预算数", "合计"]),
            def("预算数/其他", &["其他"], &["预算数", "其他"]),
            def("决算数/合计", &["合计"], &["决算数", "合计"]),
            def("决算数/其他", &["其他"], &["决算数", "其他"]),
        ];
        let w = words(&["项目 预算数 决算数", "合计 其他 合计 其他"]);
        assert_eq!(
            tree_columns(&defs, &w).unwrap(),
            ["预算数/合计", "预算数/其他", "决算数/合计", "决算数/其他"]
        );
    }
}
