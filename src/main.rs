fn main() -> std::process::ExitCode {
    tul2studio::cli::main()
}
