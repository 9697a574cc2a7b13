//! Command-line flags for the resource limits, as a clap `Args` struct the
//! CLI flattens (`#[command(flatten)] limits: LimitsArgs`), so every bound
//! can be changed without the CLI knowing the list.

use crate::limits::Limits;
use std::time::Duration;

/// `--max-*` and `--timeout` flags; an absent flag keeps the default of
/// [`Limits::default`].
#[derive(Debug, Clone, Default, PartialEq, clap::Args)]
pub struct LimitsArgs {
    /// Largest input file, in MiB [default: 256].
    #[arg(long, value_name = "MIB")]
    pub max_file_mb: Option<u64>,
    /// Most pages in one PDF [default: 2000].
    #[arg(long, value_name = "N")]
    pub max_pages: Option<usize>,
    /// Most glyphs on one PDF page [default: 200000].
    #[arg(long, value_name = "N")]
    pub max_glyphs_per_page: Option<usize>,
    /// Most ruling segments on one PDF page [default: 100000].
    #[arg(long, value_name = "N")]
    pub max_rules_per_page: Option<usize>,
    /// Most drawing operations on one PDF page [default: 2000000].
    #[arg(long, value_name = "N")]
    pub max_operations_per_page: Option<usize>,
    /// Largest decoded size of one PDF stream, in MiB [default: 128].
    #[arg(long, value_name = "MIB")]
    pub max_stream_mb: Option<u64>,
    /// Largest decoded size of all streams of one PDF, in MiB [default: 1024].
    #[arg(long, value_name = "MIB")]
    pub max_decoded_mb: Option<u64>,
    /// Most objects in one PDF [default: 1000000].
    #[arg(long, value_name = "N")]
    pub max_objects: Option<usize>,
    /// Deepest array/dictionary nesting in one PDF [default: 256].
    #[arg(long, value_name = "N")]
    pub max_nesting: Option<usize>,
    /// Seconds allowed per file, checked between pages and while drawing;
    /// 0 for no limit [default: 120].
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
}

const MIB: u64 = 1024 * 1024;

impl LimitsArgs {
    /// The limits these flags ask for: defaults, overridden by each flag given.
    pub fn limits(&self) -> Limits {
        let mut l = Limits::default();
        if let Some(mb) = self.max_file_mb {
            l.max_bytes = usize::try_from(mb.saturating_mul(MIB)).unwrap_or(usize::MAX);
        }
        if let Some(n) = self.max_pages {
            l.max_pages = n;
        }
        if let Some(n) = self.max_glyphs_per_page {
            l.max_glyphs_per_page = n;
        }
        if let Some(n) = self.max_rules_per_page {
            l.max_rules_per_page = n;
        }
        if let Some(n) = self.max_operations_per_page {
            l.max_operations_per_page = n;
        }
        if let Some(mb) = self.max_stream_mb {
            l.max_stream_bytes = mb.saturating_mul(MIB);
        }
        if let Some(mb) = self.max_decoded_mb {
            l.max_decoded_bytes = mb.saturating_mul(MIB);
        }
        if let Some(n) = self.max_objects {
            l.max_objects = n;
        }
        if let Some(n) = self.max_nesting {
            l.max_nesting = n;
        }
        if let Some(s) = self.timeout {
            l.time_limit = if s > 0.0 && s.is_finite() {
                Some(Duration::from_secs_f64(s.min(1e9)))
            } else {
                None
            };
        }
        l
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        limits: LimitsArgs,
    }

    #[test]
    fn flags_override_defaults() {
        let cli = Cli::parse_from(["x"]);
        assert_eq!(cli.limits.limits(), Limits::default());
        let cli = Cli::parse_from([
            "x",
            "--max-stream-mb",
            "1",
            "--timeout",
            "0",
            "--max-pages",
            "3",
        ]);
        let l = cli.limits.limits();
        assert_eq!(l.max_stream_bytes, MIB);
        assert_eq!(l.time_limit, None);
        assert_eq!(l.max_pages, 3);
    }
}
