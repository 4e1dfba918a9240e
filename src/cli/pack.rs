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
