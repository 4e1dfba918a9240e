//! `tul2studio pack DIR -o FILE.zip` (hidden): builds a TUL zip from an unpacked package,
//! packing every `*.xsn` directory into a real MSZIP cabinet. Fixtures are kept unpacked in
//! the repository for review; this makes the archives the reader sees in the wild.

use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// An unpacked package directory.
    dir: PathBuf,
    /// The zip file to write.
    #[arg(short, long)]
    output: PathBuf,
}

pub fn run(args: Args) -> u8 {
    match crate::pack::pack_dir(&args.dir).and_then(|bytes| std::fs::write(&args.output, bytes)) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: cannot pack `{}`: {e}", args.dir.display());
            2
        }
    }
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
pub fn generate(args: GenerateArgs) -> u8 {
    if let Err(e) = std::fs::create_dir_all(&args.output) {
        eprintln!("error: cannot create `{}`: {e}", args.output.display());
        return 2;
    }
    for (name, bytes) in crate::generate::catalogue(args.count, args.seed) {
        if let Err(e) = std::fs::write(args.output.join(&name), bytes) {
            eprintln!("error: cannot write `{name}`: {e}");
            return 2;
        }
    }
    0
}
