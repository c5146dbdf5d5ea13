//! Standard output and standard error as idpool writes them: a closed pipe stops the writing,
//! never the command.
//!
//! When the reader of a pipe goes away (`idpool validate . | head`), writing fails with a broken
//! pipe. The verdict must survive that: a CI step with `pipefail` relies on the exit status, not
//! on what was read. So a [`Sink`] takes a broken pipe as "nobody is reading": it drops what is
//! written from then on, and the command goes on deciding and exits with the status its verdict
//! calls for. Every other write error (a full disk) is returned, and ends the command with exit
//! status 2 and a message on standard error.
//!
//! Nothing here panics: `print!` and `eprintln!` do on a failed write, so idpool never uses
//! them.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once standard output's reader is gone.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// A writer that takes a broken pipe as the end of the reading, not as an error.
#[derive(Debug)]
pub(crate) struct Sink<W> {
    inner: W,
    /// What the writer writes to, for error messages.
    name: &'static str,
    closed: bool,
    /// The flag shared by every sink of the same stream, if any.
    shared: Option<&'static AtomicBool>,
}

impl<W: Write> Sink<W> {
    /// A sink over `inner` with its own flag.
    pub(crate) fn new(inner: W, name: &'static str) -> Self {
        Sink {
            inner,
            name,
            closed: false,
            shared: None,
        }
    }

    /// Whether the reader is gone, so that what is written is dropped.
    pub(crate) fn is_closed(&self) -> bool {
        self.closed || self.shared.is_some_and(|flag| flag.load(Ordering::Relaxed))
    }

    /// `error`, saying what could not be written.
    fn named(&self, error: io::Error) -> io::Error {
        let kind = error.kind();
        if kind == io::ErrorKind::Interrupted || kind == io::ErrorKind::WouldBlock {
            return error;
        }
        io::Error::new(kind, format!("cannot write to {}: {error}", self.name))
    }

    fn close(&mut self) {
        self.closed = true;
        if let Some(flag) = self.shared {
            flag.store(true, Ordering::Relaxed);
        }
    }
}

impl<W: Write> Write for Sink<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.is_closed() {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.close();
                Ok(buf.len())
            }
            Err(e) => Err(self.named(e)),
            ok => ok,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.is_closed() {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.close();
                Ok(())
            }
            Err(e) => Err(self.named(e)),
            ok => ok,
        }
    }
}

/// Standard output, locked, behind a 64 KiB buffer.
pub(crate) fn stdout() -> io::BufWriter<Sink<io::StdoutLock<'static>>> {
    io::BufWriter::with_capacity(
        1 << 16,
        Sink {
            inner: io::stdout().lock(),
            name: "standard output",
            closed: false,
            shared: Some(&STDOUT_CLOSED),
        },
    )
}

/// Standard error, locked and unbuffered (as it is for people watching a long run).
pub(crate) fn stderr() -> Sink<io::StderrLock<'static>> {
    Sink::new(io::stderr().lock(), "standard error")
}

/// Writes `bytes` whole to standard output, then flushes.
pub(crate) fn print(bytes: &[u8]) -> io::Result<()> {
    let mut out = stdout();
    out.write_all(bytes)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer whose reader is gone after `room` bytes, or that is full then.
    struct Failing {
        room: usize,
        kind: io::ErrorKind,
        written: Vec<u8>,
    }

    impl Write for Failing {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(self.kind.into());
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            self.written.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_broken_pipe_drops_the_rest() {
        let inner = Failing {
            room: 3,
            kind: io::ErrorKind::BrokenPipe,
            written: Vec::new(),
        };
        let mut sink = Sink::new(inner, "test");
        sink.write_all(b"hello").unwrap();
        assert!(sink.is_closed());
        sink.write_all(b"more").unwrap();
        sink.flush().unwrap();
        assert_eq!(sink.inner.written, b"hel");
    }

    #[test]
    fn a_full_disk_is_an_error() {
        let inner = Failing {
            room: 0,
            kind: io::ErrorKind::StorageFull,
            written: Vec::new(),
        };
        let mut sink = Sink::new(inner, "test");
        let error = sink.write_all(b"x").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        assert!(error.to_string().starts_with("cannot write to test: "));
        assert!(!sink.is_closed());
    }
}
