//! The order in which workers take files. Outputs are written in input
//! order whatever this order is, so it only decides how well the workers
//! are used: within each window of [`WINDOW`] files, the largest go first.
//! A run then ends on small files and the workers finish close together,
//! instead of one worker reading a large report while the others idle;
//! and since a window is small, a file waits for its turn in the outputs
//! at most about one window, which keeps the outputs' memory bounded.

use super::aggregate::MAX_HELD;
use super::pool::Job;

/// Files reordered together: half of what the outputs hold in memory, so
/// that reordering alone never makes them spill to disk.
pub const WINDOW: usize = MAX_HELD / 2;

/// Reorders `work` in place, largest file first within each window; sizes
/// come from `size_of` (unknown sizes count as 0). The sort is stable, so
/// files of equal size keep input order and the schedule is deterministic.
pub fn largest_first_in_windows(work: &mut [Job], size_of: impl Fn(&Job) -> u64) {
    for window in work.chunks_mut(WINDOW) {
        window.sort_by_key(|job| std::cmp::Reverse(size_of(job)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::read_file::ReadRequest;
    use std::path::PathBuf;

    fn job(index: usize) -> Job {
        let path = PathBuf::from(format!("{index}"));
        (
            index,
            ReadRequest {
                path,
                report: None,
                crops: None,
            },
        )
    }

    #[test]
    fn each_window_starts_with_its_largest_file_and_windows_keep_their_order() {
        let mut work: Vec<Job> = (0..WINDOW * 2 + 3).map(job).collect();
        // Size grows with the index, so every window reverses.
        largest_first_in_windows(&mut work, |(i, _)| *i as u64);
        let order: Vec<usize> = work.iter().map(|(i, _)| *i).collect();
        assert_eq!(order.first(), Some(&(WINDOW - 1)));
        assert_eq!(order.get(WINDOW), Some(&(2 * WINDOW - 1)));
        assert_eq!(order.last(), Some(&(2 * WINDOW)));
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..WINDOW * 2 + 3).collect::<Vec<_>>());
    }

    #[test]
    fn equal_sizes_keep_input_order() {
        let mut work: Vec<Job> = (0..5).map(job).collect();
        largest_first_in_windows(&mut work, |_| 7);
        let order: Vec<usize> = work.iter().map(|(i, _)| *i).collect();
        assert_eq!(order, vec![0, 1, 2, 3, 4]);
    }
}
