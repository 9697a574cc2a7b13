//! How the Parquet writer's memory grows with a run: the records of a
//! finished run (`OUT/records/*.json`) are written again and again, as the
//! reports of a run of N, into `--format parquet`'s files, and the heap in
//! use (bytes allocated and not yet freed, counted by a wrapping allocator)
//! is printed every tenth of the way, before and after the footers.
//!
//! ```sh
//! cargo run --release --example parquet_memory -- OUT/records 10000 /tmp/pq
//! ```
//!
//! Flat means: the heap after 1,000 reports and after 10,000 differ by no
//! more than what one record holds (docs/data-formats.md).

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use yujuesuan::batch::record::load_record;
use yujuesuan::output::parquet::ParquetWriter;

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only
// the counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let now = IN_USE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                - layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        } else {
            IN_USE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: parquet_memory RECORDS_DIR N OUT_DIR";
    let records = PathBuf::from(args.next().ok_or(usage)?);
    let n: usize = args.next().ok_or(usage)?.parse()?;
    let out = PathBuf::from(args.next().ok_or(usage)?);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&records)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("no records in {}", records.display()).into());
    }
    let mut writer = ParquetWriter::create(&out)?;
    let base = IN_USE.load(Ordering::Relaxed);
    println!("reports  heap_MB  peak_MB");
    for k in 0..n {
        let path = &paths[k % paths.len()];
        let record = load_record(path).ok_or_else(|| format!("{}: no record", path.display()))?;
        writer.add_record(&format!("{k:06}"), &record)?;
        drop(record);
        if (k + 1) % (n / 10).max(1) == 0 {
            println!(
                "{:7}  {:7.1}  {:7.1}",
                k + 1,
                mb(IN_USE.load(Ordering::Relaxed) - base),
                mb(PEAK.load(Ordering::Relaxed) - base)
            );
        }
    }
    writer.finish()?;
    println!(
        "finished  {:7.1}  {:7.1}",
        mb(IN_USE.load(Ordering::Relaxed).saturating_sub(base)),
        mb(PEAK.load(Ordering::Relaxed) - base)
    );
    Ok(())
}
