//! Bytes to text. Order of evidence: byte-order mark, then the XML declaration's
//! `encoding`, then UTF-8. Altinn II files are UTF-8, UTF-16 (InfoPath) or windows-1252 /
//! iso-8859-1 (older OR schemas).

use crate::diagnostics::{Code, Diagnostic};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

pub fn decode(bytes: &[u8], file: &str, diagnostics: &mut Vec<Diagnostic>) -> String {
    let (encoding, bom_len) = match Encoding::for_bom(bytes) {
        Some(found) => found,
        None => (sniff(bytes, file, diagnostics), 0),
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
    if had_errors {
        diagnostics.push(
            Diagnostic::new(
                Code::TextDecoding,
                format!(
                    "`{file}` has bytes that are not valid {}; they were replaced",
                    encoding.name()
                ),
            )
            .in_file(file),
        );
    }
    text.into_owned()
}

/// No BOM: UTF-16 without BOM shows as `<\0` / `\0<`; otherwise trust the declaration.
fn sniff(bytes: &[u8], file: &str, diagnostics: &mut Vec<Diagnostic>) -> &'static Encoding {
    match bytes {
        [b'<', 0, b'?', 0, ..] => return UTF_16LE,
        [0, b'<', 0, b'?', ..] => return UTF_16BE,
        _ => {}
    }
    let Some(label) = declared_encoding(bytes) else {
        return UTF_8;
    };
    match Encoding::for_label(label.as_bytes()) {
        // A UTF-16 declaration on bytes without BOM or NULs is a lie left by a re-save.
        Some(enc) if enc == UTF_16LE || enc == UTF_16BE => UTF_8,
        Some(enc) => enc,
        None => {
            diagnostics.push(
                Diagnostic::new(
                    Code::TextDecoding,
                    format!("`{file}` declares the unknown encoding `{label}`; read as UTF-8"),
                )
                .in_file(file),
            );
            UTF_8
        }
    }
}

/// The `encoding="..."` of an XML declaration at the very start of the bytes.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(256)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let rest = &decl[decl.find("encoding")? + "encoding".len()..];
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(bytes: &[u8]) -> (String, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        (decode(bytes, "f.xml", &mut diags), diags)
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(run("<a>æøå</a>".as_bytes()).0, "<a>æøå</a>");
        assert_eq!(run(b"\xEF\xBB\xBF<a/>").0, "<a/>");
    }

    #[test]
    fn utf16_with_bom_and_bare() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?><å/>"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        assert_eq!(
            run(&le).0,
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?><å/>"
        );
        let be: Vec<u8> = "<?xml version=\"1.0\"?><a/>"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(run(&be).0, "<?xml version=\"1.0\"?><a/>");
    }

    #[test]
    fn declared_single_byte_encodings() {
        let (text, diags) =
            run(b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>\xE6\xF8\xE5</a>");
        assert!(text.ends_with("<a>æøå</a>"), "{text}");
        assert!(diags.is_empty());
        let (text, _) = run(b"<?xml version='1.0' encoding='windows-1252'?><a>\x80</a>");
        assert!(text.ends_with("<a>€</a>"));
    }

    #[test]
    fn invalid_utf8_and_unknown_labels_are_reported() {
        let (text, diags) = run(b"<a>\xE6</a>");
        assert_eq!(text, "<a>\u{FFFD}</a>");
        assert_eq!(diags[0].code, Code::TextDecoding);
        let (_, diags) = run(b"<?xml version=\"1.0\" encoding=\"klingon-8\"?><a/>");
        assert!(diags[0].message.contains("klingon-8"));
    }
}
