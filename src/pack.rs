//! Packing: an unpacked package directory → the zip TUL exports, with each `*.xsn` directory
//! packed as an MSZIP cabinet. Deterministic: sorted entries, fixed timestamps. Used to build
//! the fixtures' archives (tests and the hidden `pack` command) and by the catalogue generator.

use std::fs;
use std::io::{self, Cursor, Write};
use std::path::Path;

/// Timestamp written into every cabinet member, so packing is reproducible.
fn fixed_datetime() -> time::PrimitiveDateTime {
    time::PrimitiveDateTime::new(
        time::Date::from_calendar_date(2020, time::Month::January, 1).expect("valid date"),
        time::Time::MIDNIGHT,
    )
}

/// Builds an MSZIP cabinet holding `members` in the given order.
pub fn build_cabinet(members: &[(String, Vec<u8>)]) -> io::Result<Vec<u8>> {
    let mut builder = cab::CabinetBuilder::new();
    let folder = builder.add_folder(cab::CompressionType::MsZip);
    for (name, _) in members {
        folder
            .add_file(name.as_str())
            .set_datetime(fixed_datetime());
    }
    let mut writer = builder.build(Cursor::new(Vec::new()))?;
    let mut index = 0;
    while let Some(mut file) = writer.next_file()? {
        file.write_all(&members[index].1)?;
        index += 1;
    }
    Ok(writer.finish()?.into_inner())
}

/// Builds a deflated zip of `entries` in the given order.
pub fn build_zip(entries: &[(String, Vec<u8>)]) -> io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, data) in entries {
        zip.start_file(name.as_str(), options)
            .map_err(io::Error::other)?;
        zip.write_all(data)?;
    }
    Ok(zip.finish().map_err(io::Error::other)?.into_inner())
}

/// Reads `dir` into zip entries, packing `*.xsn` directories into cabinets.
pub fn pack_dir(dir: &Path) -> io::Result<Vec<u8>> {
    let mut entries = Vec::new();
    collect(dir, "", &mut entries)?;
    build_zip(&entries)
}

fn collect(root: &Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) -> io::Result<()> {
    crate::walk::walk(
        &root.join(prefix),
        &mut |entry| {
            let rel = if prefix.is_empty() {
                entry.rel.clone()
            } else {
                format!("{prefix}/{}", entry.rel)
            };
            let is_dir = entry.path.is_dir();
            if is_dir && entry.name.to_ascii_lowercase().ends_with(".xsn") {
                let mut members = Vec::new();
                collect(root, &rel, &mut members)?;
                let members: Vec<_> = members
                    .into_iter()
                    .map(|(n, d)| (n[rel.len() + 1..].replace('/', "\\"), d))
                    .collect();
                out.push((rel, build_cabinet(&members)?));
                return Ok(crate::walk::Step::Skip);
            }
            if !is_dir {
                out.push((rel, fs::read(&entry.path)?));
            }
            Ok(crate::walk::Step::Enter)
        },
        &mut |_, _| {},
    )
}
