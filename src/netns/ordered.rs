//! Work on a list of items on several threads, results handed over in the
//! list's order, never more than a window of items ahead of the consumer.
//!
//! The window bounds both memory (at most that many finished sections wait in
//! memory) and how far the work runs ahead of the output: an item more than
//! `window` places after the one being written out is not started yet, so a
//! namespace that vanishes while an earlier section is still being written is
//! found gone when its turn comes.

use std::collections::HashMap;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// Progress shared by the workers and the consumer.
struct Progress {
    /// The next item no worker has taken.
    next: usize,
    /// How many items the consumer has had, in order.
    taken: usize,
}

/// Run `work` on every item on `workers` threads (each with its own state
/// from `state`), and give each result to `take` in the items' order, on the
/// calling thread. A worker starts item `i` only once `take` has had item
/// `i - window`.
pub fn ordered<T, S, R>(
    items: &[T],
    workers: usize,
    window: usize,
    state: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, &T) -> R + Sync,
    mut take: impl FnMut(usize, R),
) where
    T: Sync,
    R: Send,
{
    let window = window.max(1);
    let progress = Mutex::new(Progress { next: 0, taken: 0 });
    let moved = Condvar::new();
    // The next item for a worker, waiting while the window is full; None when all are taken.
    let claim = || {
        let mut p = progress.lock().unwrap_or_else(|e| e.into_inner());
        while p.next < items.len() && p.next >= p.taken + window {
            p = moved.wait(p).unwrap_or_else(|e| e.into_inner());
        }
        (p.next < items.len()).then(|| {
            p.next += 1;
            p.next - 1
        })
    };
    std::thread::scope(|scope| {
        let (sender, results) = mpsc::channel();
        for _ in 0..workers.clamp(1, items.len().max(1)) {
            let sender = sender.clone();
            let (claim, state, work) = (&claim, &state, &work);
            scope.spawn(move || {
                let mut own = state();
                while let Some(at) = claim() {
                    if sender.send((at, work(&mut own, &items[at]))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting = HashMap::new();
        let mut next = 0;
        for (at, result) in results {
            waiting.insert(at, result);
            while let Some(result) = waiting.remove(&next) {
                take(next, result);
                next += 1;
                progress.lock().unwrap_or_else(|e| e.into_inner()).taken = next;
                moved.notify_all();
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_come_in_order_from_many_threads() {
        let items: Vec<usize> = (0..200).collect();
        let mut seen = Vec::new();
        ordered(
            &items,
            4,
            3,
            || (),
            |_, &i| i * 2,
            |at, r| seen.push((at, r)),
        );
        let expected: Vec<(usize, usize)> = items.iter().map(|&i| (i, i * 2)).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn no_item_starts_more_than_a_window_ahead() {
        let items: Vec<usize> = (0..50).collect();
        let started = AtomicUsize::new(0);
        let mut taken = 0;
        ordered(
            &items,
            3,
            2,
            || (),
            |_, _| started.fetch_add(1, Ordering::SeqCst),
            |at, _| {
                assert!(started.load(Ordering::SeqCst) <= at + 2);
                taken += 1;
            },
        );
        assert_eq!(taken, 50);
    }

    #[test]
    fn no_items() {
        let mut calls = 0;
        ordered(&[] as &[u8], 2, 2, || (), |_, _| (), |_, ()| calls += 1);
        assert_eq!(calls, 0);
    }
}
