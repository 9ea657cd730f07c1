//! Runs the built `logfmt` binary end to end.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_logfmt"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("logfmt starts");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

#[test]
fn sample_log_matches_the_expected_json_lines() {
    // The same fixture pair that tests/smoke.sh checks inside the image.
    let input = include_bytes!("fixtures/sample.logfmt");
    let expected = include_str!("fixtures/sample.jsonl");
    let out = run(&[], input);
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    assert_eq!(text(&out.stdout), expected);
    assert!(out.stderr.is_empty());
}

#[test]
fn types_flag_emits_numbers_and_booleans() {
    let out = run(&["--types"], b"status=200 ok=true ratio=0.5 id=\"42\"\n");
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        "{\"status\":200,\"ok\":true,\"ratio\":0.5,\"id\":\"42\"}\n"
    );
}

#[test]
fn malformed_lines_are_reported_and_fail_the_run() {
    let out = run(&[], b"a=1\nmsg=\"open\nb=2\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "{\"a\":\"1\"}\n{\"b\":\"2\"}\n");
    assert_eq!(
        text(&out.stderr),
        "logfmt: line 2: column 5: unterminated quoted value\n"
    );

    let strict = run(&["-s"], b"a=1\nmsg=\"open\nb=2\n");
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(text(&strict.stdout), "{\"a\":\"1\"}\n");
}

#[test]
fn empty_input_is_fine() {
    let out = run(&[], b"");
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
}

#[test]
fn help_version_and_usage_errors() {
    let help = run(&["--help"], b"");
    assert!(help.status.success());
    assert!(text(&help.stdout).starts_with("Usage: logfmt"));

    let version = run(&["-V"], b"");
    assert_eq!(
        text(&version.stdout),
        format!("logfmt {}\n", env!("CARGO_PKG_VERSION"))
    );

    let bad = run(&["--nope"], b"");
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).starts_with("logfmt: unknown argument '--nope'"));
}
