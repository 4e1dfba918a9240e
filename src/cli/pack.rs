//! `tul2studio pack DIR -o FILE.zip` (hidden): builds a TUL zip from an unpacked package,
//! packing every `*.xsn` directory into a real MSZIP cabinet. Fixtures are kept unpacked in
//! the repository for review; this makes the archives the reader sees in the wild.

use super::{Exit, Failure, Ran};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// An unpacked package directory.
    dir: PathBuf,
    /// The zip file to write.
    #[arg(short, long)]
    output: PathBuf,
}

pub fn run(args: Args) -> Ran {
    crate::pack::pack_dir(&args.dir)
        .and_then(|bytes| std::fs::write(&args.output, bytes))
        .map(|()| Exit::Done)
        .map_err(|e| Failure::usage(format!("cannot pack `{}`: {e}", args.dir.display())))
}

#[derive(clap::Args)]
pub struct GenerateArgs {
    /// How many packages.
    #[arg(long, default_value_t = 100)]
    count: usize,
    /// The seed: the same seed gives the same catalogue.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The directory to write the packages to.
    #[arg(short, long)]
    output: PathBuf,
}

/// `tul2studio generate` (hidden): a synthetic catalogue for benchmarks and scale tests.
pub fn generate(args: GenerateArgs) -> Ran {
    std::fs::create_dir_all(&args.output)
        .map_err(|e| Failure::usage(format!("cannot create `{}`: {e}", args.output.display())))?;
    for (name, bytes) in crate::generate::catalogue(args.count, args.seed) {
        std::fs::write(args.output.join(&name), bytes)
            .map_err(|e| Failure::usage(format!("cannot write `{name}`: {e}")))?;
    }
    Ok(Exit::Done)
}
