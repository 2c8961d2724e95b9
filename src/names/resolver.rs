//! Many name lookups at once, a bounded number in flight, answers in input
//! order: the listing resolves every distinct address of a table before it
//! prints the first row, so a slow resolver costs one round trip per batch
//! instead of one per address.
//!
//! A resolver that does not answer at all would still cost one timeout per
//! batch. Once several lookups in a row have failed with "try again" after a
//! real timeout, the remaining addresses are not asked for and get the
//! answer those lookups got (no name), which is what net-tools would have
//! printed after waiting for each of them.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Lookups in flight at most.
pub const MAX_IN_FLIGHT: usize = 16;
/// Consecutive timed-out lookups after which the resolver counts as dead.
const DEAD_AFTER: usize = 8;
/// A "try again" failure that took at least this long was a timeout (the
/// shortest resolver timeout is one second), not a quick SERVFAIL.
const TIMEOUT: Duration = Duration::from_millis(900);

/// One lookup's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Name(Vec<u8>),
    /// A definite "no name" (or any failure other than "try again").
    NotFound,
    /// The name service could not answer now (timeout, SERVFAIL).
    TryAgain,
}

/// Look up every key, at most [`MAX_IN_FLIGHT`] at a time; answers come back
/// in the order of `keys`.
pub fn lookup_all<K: Sync>(keys: &[K], lookup: impl Fn(&K) -> Answer + Sync) -> Vec<Answer> {
    let threads = keys.len().min(MAX_IN_FLIGHT);
    if threads <= 1 {
        return keys.iter().map(&lookup).collect();
    }
    let next = AtomicUsize::new(0);
    let timeouts_in_a_row = AtomicUsize::new(0);
    let mut answers = vec![Answer::NotFound; keys.len()];
    let found: Vec<Vec<(usize, Answer)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(key) = keys.get(i) else { break };
                        if timeouts_in_a_row.load(Ordering::Relaxed) >= DEAD_AFTER {
                            mine.push((i, Answer::TryAgain));
                            continue;
                        }
                        let started = Instant::now();
                        let answer = lookup(key);
                        if answer == Answer::TryAgain && started.elapsed() >= TIMEOUT {
                            timeouts_in_a_row.fetch_add(1, Ordering::Relaxed);
                        } else {
                            timeouts_in_a_row.store(0, Ordering::Relaxed);
                        }
                        mine.push((i, answer));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            // A panicking lookup leaves its addresses unnamed.
            .map(|w| w.join().unwrap_or_default())
            .collect()
    });
    for (i, answer) in found.into_iter().flatten() {
        answers[i] = answer;
    }
    answers
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn answers_keep_the_input_order() {
        let keys: Vec<u32> = (0..100).collect();
        let answers = lookup_all(&keys, |k| {
            if k % 3 == 0 {
                Answer::NotFound
            } else {
                Answer::Name(k.to_string().into_bytes())
            }
        });
        for (k, a) in keys.iter().zip(&answers) {
            let expected = if k % 3 == 0 {
                Answer::NotFound
            } else {
                Answer::Name(k.to_string().into_bytes())
            };
            assert_eq!(a, &expected);
        }
    }

    #[test]
    fn concurrency_is_bounded() {
        let now = AtomicUsize::new(0);
        let peak = AtomicUsize::new(0);
        let keys: Vec<u32> = (0..64).collect();
        lookup_all(&keys, |_| {
            let n = now.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(n, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(2));
            now.fetch_sub(1, Ordering::SeqCst);
            Answer::NotFound
        });
        let peak = peak.load(Ordering::SeqCst);
        assert!((2..=MAX_IN_FLIGHT).contains(&peak), "peak {peak}");
    }

    #[test]
    fn a_dead_resolver_is_not_asked_for_every_address() {
        let asked = AtomicUsize::new(0);
        let keys: Vec<u32> = (0..200).collect();
        let answers = lookup_all(&keys, |_| {
            asked.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(TIMEOUT);
            Answer::TryAgain
        });
        assert!(answers.iter().all(|a| *a == Answer::TryAgain));
        let asked = asked.load(Ordering::SeqCst);
        assert!(asked < 2 * MAX_IN_FLIGHT, "asked {asked} times");
    }
}
