//! The growth check the benchmarks share: time one run per size, print each with its ratio to
//! the size before, and fail when doubling the input costs more than 2.5 times as much.

/// `sizes` doubling; `run(n)` returns the seconds one run of size `n` took.
pub fn linear(what: &str, unit: &str, sizes: &[usize], mut run: impl FnMut(usize) -> f64) {
    let mut previous: Option<f64> = None;
    for &n in sizes {
        let secs = run(n);
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
