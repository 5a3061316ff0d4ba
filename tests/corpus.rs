//! The bad-input corpus (`tests/corpus/`): broken and hostile files of every
//! input kind. Each file's name says the exit code it must end with
//! (`e0--`, `e1--`, `e2--`) and which input it replaces; a `NAME.expect`
//! beside it lists text the messages must hold (the file and the position).
//! Whatever the file, kehou must not panic, must stay under 1 GiB of memory
//! (it runs under that limit), must name the file in its message, and must
//! leave no output behind and no other file changed when it refuses.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::School;

/// The address-space limit every corpus run is held to (on Unix).
#[cfg(unix)]
const MEMORY_LIMIT: u64 = 1 << 30;

fn case(path: &Path) {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut parts = name.splitn(3, "--");
    let expected: i32 = parts.next().unwrap()[1..].parse().unwrap();
    let kind = parts.next().unwrap();
    let ext = path.extension().unwrap().to_string_lossy();
    let bytes = std::fs::read(path).unwrap();
    let expect_file = path.with_file_name(format!("{name}.expect"));
    let expected_text = std::fs::read_to_string(&expect_file).unwrap_or_default();
    let school = School::new();
    let target = if kind == "config" {
        school.write_bytes("config.toml", &bytes);
        "config.toml".to_string()
    } else {
        let file = format!("{kind}.{ext}");
        school.write_bytes(&file, &bytes);
        let config = common::CONFIG.replace(
            "[calendar]",
            &format!("[files]\n{kind} = \"{file}\"\n[calendar]"),
        );
        school.write("config.toml", &config);
        file
    };
    let before = snapshot(school.path());
    for command in ["check", "consent"] {
        let (code, all) = run_limited(&school, command);
        assert!(
            !all.contains("panicked"),
            "{name}: {command} panicked:\n{all}"
        );
        assert_eq!(
            code, expected,
            "{name}: {command} exit code; output:\n{all}"
        );
        // Warnings are listed by `check`; other commands only count them.
        let listed = command == "check" || expected != 0;
        for wanted in expected_text.lines().filter(|l| listed && !l.is_empty()) {
            assert!(
                all.contains(wanted),
                "{name}: {command} does not say '{wanted}':\n{all}"
            );
        }
        assert!(
            !all.contains('\u{1b}'),
            "{name}: {command} printed a raw ESC"
        );
        if expected != 0 {
            assert!(
                all.contains(&target),
                "{name}: {command} does not name {target}:\n{all}"
            );
            assert!(
                !school.path().join("out").exists(),
                "{name}: {command} left output behind"
            );
        }
        assert_eq!(
            snapshot(school.path()),
            before,
            "{name}: {command} changed a file outside the output folder"
        );
    }
}

/// Runs `kehou -c config.toml COMMAND` under [`MEMORY_LIMIT`] (on Unix;
/// Windows has no per-process limit to set from here): (exit code, output).
fn run_limited(school: &School, command: &str) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kehou"));
    cmd.current_dir(school.path())
        .arg("-c")
        .arg(school.config())
        .arg(command);
    // SAFETY: setrlimit is async-signal-safe and touches no memory of the parent.
    #[cfg(unix)]
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: MEMORY_LIMIT,
                rlim_max: MEMORY_LIMIT,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // Killed by a signal (an abort on a failed allocation) has no code.
    (out.status.code().unwrap_or(-1), all)
}

/// Every file outside `out/` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            files.insert(name, std::fs::read(&path).unwrap());
        }
    }
    files
}

#[test]
fn every_corpus_file_gets_a_clear_answer() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_none_or(|e| e != "expect"))
        .collect();
    files.sort();
    assert!(files.len() >= 60, "the corpus has {} files", files.len());
    for file in files {
        case(&file);
    }
}
