//! Generated lessons the benchmarks share.

use std::fmt::Write as _;

/// Steps that need no cryptography (no password checked, no token signed), cycled.
const STEPS: &[&str] = &[
    "action = \"enter_credentials\"",
    "action = \"advance_clock\"\nduration = \"1m\"",
];

/// A valid lesson of `steps` crypto-free steps, a diagram, a sample and one variant.
pub fn crypto_free(steps: usize) -> String {
    let mut out = String::from(
        "format_version = 1\n\n[scenario]\nid = \"bench\"\ntitle = \"Generated\"\n\
         track = [\"username\", \"clock\"]\n\n\
         [[pool.users]]\nusername = \"ana\"\npassword = \"Correct-Horse-42\"\n\n[diagram]\n\
         \n[[diagram.nodes]]\nid = \"n0\"\nlabel = \"Node\"\n\
         \n[sample]\nlines = [\"1\"]\n",
    );
    for i in 0..steps {
        let _ = write!(
            out,
            "\n[[steps]]\nid = \"s{i}\"\n{}\nnode = \"n0\"\nexplain = \"S{i}\"\n",
            STEPS[i % STEPS.len()],
        );
    }
    out.push_str(
        "\n[[variants]]\nid = \"other\"\ntitle = \"Other user\"\nset = { username = \"bo\" }\n",
    );
    out
}
