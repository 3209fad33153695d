//! The mock pool's keys kept between runs (issue 10): made once per seed, loaded after, every
//! byte of a run the same either way, and a damaged, unreadable or unwritable cache replaced or
//! worked around with one note, never trusted and never fatal.

use std::fs;
use std::path::Path;

use crate::support::{CACHE_ENV, Ran, TempHome, cogflow, key_cache};

/// `transcript --format json --seed 5` (the JWKS and every signed token are in it) with the
/// key cache in `cache`.
fn transcript(cache: &Path) -> Ran {
    cogflow(&["transcript", "--format", "json", "--seed", "5"])
        .env(CACHE_ENV, cache)
        .run()
}

fn key_file(cache: &Path) -> std::path::PathBuf {
    cache.join("keys-v1").join("seed-5.pem")
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).unwrap().ino()
}

#[test]
#[cfg(unix)]
fn keys_are_made_once_per_seed_kept_and_give_the_same_bytes() {
    let cache = TempHome::new("keys-once");
    let first = transcript(cache.path());
    assert_eq!((first.code, first.stderr.as_str()), (0, ""));
    let file = key_file(cache.path());
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with(
            "# cogflow: the mock Cognito pool's signing keys for --seed 5.\n\
             # A mock's keys, worthless outside cogflow."
        ),
        "{text}"
    );
    assert_eq!(text.matches("-----BEGIN RSA PRIVATE KEY-----").count(), 2);
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "private keys are the user's alone");
    }
    let made = inode(&file);

    let second = transcript(cache.path());
    assert_eq!((second.code, second.stderr.as_str()), (0, ""));
    assert_eq!(
        second.stdout, first.stdout,
        "loaded keys sign the same bytes"
    );
    assert_eq!(inode(&file), made, "a good file is read, not written again");
    assert_eq!(cache.files(), [file], "one file per seed, nothing else");

    // Without the cache at all (a folder of its own each time): still the same bytes.
    let fresh = TempHome::new("keys-fresh");
    assert_eq!(transcript(fresh.path()).stdout, first.stdout);
}

#[test]
fn without_cogflow_cache_the_keys_live_under_cogflow_home() {
    let home = TempHome::new("keys-home");
    let ran = cogflow(&["transcript", "--seed", "5"])
        .home(&home)
        .env(CACHE_ENV, "")
        .run();
    assert_eq!(ran.code, 0, "{ran:?}");
    assert!(
        key_file(&home.join("cache")).is_file(),
        "{:?}",
        home.files()
    );
}

#[test]
fn a_damaged_or_unreadable_key_file_is_replaced_with_one_note() {
    // The sound files come from the suite's own cache (kept between runs: no key made here).
    let want = transcript(&key_cache()).stdout;
    let good = fs::read_to_string(key_file(&key_cache())).unwrap();
    let other_seed = {
        cogflow(&["transcript", "--seed", "6"]).run();
        fs::read_to_string(key_cache().join("keys-v1").join("seed-6.pem")).unwrap()
    };
    let flipped = {
        let mut bytes = good.clone().into_bytes();
        let at = good.find("-----BEGIN").unwrap() + 300;
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        String::from_utf8(bytes).unwrap()
    };
    // (what, the file's new content, or None for a folder in its place; part of the note).
    // One case per note the program can say; each costs a key generation (the file is
    // replaced), so the other damages (cut short, empty, not keys at all) are checked where
    // the file is read, cognito::keys::kept's every_damage_is_refused_with_its_reason.
    let cases: [(&str, Option<String>, &str); 3] = [
        (
            "one character changed",
            Some(flipped),
            "checksum does not match",
        ),
        (
            "another seed's keys",
            Some(other_seed),
            "not marked as the keys for seed 5",
        ),
        ("a folder", None, "could not read the kept keys"),
    ];
    for (what, content, why) in cases {
        let cache = TempHome::new("keys-damaged");
        let file = key_file(cache.path());
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        match &content {
            Some(text) => fs::write(&file, text).unwrap(),
            None => fs::create_dir(&file).unwrap(),
        }
        let ran = transcript(cache.path());
        assert_eq!(ran.code, 0, "{what}: {ran:?}");
        assert_eq!(
            ran.stdout, want,
            "{what}: the run is the seed's all the same"
        );
        let notes: Vec<&str> = ran.stderr.lines().collect();
        assert_eq!(notes.len(), 1, "{what}: one note: {notes:?}");
        assert!(
            notes[0].starts_with("cogflow: note: ")
                && notes[0].contains(why)
                && notes[0].contains(&file.display().to_string()),
            "{what}: {}",
            notes[0]
        );
        if content.is_some() {
            assert_eq!(fs::read_to_string(&file).unwrap(), good, "{what}: replaced");
            assert_eq!(transcript(cache.path()).stderr, "", "{what}: no note after");
        }
    }
}

