//! Replays, on the stable toolchain, every input the fuzz targets of fuzz/ keep: the crashes they
//! found (fuzz/regressions/TARGET/, one file each, fixed since) and the seed corpus
//! (fuzz/seeds/TARGET/). Each goes through the same entry point as in the fuzz target
//! (`netstat::fuzzing`), which panics on the bugs fuzzing finds.

use netstat::fuzzing::TARGETS;
use std::fs;
use std::path::{Path, PathBuf};

fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(kind)
        .join(target);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("list an input directory").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Run every input of `kind` through its target; report the ones that panic, all at once.
fn replay(kind: &str) -> usize {
    let mut count = 0;
    let mut failed = Vec::new();
    for (target, entry) in TARGETS {
        for path in inputs(kind, target) {
            let data = fs::read(&path).expect("read a fuzz input");
            if std::panic::catch_unwind(|| entry(&data)).is_err() {
                failed.push(path.display().to_string());
            }
            count += 1;
        }
    }
    assert!(
        failed.is_empty(),
        "inputs that still panic:\n{}",
        failed.join("\n")
    );
    count
}

#[test]
fn found_crashes_stay_fixed() {
    replay("regressions");
}

#[test]
fn seed_corpus_parses_without_panic() {
    assert!(replay("seeds") > 0, "the seed corpus is missing");
}

#[test]
fn every_target_has_seeds() {
    for (target, _) in TARGETS {
        assert!(!inputs("seeds", target).is_empty(), "no seeds for {target}");
    }
}
