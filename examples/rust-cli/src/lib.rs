//! Convert [logfmt](https://brandur.org/logfmt) lines to JSON lines.
//!
//! A line is a sequence of `key=value` pairs separated by spaces. A value is
//! either bare (no spaces or quotes) or double-quoted with the escapes `\"`,
//! `\\`, `\n`, `\r` and `\t`; any other escape is kept as written. A key
//! without `=` is a flag and becomes `true`; `key=` is the empty string. If a
//! key repeats, the last value wins at the position of the first.

use std::fmt::{self, Write as _};
use std::io::{self, BufRead, Write};

/// A JSON value built from one logfmt value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Bool(bool),
    /// A number, kept as its (valid JSON) text.
    Num(String),
}

/// Why a line is not valid logfmt; `column` counts characters from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub column: usize,
    pub message: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

/// Parse one line. With `types`, bare `true`/`false` and JSON numbers become
/// booleans and numbers; otherwise every value is a string.
///
/// # Errors
///
/// A [`ParseError`] if the line is not valid logfmt.
pub fn parse_line(line: &str, types: bool) -> Result<Vec<(String, Value)>, ParseError> {
    let chars: Vec<char> = line.chars().collect();
    let err = |i: usize, message| {
        Err(ParseError {
            column: i + 1,
            message,
        })
    };
    let mut pairs: Vec<(String, Value)> = Vec::new();
    let mut i = 0;
    loop {
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if i == chars.len() {
            return Ok(pairs);
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' && chars[i] != '"' {
            i += 1;
        }
        if i == start {
            return err(
                i,
                if chars[i] == '"' {
                    "unexpected quote"
                } else {
                    "expected a key"
                },
            );
        }
        let key: String = chars[start..i].iter().collect();
        let value = if i < chars.len() && chars[i] == '=' {
            i += 1;
            if i < chars.len() && chars[i] == '"' {
                let (text, end) = quoted(&chars, i)?;
                i = end;
                if i < chars.len() && !chars[i].is_whitespace() {
                    return err(i, "expected a space after the closing quote");
                }
                Value::Str(text)
            } else {
                let start = i;
                while i < chars.len() && !chars[i].is_whitespace() {
                    if chars[i] == '"' {
                        return err(i, "unexpected quote");
                    }
                    i += 1;
                }
                bare(chars[start..i].iter().collect(), types)
            }
        } else if i < chars.len() && chars[i] == '"' {
            return err(i, "unexpected quote");
        } else {
            Value::Bool(true)
        };
        match pairs.iter_mut().find(|(k, _)| *k == key) {
            Some(pair) => pair.1 = value,
            None => pairs.push((key, value)),
        }
    }
}

/// The quoted value that opens at `chars[open]`, and the index after it.
fn quoted(chars: &[char], open: usize) -> Result<(String, usize), ParseError> {
    let mut text = String::new();
    let mut i = open + 1;
    while i < chars.len() {
        match chars[i] {
            '"' => return Ok((text, i + 1)),
            '\\' if i + 1 < chars.len() => {
                i += 1;
                match chars[i] {
                    'n' => text.push('\n'),
                    'r' => text.push('\r'),
                    't' => text.push('\t'),
                    c @ ('"' | '\\') => text.push(c),
                    c => text.extend(['\\', c]),
                }
            }
            c => text.push(c),
        }
        i += 1;
    }
    Err(ParseError {
        column: open + 1,
        message: "unterminated quoted value",
    })
}

fn bare(text: String, types: bool) -> Value {
    match text.as_str() {
        "true" | "false" if types => Value::Bool(text == "true"),
        _ if types && is_json_number(&text) => Value::Num(text),
        _ => Value::Str(text),
    }
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
fn is_json_number(s: &str) -> bool {
    let b = s.strip_prefix('-').unwrap_or(s).as_bytes();
    let digits = |mut i: usize| {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        (i > start).then_some(i)
    };
    let Some(mut i) = digits(0) else { return false };
    if b[0] == b'0' && i > 1 {
        return false;
    }
    if i < b.len() && b[i] == b'.' {
        let Some(j) = digits(i + 1) else { return false };
        i = j;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let Some(j) = digits(i) else { return false };
        i = j;
    }
    i == b.len()
}

/// `s` as a JSON string literal.
#[must_use]
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The pairs as one compact JSON object.
#[must_use]
pub fn to_json(pairs: &[(String, Value)]) -> String {
    let fields: Vec<String> = pairs
        .iter()
        .map(|(k, v)| {
            let value = match v {
                Value::Str(s) => json_string(s),
                Value::Bool(b) => b.to_string(),
                Value::Num(n) => n.clone(),
            };
            format!("{}:{}", json_string(k), value)
        })
        .collect();
    format!("{{{}}}", fields.join(","))
}

/// Counts from [`convert`].
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub converted: usize,
    pub invalid: usize,
}

