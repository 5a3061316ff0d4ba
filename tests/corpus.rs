//! The bad-input corpus (`tests/corpus/`): broken and hostile files of every
//! input kind. Each file's name says the exit code it must end with
//! (`e0--`, `e1--`, `e2--`) and which input it replaces. Whatever the file,
//! kehou must not panic, must name the file in its message, and must leave
//! no output behind when it refuses.

mod common;

use std::path::Path;

use common::School;

fn case(path: &Path) {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut parts = name.splitn(3, "--");
    let expected: i32 = parts.next().unwrap()[1..].parse().unwrap();
    let kind = parts.next().unwrap();
    let ext = path.extension().unwrap().to_string_lossy();
    let bytes = std::fs::read(path).unwrap();
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
    for command in ["check", "consent"] {
        let run = school.run(&[command]);
        let all = run.all();
        assert!(
            !all.contains("panicked"),
            "{name}: {command} panicked:\n{all}"
        );
        assert_eq!(
            run.code, expected,
            "{name}: {command} exit code; output:\n{all}"
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
    }
}

#[test]
fn every_corpus_file_gets_a_clear_answer() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 40, "the corpus has {} files", files.len());
    for file in files {
        case(&file);
    }
}
