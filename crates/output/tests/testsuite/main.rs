//! The output styles against awscli's own output, and over any value.

// The corpus of `tests/data/cli/format/`, recorded from awscli, byte for byte.
mod golden;
// Every style renders any JSON value, whatever the terminal.
mod properties;
