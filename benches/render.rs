//! Rendering cost of every mode at 80x24 and 200x60, from a real run of the built-in lesson.
//!
//! - `render/<mode>/<size>`: drawing the whole screen into a fresh buffer (the widget work of a
//!   frame, allocation included);
//! - `keypress/<size>`: a → key press handled and the screen redrawn through a TestBackend
//!   terminal (update + render + diff + backend write), alternating between two steps;
//! - `first_frame/<size>`: `App::new` plus the first draw, before any step is computed;
//! - `step_one/<size>`: `App::new`, the main path's job until step 1's frame (the real pool
//!   built, the run and its variant laid out, step 1 computed) and the draw: the work before the
//!   first screen a learner sees ("Step 1/5" included; the TUI waits for it before drawing);
//! - `big/<mode>/<steps>`: every mode of a generated lesson of 1,000 and of 10,000 steps drawn
//!   at 120x40, at its middle step (issue 9.5: each under one 60 Hz frame, 16.7 ms, and no
//!   dearer at 10,000 steps than at 1,000 where the screen shows the same).
//!
//! Run: `cargo bench --bench render`.

use std::hint::black_box;

use cogflow::app::{App, Command, Message, Mode, Options};
use cogflow::ui;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

#[path = "lessons/generated.rs"]
mod generated;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 60)];

fn options(mode: Mode) -> Options {
    Options {
        seed: 1,
        step: Some(4),
        mode,
        ..Options::default()
    }
}

fn ready(mode: Mode) -> App {
    let scenario = cogflow::scenario::resolve(None).expect("the built-in lesson loads");
    let mut app = App::new(scenario, &options(mode));
    app.run_jobs_here();
    app
}

fn render_modes(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    for mode in Mode::ALL {
        let app = ready(mode);
        for (w, h) in SIZES {
            let area = Rect::new(0, 0, w, h);
            let name = format!("{}_{}/{w}x{h}", mode.number(), mode.short().to_lowercase());
            group.bench_function(name, |b| {
                b.iter(|| {
                    let mut buf = Buffer::empty(area);
                    ui::render_area(black_box(&app), area, &mut buf);
                    black_box(buf);
                });
            });
        }
    }
    group.finish();
}

fn keypress(c: &mut Criterion) {
    let mut group = c.benchmark_group("keypress");
    for (w, h) in SIZES {
        let mut app = ready(Mode::StepThrough);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
        let mut forward = true;
        group.bench_function(format!("{w}x{h}"), |b| {
            b.iter(|| {
                let command = if forward {
                    Command::Next
                } else {
                    Command::Back
                };
                forward = !forward;
                app.update(Message::Do(command));
                terminal
                    .draw(|frame| ui::render(&app, frame))
                    .expect("drawing into a test backend");
            });
        });
    }
    group.finish();
}

fn first_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("first_frame");
    for (w, h) in SIZES {
        group.bench_function(format!("{w}x{h}"), |b| {
            b.iter(|| {
                let scenario = cogflow::scenario::resolve(None).expect("the built-in lesson loads");
                let app = App::new(scenario, &options(Mode::StepThrough));
                let area = Rect::new(0, 0, w, h);
                let mut buf = Buffer::empty(area);
                ui::render_area(&app, area, &mut buf);
                black_box(buf);
            });
        });
    }
    group.finish();
}

fn step_one(c: &mut Criterion) {
    let mut group = c.benchmark_group("step_one");
    for (w, h) in SIZES {
        group.bench_function(format!("{w}x{h}"), |b| {
            b.iter(|| {
                let scenario = cogflow::scenario::resolve(None).expect("the built-in lesson loads");
                let mut app = App::new(scenario, &options(Mode::StepThrough));
                let job = app.take_jobs().remove(0);
                cogflow::app::worker::stream(&job, &mut |event| {
                    let frame = matches!(event, cogflow::app::worker::WorkerEvent::Frame { .. });
                    app.update(Message::Worker(event));
                    !frame
                });
                let area = Rect::new(0, 0, w, h);
                let mut buf = Buffer::empty(area);
                ui::render_area(&app, area, &mut buf);
                black_box(buf);
            });
        });
    }
    group.finish();
}

fn big(c: &mut Criterion) {
    let mut group = c.benchmark_group("big");
    group.sample_size(20);
    let area = Rect::new(0, 0, 120, 40);
    for steps in [1_000, 10_000] {
        let text = generated::crypto_free(steps);
        let scenario = cogflow::scenario::load(
            "big.toml",
            text.as_bytes(),
            cogflow::scenario::Origin::Path("big.toml".into()),
        )
        .expect("the generated lesson loads");
        for mode in Mode::ALL {
            let mut app = App::new(
                scenario.clone(),
                &Options {
                    seed: 1,
                    step: Some(steps / 2),
                    mode,
                    ..Options::default()
                },
            );
            app.run_jobs_here();
            assert_eq!(app.current().frames.len(), steps);
            let name = format!("{}_{}", mode.number(), mode.short().to_lowercase());
            group.bench_function(BenchmarkId::new(name, steps), |b| {
                b.iter(|| {
                    let mut buf = Buffer::empty(area);
                    ui::render_area(black_box(&app), area, &mut buf);
                    black_box(buf);
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, render_modes, keypress, first_frame, step_one, big);
criterion_main!(benches);
