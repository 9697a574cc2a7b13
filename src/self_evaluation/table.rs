//! The self-evaluation tables as data: indicators, goals, budget execution
//! and totals. Plain serialisable structs.

use serde::Serialize;

/// Which self-evaluation table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvaluationKind {
    /// 整体绩效自评表: the unit as a whole.
    Overall,
    /// 项目自评表: one project.
    Project,
}

/// A 年度绩效目标 and its weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Goal {
    /// The goal's number (年度目标 1).
    pub number: u32,
    /// Points the goal carries ((50 分)).
    pub weight: f64,
}

/// One 三级指标 row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// The goal it belongs to, when stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal: Option<u32>,
    /// 一级指标 (产出指标, 效益指标, 满意度指标).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level1: Option<String>,
    /// 二级指标 (数量指标, 质量指标 …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level2: Option<String>,
    /// 三级指标: the indicator itself.
    pub name: String,
    /// 年初目标值, as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// 实际完成值, as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    /// 得分.
    pub score: f64,
    /// The page.
    pub page: u32,
}

/// The 预算执行情况 row: budget, execution, rate and its score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetExecution {
    /// 预算数 (A), in 万元.
    pub budget: f64,
    /// 执行数 (B), in 万元.
    pub actual: f64,
    /// 执行率 (B/A) as printed, in %.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_pct: Option<f64>,
    /// 得分.
    pub score: f64,
}

/// One self-evaluation table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelfEvaluationTable {
    /// Overall or project.
    pub kind: EvaluationKind,
    /// The title as printed.
    pub title: String,
    /// The page of the title.
    pub page: u32,
    /// 项目名称, for a project table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// The budget execution row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution: Option<BudgetExecution>,
    /// The goals, in order.
    pub goals: Vec<Goal>,
    /// The indicators, in order.
    pub indicators: Vec<Indicator>,
    /// 总分 as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_score: Option<f64>,
}

/// One row of the 整体绩效自评报告's budget table (年初预算数 调整后预算数 决算数).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetSummaryRow {
    /// The label, with its group for sub-rows (`基本支出/人员经费`, `项目支出/小计`).
    pub label: String,
    /// Values by column label; `None` for a printed dash.
    pub values: Vec<(String, Option<f64>)>,
    /// The page.
    pub page: u32,
}

/// Everything the performance self-evaluation attachments print.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct SelfEvaluation {
    /// The 整体绩效自评表 and 项目自评表s.
    pub tables: Vec<SelfEvaluationTable>,
    /// The self-evaluation report's budget table, when printed.
    pub budget_summary: Vec<BudgetSummaryRow>,
}