#[test]
fn a_cache_that_cannot_be_written_costs_time_not_the_lesson() {
    let dir = TempHome::new("keys-unwritable");
    let cache = dir.join("cache");
    fs::write(&cache, "a file where the cache folder should be").unwrap();
    let ran = transcript(&cache);
    assert_eq!(ran.code, 0, "{ran:?}");
    assert_eq!(ran.stdout, transcript(&key_cache()).stdout);
    assert_eq!(ran.stderr.lines().count(), 1, "{}", ran.stderr);
    assert!(ran.stderr.starts_with("cogflow: note: "), "{}", ran.stderr);
}

/// The spare seed named in `cache`, once it names one other than `not` (a run takes the
/// spare when it starts and names the next one when that one's keys are made).
fn spare_seed(cache: &TempHome, not: Option<u64>) -> u64 {
    let end = std::time::Instant::now() + crate::support::DEADLINE;
    loop {
        let named = fs::read_to_string(cache.join("keys-v1/spare-seed"))
            .ok()
            .and_then(|text| text.trim().parse().ok());
        match named {
            Some(seed) if Some(seed) != not => return seed,
            _ if std::time::Instant::now() > end => {
                panic!("no new spare seed in {}", cache.path().display())
            }
            _ => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
}

/// A run given no `--seed` starts on the spare seed an earlier run made in advance, so no key
/// is made while its lesson starts (the spare's keys are loaded), and it makes the next spare
/// in the background once its own keys are ready. Plain mode, which waits on its input after
/// step 1, stands in for the TUI (same entry, same seed choice).
#[test]
#[cfg(unix)]
fn a_run_without_a_seed_starts_on_the_spare_made_in_advance_and_makes_the_next() {
    let cache = TempHome::new("keys-spare");
    let pems = || {
        let files = cache.files();
        files
            .into_iter()
            .filter(|p| p.extension().is_some_and(|x| x == "pem"))
            .count()
    };
    let unseeded = || {
        let mut run = cogflow(&["--plain"]).env(CACHE_ENV, cache.path()).spawn();
        run.wait_for_line("step 1", |l| l.starts_with("Step 1 of 5"));
        run
    };
    let first = unseeded();
    let spare = spare_seed(&cache, None);
    drop(first);
    assert_eq!(pems(), 2, "the first run's own keys and the spare's");
    let spare_keys = cache.join(format!("keys-v1/seed-{spare}.pem"));
    let made = inode(&spare_keys);

    let second = unseeded();
    let next = spare_seed(&cache, Some(spare));
    drop(second);
    assert_eq!(
        inode(&spare_keys),
        made,
        "the spare's keys were loaded, not made again"
    );
    assert_eq!(
        pems(),
        3,
        "the second run made no keys of its own (it ran on the spare), only the next spare's"
    );
    assert!(cache.join(format!("keys-v1/seed-{next}.pem")).is_file());
}
