//! The growth check the benchmarks share: time each size, print it with its ratio to the size
//! before, and fail when doubling the input costs more than 2.5 times as much.

/// Runs per size; the fastest counts. Wall time on a shared machine swings with the kernel's
/// page handling (the same run took 0.6 s and 1.2 s), the fastest run does not.
const RUNS: usize = 3;

/// `sizes` doubling; `run(n)` returns the seconds one run of size `n` took.
pub fn linear(what: &str, unit: &str, sizes: &[usize], mut run: impl FnMut(usize) -> f64) {
    let mut previous: Option<f64> = None;
    for &n in sizes {
        let secs = (0..RUNS).map(|_| run(n)).fold(f64::INFINITY, f64::min);
        let ratio = previous.map(|p| secs / p);
        println!(
            "{what}, {n:>6} {unit} {secs:>8.3} s{}",
            ratio
                .map(|r| format!("  (x{r:.2} for twice the {unit})"))
                .unwrap_or_default()
        );
        if let Some(r) = ratio {
            assert!(
                r < 2.5,
                "doubling the {unit} took {r:.2} times as long: not linear"
            );
        }
        previous = Some(secs);
    }
}
