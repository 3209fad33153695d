//! `cogflow check` of generated crypto-free lessons of 10, 100, 1,000 and 10,000 steps: the file
//! loaded, validated and every path (main + one variant) simulated, as `check` does.
//!
//! `cargo bench --bench check`. Time per step should stay flat as the file grows (issue 10:
//! a 10,000-step file without crypto steps under 0.5 s, linear from 10 to 10,000). Criterion
//! prints the median of each size; the per-step figure is its throughput in elements.

use std::hint::black_box;

use cogflow::scenario::{Origin, load};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

#[path = "lessons/generated.rs"]
mod generated;

fn check(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for steps in [10, 100, 1_000, 10_000] {
        let text = generated::crypto_free(steps);
        let check = |text: &str| {
            let scenario = load(
                "bench.toml",
                text.as_bytes(),
                Origin::Path("bench.toml".into()),
            )
            .unwrap_or_else(|error| panic!("the generated lesson is invalid:\n{error}"));
            cogflow::flow::check_run(&scenario)
        };
        // The generator must make what the benchmark claims: a lesson that checks clean.
        let problems = check(&text);
        assert!(problems.is_empty(), "{steps} steps: {problems:?}");
        group.throughput(Throughput::Elements(steps as u64));
        group.bench_with_input(BenchmarkId::from_parameter(steps), &text, |b, text| {
            b.iter(|| black_box(check(black_box(text))));
        });
    }
    group.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);