/// Convert every line of `input`, writing JSON lines to `out` and one message
/// per malformed line to `diag`. Blank lines are skipped; invalid UTF-8 is
/// replaced by U+FFFD. With `strict`, stops at the first malformed line.
///
/// # Errors
///
/// Any error from reading `input` or writing `out` or `diag`.
pub fn convert(
    input: impl BufRead,
    mut out: impl Write,
    mut diag: impl Write,
    types: bool,
    strict: bool,
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    for (n, line) in input.split(b'\n').enumerate() {
        let line = line?;
        let text = String::from_utf8_lossy(&line);
        let text = text.strip_suffix('\r').unwrap_or(&text);
        if text.trim().is_empty() {
            continue;
        }
        match parse_line(text, types) {
            Ok(pairs) => {
                writeln!(out, "{}", to_json(&pairs))?;
                summary.converted += 1;
            }
            Err(e) => {
                writeln!(diag, "logfmt: line {}: {}", n + 1, e)?;
                summary.invalid += 1;
                if strict {
                    break;
                }
            }
        }
    }
    out.flush()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(line: &str, types: bool) -> String {
        to_json(&parse_line(line, types).expect("valid logfmt"))
    }

    #[test]
    fn parses_bare_quoted_empty_and_flag_values() {
        assert_eq!(
            json(r#"level=info msg="hello world" empty= debug"#, false),
            r#"{"level":"info","msg":"hello world","empty":"","debug":true}"#
        );
    }

    #[test]
    fn unescapes_quoted_values_and_escapes_json() {
        assert_eq!(
            json(r#"m="a \"b\" \\ c\nd\q""#, false),
            r#"{"m":"a \"b\" \\ c\nd\\q"}"#
        );
        assert_eq!(json("k=\u{1}", false), r#"{"k":"\u0001"}"#);
    }

    #[test]
    fn last_duplicate_wins_in_first_position() {
        assert_eq!(json("a=1 b=2 a=3", false), r#"{"a":"3","b":"2"}"#);
    }

    #[test]
    fn infers_types_only_when_asked() {
        let line = r#"n=42 f=-1.5e3 ok=true no=false v="7" z=007 ip=10.0.0.1 h=0x1"#;
        assert_eq!(
            json(line, true),
            r#"{"n":42,"f":-1.5e3,"ok":true,"no":false,"v":"7","z":"007","ip":"10.0.0.1","h":"0x1"}"#
        );
        assert_eq!(json("n=42 ok=true", false), r#"{"n":"42","ok":"true"}"#);
    }

    #[test]
    fn json_numbers() {
        for ok in ["0", "-0", "12", "1.25", "1e9", "2E-3", "-0.5e+2"] {
            assert!(is_json_number(ok), "{ok}");
        }
        for bad in ["", "-", "01", "1.", ".5", "1e", "+1", "NaN", "1_000"] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }

    #[test]
    fn reports_malformed_lines_with_a_column() {
        let error = |line| parse_line(line, false).unwrap_err().to_string();
        assert_eq!(
            error(r#"a=1 msg="open"#),
            "column 9: unterminated quoted value"
        );
        assert_eq!(error("a=1 =2"), "column 5: expected a key");
        assert_eq!(error(r#"a=b"c"#), "column 4: unexpected quote");
        assert_eq!(
            error(r#"a="b"c"#),
            "column 6: expected a space after the closing quote"
        );
        assert_eq!(error(r#""k"=v"#), "column 1: unexpected quote");
    }

    #[test]
    fn convert_skips_blank_lines_and_counts_errors() {
        let input = b"a=1\r\n\n   \nbad=\"\nb=2\n";
        let (mut out, mut diag) = (Vec::new(), Vec::new());
        let summary = convert(&input[..], &mut out, &mut diag, false, false).unwrap();
        assert_eq!(
            summary,
            Summary {
                converted: 2,
                invalid: 1
            }
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"a\":\"1\"}\n{\"b\":\"2\"}\n"
        );
        assert_eq!(
            String::from_utf8(diag).unwrap(),
            "logfmt: line 4: column 5: unterminated quoted value\n"
        );
    }

    #[test]
    fn convert_strict_stops_at_the_first_error() {
        let (mut out, mut diag) = (Vec::new(), Vec::new());
        let summary = convert(&b"a=\"\nb=2\n"[..], &mut out, &mut diag, false, true).unwrap();
        assert_eq!(
            summary,
            Summary {
                converted: 0,
                invalid: 1
            }
        );
        assert!(out.is_empty());
    }

    #[test]
    fn convert_replaces_invalid_utf8() {
        let mut out = Vec::new();
        convert(&b"k=\xff\n"[..], &mut out, io::sink(), false, false).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "{\"k\":\"\u{fffd}\"}\n");
    }
}
