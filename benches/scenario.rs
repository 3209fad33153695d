//! Load + validate generated scenarios of 10, 100, 1,000 and 10,000 steps.
//!
//! `cargo bench --bench scenario`. Time per step should stay flat as the file grows (linear
//! growth); each size also reports its throughput in bytes.

use std::fmt::Write as _;
use std::hint::black_box;

use cogflow::scenario::{Origin, load};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// Actions that cycle through the generated steps (with the inputs each needs).
const STEPS: &[&str] = &[
    "action = \"enter_credentials\"",
    "action = \"send_credentials\"",
    "action = \"verify_credentials\"",
    "action = \"return_result\"\nwhen = \"success\"",
    "action = \"grant_access\"\nwhen = \"success\"",
    "action = \"show_error\"\nwhen = \"error:NotAuthorizedException\"",
    "action = \"advance_clock\"\nduration = \"61m\"",
    "action = \"get_user\"",
];

/// A valid scenario with `steps` steps (each with an id, an action, a diagram node and an
/// explanation), plus one key moment and one question per 50 steps (each referring to steps by
/// id and number), a diagram, a sample and a variant. Kept compact so that 10,000 steps fit
/// under the 1 MiB limit.
fn generate(steps: usize) -> String {
    let mut out = String::from(
        "format_version = 1\n\n[scenario]\nid = \"bench\"\ntitle = \"Generated\"\n\
         track = [\"username\", \"authStatus\", \"token\", \"clock\"]\n\n\
         [pool]\nauth_flows = [\"ALLOW_USER_PASSWORD_AUTH\", \"ALLOW_REFRESH_TOKEN_AUTH\"]\n\n\
         [[pool.users]]\nusername = \"ana\"\npassword = \"Correct-Horse-42\"\n\n[diagram]\n",
    );
    for n in 0..8 {
        let _ = write!(
            out,
            "\n[[diagram.nodes]]\nid = \"n{n}\"\nlabel = \"Node {n}\"\n"
        );
    }
    out.push_str("\n[sample]\nlines = [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\"]\n");
    for i in 0..steps {
        let _ = write!(
            out,
            "\n[[steps]]\nid = \"s{i}\"\n{}\nnode = \"n{}\"\nexplain = \"S{i}\"\n",
            STEPS[i % STEPS.len()],
            i % 8,
        );
    }
    out.push_str(
        "\n[[variants]]\nid = \"wrong-password\"\ntitle = \"Wrong password\"\nset = { password = \"x\" }\n",
    );
    for i in (0..steps).step_by(50) {
        let _ = write!(
            out,
            "\n[[moments]]\ntitle = \"M{i}\"\ntext = \"About step {}.\"\nsteps = [\"s{i}\", {}]\n\
             \n[[questions]]\nid = \"q{i}\"\nprompt = \"Which?\"\nchoices = [\"Step 1\", \"Step 2\"]\n\
             answer = \"A\"\nhints = [\"Look.\"]\nabout_step = \"s{i}\"\n\
             proof = {{ variant = \"wrong-password\", step = {}, field = \"response\", expect = \"x\" }}\n",
            i + 1,
            i + 1,
            i + 1,
        );
    }
    out
}

fn load_and_validate(c: &mut Criterion) {
    let mut group = c.benchmark_group("load+validate");
    group.sample_size(20);
    for steps in [10, 100, 1_000, 10_000] {
        let text = generate(steps);
        // The generator must produce what the benchmark claims: a valid file under 1 MiB.
        match load(
            "bench.toml",
            text.as_bytes(),
            Origin::Path("bench.toml".into()),
        ) {
            Ok(loaded) => assert_eq!(loaded.file.steps.len(), steps),
            Err(error) => panic!("generated scenario is invalid:\n{error}"),
        }
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(steps), &text, |b, text| {
            b.iter(|| {
                load(
                    "bench.toml",
                    black_box(text.as_bytes()),
                    Origin::Path("bench.toml".into()),
                )
            });
        });
    }
    group.finish();
}

criterion_group!(benches, load_and_validate);
criterion_main!(benches);
