//! Rendering cost of every mode at 80x24 and 200x60, from a real run of the built-in lesson.
//!
//! - `render/<mode>/<size>`: drawing the whole screen into a fresh buffer (the widget work of a
//!   frame, allocation included);
//! - `keypress/<size>`: a → key press handled and the screen redrawn through a TestBackend
//!   terminal (update + render + diff + backend write), alternating between two steps;
//! - `first_frame/<size>`: `App::new` plus the first draw, before any step is computed — what a
//!   learner sees at launch while the worker thread sets up the pool.
//!
//! Run: `cargo bench --bench render`.

use std::hint::black_box;

use cogflow::app::{App, Command, Message, Mode, Options};
use cogflow::ui;
use criterion::{Criterion, criterion_group, criterion_main};
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

criterion_group!(benches, render_modes, keypress, first_frame);
criterion_main!(benches);
