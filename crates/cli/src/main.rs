use std::process::ExitCode;

fn main() -> ExitCode {
    idpool_cli::main()
}
