// The converter allocates many small strings and trees; mimalloc halves the allocator's share
// of a batch run compared to the system allocator (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    tul2studio::cli::main()
}
