//! What saving progress costs: a learner's key press may trigger `record_step`, and a quiz
//! answer `record_attempt`. Each is lock + read + parse + write temp + fsync + rename.
//!
//! `cargo bench --bench progress`

#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use cogflow::progress::{ScenarioKey, Store, results};
use cogflow::quiz::QuizSession;
use criterion::{Criterion, criterion_group, criterion_main};

fn home(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("cogflow-bench-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn bench(c: &mut Criterion) {
    let lesson = cogflow::scenario::resolve(None).unwrap();
    let key = ScenarioKey::of(&lesson);
    let attempt = QuizSession::for_scenario(&lesson.file, 0)
        .unwrap()
        .answer(1)
        .unwrap()
        .attempt;

    let dir = home("step");
    let mut store = Store::at(&dir);
    let mut step = 0;
    c.bench_function("record_step (changed: write + fsync)", |b| {
        b.iter(|| {
            step = step % 7 + 1;
            store.record_step(&key, black_box(step), None).unwrap();
        });
    });
    c.bench_function("record_step (unchanged: read only)", |b| {
        b.iter(|| store.record_step(&key, black_box(step), None).unwrap());
    });

    for existing in [10, 1000] {
        let dir = home(&format!("attempt-{existing}"));
        let mut store = Store::at(&dir);
        for _ in 0..existing {
            store.record_attempt(&key, &attempt).unwrap();
        }
        let all = Store::at(&dir).all().unwrap();
        c.bench_function(&format!("results CSV ({existing} rows)"), |b| {
            b.iter(|| {
                results::to_csv(&results::rows(
                    black_box(&all),
                    results::Naming::Names { fallback: None },
                ))
            });
        });
        // Each iteration adds one more attempt; over a few hundred iterations the file grows
        // by about that many, which the figure includes.
        c.bench_function(
            &format!("record_attempt (file holds {existing}+ attempts)"),
            |b| b.iter(|| store.record_attempt(&key, &attempt).unwrap()),
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

criterion_group!(benches, bench);
criterion_main!(benches);
