//! `poisk completions` and `poisk man`.

use std::process::Command;

use crate::util::Dir;

#[test]
fn completion_scripts_for_every_shell_know_the_subcommands() {
    let dir = Dir::new();
    for (shell, marker) in [
        ("bash", "_poisk()"),
        ("zsh", "#compdef poisk"),
        ("fish", "complete -c poisk"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[poisk]"),
    ] {
        let run = dir.poisk(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.contains(marker), "{shell}: no {marker:?}");
        // fish names options without their dashes (`-l since`).
        for word in ["timeline", "stats", "completions", "since", "speaker"] {
            assert!(run.stdout.contains(word), "{shell}: no {word}");
        }
    }
    let run = dir.poisk(&["completions", "tcsh"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bash"), "{}", run.stderr);
}

#[test]
fn the_bash_script_is_valid_bash() {
    let dir = Dir::new();
    let script = dir.write("poisk.bash", dir.poisk(&["completions", "bash"]).stdout);
    match Command::new("bash").arg("-n").arg(&script).output() {
        Ok(out) => assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr)),
        Err(e) => eprintln!("skipping: no bash to check the script with ({e})"),
    }
}

#[test]
fn man_pages_of_poisk_and_its_subcommands() {
    let dir = Dir::new();
    let run = dir.poisk(&["man"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\n.TH poisk 1  \"poisk 0.1.0\""), "{}", &run.stdout[..200]);
    // Each subcommand is listed with a pointer to its own page.
    for word in ["search Russian news", "poisk\\-timeline(1)", "poisk\\-stats(1)", "poisk\\-completions(1)"] {
        assert!(run.stdout.contains(word), "no {word:?} in the page");
    }
    let run = dir.poisk(&["man", "timeline"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\n.TH poisk-timeline 1  \"poisk 0.1.0\""), "{}", &run.stdout[..300]);
    for option in ["\\-\\-by", "\\-\\-since", "\\-\\-format", "ISO week"] {
        assert!(run.stdout.contains(option), "no {option:?} in the timeline page");
    }
    let run = dir.poisk(&["man", "nonsense"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no subcommand \"nonsense\"") && run.stderr.contains("timeline"), "{}", run.stderr);
}
