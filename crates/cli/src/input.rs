//! Reading inputs with a size limit: files, standard input, `file://` values and `--jsonl`
//! lines.
//!
//! Without a limit, `idpool validate /dev/zero`, `--cli-input-json file:///dev/zero` or an
//! endless pipe grow until the memory runs out. Every input idpool reads is therefore refused
//! past [`max_size`] bytes: 64 MiB unless `--max-size` or `IDPOOL_MAX_SIZE` says otherwise,
//! thousands of times the largest real request (the service takes requests of a few KiB).

use std::fmt;
use std::io::{self, BufRead, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// The default limit: 64 MiB.
pub(crate) const DEFAULT_MAX_SIZE: u64 = 64 << 20;

/// The environment variable that sets the limit where no `--max-size` is given (for
/// `update-identity-pool`, whose options are the AWS CLI's, it is the only way).
pub(crate) const MAX_SIZE_VAR: &str = "IDPOOL_MAX_SIZE";

static MAX_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MAX_SIZE);

/// The size limit in force, in bytes.
pub(crate) fn max_size() -> u64 {
    MAX_SIZE.load(Ordering::Relaxed)
}

/// Sets the size limit for the rest of the run.
pub(crate) fn set_max_size(size: Size) {
    MAX_SIZE.store(size.0, Ordering::Relaxed);
}

/// Takes the limit from `IDPOOL_MAX_SIZE` when it is set; a value that is not a size is an
/// error.
pub(crate) fn limit_from_env() -> Result<(), String> {
    match std::env::var(MAX_SIZE_VAR) {
        Ok(text) => {
            let size = text
                .parse::<Size>()
                .map_err(|e| format!("{MAX_SIZE_VAR}: {e}"))?;
            set_max_size(size);
            Ok(())
        }
        Err(std::env::VarError::NotPresent) => Ok(()),
        Err(std::env::VarError::NotUnicode(_)) => Err(format!("{MAX_SIZE_VAR} is not UTF-8")),
    }
}

/// A number of bytes, written `1048576`, `512K`, `16M` or `1G` (powers of 1024; `KiB`, `MB` and
/// the like are accepted too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Size(pub(crate) u64);

impl std::str::FromStr for Size {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        let digits = trimmed
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(trimmed.len());
        let (number, unit) = trimmed.split_at(digits);
        let invalid = || format!("`{text}` is not a size such as 1048576, 512K, 16M or 1G");
        let number: u64 = number.parse().map_err(|_| invalid())?;
        let shift = match unit.trim().to_ascii_lowercase().as_str() {
            "" | "b" => 0,
            "k" | "kb" | "kib" => 10,
            "m" | "mb" | "mib" => 20,
            "g" | "gb" | "gib" => 30,
            _ => return Err(invalid()),
        };
        number
            .checked_mul(1 << shift)
            .map(Size)
            .ok_or_else(|| format!("`{text}` is too large"))
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes = self.0;
        for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] {
            if bytes >= 1 << shift && bytes.is_multiple_of(1 << shift) {
                return write!(f, "{} {unit}", bytes >> shift);
            }
        }
        write!(f, "{bytes} bytes")
    }
}

/// Why an input could not be read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// The operating system's error.
    Io(io::Error),
    /// More than the limit.
    TooLarge(u64),
}

impl ReadError {
    /// The message about the input `what` (a path, or `standard input`).
    pub(crate) fn describe(&self, what: &str) -> String {
        match self {
            ReadError::Io(e) => format!("cannot read {what}: {e}"),
            ReadError::TooLarge(limit) => too_large(what, *limit),
        }
    }
}

/// The message for an input larger than `limit`.
pub(crate) fn too_large(what: &str, limit: u64) -> String {
    format!(
        "{what} is larger than the size limit of {} (raise it with --max-size or {MAX_SIZE_VAR})",
        Size(limit)
    )
}

/// All of `reader`, or [`ReadError::TooLarge`] as soon as it passes `limit` bytes: an endless
/// input is read no further than that.
pub(crate) fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

/// The file at `path`, within the limit in force.
pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    read_limited(file, max_size())
}

/// Standard input, within the limit in force.
pub(crate) fn read_stdin() -> Result<Vec<u8>, ReadError> {
    read_limited(io::stdin().lock(), max_size())
}

/// Reads one line (up to and without `\n`, and a `\r` before it) into `line`; `Ok(false)` at
/// the end of the input. A line longer than `limit` is [`ReadError::TooLarge`], read no
/// further.
pub(crate) fn read_line(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    limit: u64,
) -> Result<bool, ReadError> {
    line.clear();
    let read = reader
        .take(limit.saturating_add(1))
        .read_until(b'\n', line)
        .map_err(ReadError::Io)?;
    if read == 0 {
        return Ok(false);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
    } else if line.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(true)
}

/// `text` as a JSON value, or why it is not JSON: the message and the line and column that
/// `idpool validate` reports for the same text (`a trailing comma at line 1 column 25`), so a
/// syntax error is at the same place whichever command reads it. serde_json builds the value;
/// its own account is a fallback, should it ever refuse what the strict parser reads.
pub(crate) fn parse_json(text: &str) -> Result<serde_json::Value, String> {
    serde_json::from_str(text).map_err(|e| match idpool_json::parse(text) {
        Err(error) => {
            let (line, column) = idpool_json::line_column(text, error.span.start);
            format!("{} at line {line} column {column}", error.message)
        }
        Ok(_) => e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_and_print() {
        for (text, bytes) in [
            ("0", 0),
            ("1048576", 1 << 20),
            ("512K", 512 << 10),
            ("16m", 16 << 20),
            ("1 GiB", 1 << 30),
            ("64MB", 64 << 20),
        ] {
            assert_eq!(text.parse::<Size>(), Ok(Size(bytes)), "{text}");
        }
        for bad in [
            "",
            "M",
            "-1",
            "1.5M",
            "1T",
            "99999999999999999999",
            "20000000000G",
        ] {
            assert!(bad.parse::<Size>().is_err(), "{bad}");
        }
        assert_eq!(Size(64 << 20).to_string(), "64 MiB");
        assert_eq!(Size(1536).to_string(), "1536 bytes");
        assert_eq!(Size(3 << 10).to_string(), "3 KiB");
    }

    #[test]
    fn an_endless_input_stops_at_the_limit() {
        let endless = io::repeat(0);
        assert!(matches!(
            read_limited(endless, 1000),
            Err(ReadError::TooLarge(1000))
        ));
        assert_eq!(read_limited(&b"12345"[..], 5).unwrap(), b"12345");
        assert!(read_limited(&b"123456"[..], 5).is_err());
    }

    #[test]
    fn lines_stop_at_the_limit() {
        let mut input = io::Cursor::new(b"abc\r\nabcdef\nxy".to_vec());
        let mut line = Vec::new();
        assert!(read_line(&mut input, &mut line, 5).unwrap());
        assert_eq!(line, b"abc");
        assert!(matches!(
            read_line(&mut input, &mut line, 5),
            Err(ReadError::TooLarge(5))
        ));
        let mut exact = io::Cursor::new(b"abcde\nxy".to_vec());
        assert!(read_line(&mut exact, &mut line, 5).unwrap());
        assert_eq!(line, b"abcde");
        assert!(read_line(&mut exact, &mut line, 5).unwrap());
        assert_eq!(line, b"xy");
        assert!(!read_line(&mut exact, &mut line, 5).unwrap());
        let mut endless = io::BufReader::new(io::repeat(0));
        assert!(read_line(&mut endless, &mut line, 1 << 16).is_err());
    }
}
