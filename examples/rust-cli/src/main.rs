//! `logfmt`: logfmt lines on stdin, JSON lines on stdout.

use std::io::{self, ErrorKind};
use std::process::ExitCode;

const USAGE: &str = "\
Usage: logfmt [OPTIONS] < INPUT

Reads logfmt lines (key=value key2=\"quoted value\" flag) from stdin and
writes one JSON object per line to stdout. Blank lines are skipped.

Options:
  -t, --types    bare true/false and numbers become JSON booleans and numbers
  -s, --strict   stop at the first malformed line
  -h, --help     print this help
  -V, --version  print the version

Exit status: 0 if every line converted, 1 if a line was malformed (reported
on stderr) or reading or writing failed, 2 for a usage error.";

fn main() -> ExitCode {
    let (mut types, mut strict) = (false, false);
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "-t" | "--types" => types = true,
            "-s" | "--strict" => strict = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "-V" | "--version" => {
                println!("logfmt {}", env!("CARGO_PKG_VERSION"));
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("logfmt: unknown argument '{other}'\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }

    let stdout = io::stdout().lock();
    let result = logfmt::convert(
        io::stdin().lock(),
        io::BufWriter::new(stdout),
        io::stderr(),
        types,
        strict,
    );
    match result {
        Ok(summary) if summary.invalid == 0 => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        // The reader went away (`logfmt < big.log | head`): not an error.
        Err(e) if e.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("logfmt: {e}");
            ExitCode::FAILURE
        }
    }
}
