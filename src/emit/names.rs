//! Names Altinn 3 checks: component ids, text keys, data type ids, C# identifiers, and the
//! dotted data-model paths layouts bind to.

use crate::ir::model::{DataModel, ModelNode};

/// Does `id` match Altinn's component id pattern
/// `^[0-9a-zA-Z][0-9a-zA-Z-]*(-?[a-zA-Z]+|[a-zA-Z][0-9]+|-[0-9]{6,})$`?
pub fn is_component_id(id: &str) -> bool {
    let b = id.as_bytes();
    if b.len() < 2
        || !b[0].is_ascii_alphanumeric()
        || !b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
    {
        return false;
    }
    let digits = b.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return b[b.len() - 1].is_ascii_alphabetic();
    }
    let before = b.len() - digits;
    if before < 2 {
        return false; // the first character cannot also be the suffix's letter or hyphen
    }
    match b[before - 1] {
        c if c.is_ascii_alphabetic() => true,
        b'-' => digits >= 6,
        _ => false,
    }
}

/// Free text in lower-case ASCII: æ, ø, å transliterated, every run of other characters one
/// `-`, none at either end. The base of app names and component ids.
pub fn hyphenated(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'æ' => s.push_str("ae"),
            'ø' => s.push_str("oe"),
            'å' => s.push_str("aa"),
            c if c.is_ascii_alphanumeric() => s.push(c),
            _ if !s.ends_with('-') && !s.is_empty() => s.push('-'),
            _ => {}
        }
    }
    s.trim_end_matches('-').to_string()
}

/// A valid component id built from free text: lower-case, `-` between words, never ending
/// in a row-index-like `-<digits>`.
pub fn component_id(raw: &str) -> String {
    let mut s = hyphenated(raw);
    // `text-12` → `text12`: a hyphen before a short number is a row index to Altinn.
    let digits = s.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < s.len() && s.as_bytes()[s.len() - digits - 1] == b'-' {
        s.remove(s.len() - digits - 1);
    }
    if s.is_empty() {
        s.push('c');
    }
    if !is_component_id(&s) {
        s.push('x');
    }
    s
}

/// A component id from `raw` that is not in `taken` yet (and is then taken): ids are
/// unique across the whole app, however the source named its controls.
pub fn unique_component_id(taken: &mut std::collections::HashSet<String>, raw: &str) -> String {
    let base = component_id(raw);
    let mut id = base.clone();
    let mut n = 1;
    while !taken.insert(id.clone()) {
        n += 1;
        id = component_id(&format!("{base}{n}"));
    }
    id
}

/// A layout (page) name: letters, digits, `-`, `_` and `.` (the old converter's rule, which
/// Studio accepts as file names).
pub fn page_name(raw: &str) -> String {
    let mut s = String::new();
    for c in raw.chars() {
        match c {
            'æ' => s.push_str("ae"),
            'ø' => s.push_str("oe"),
            'å' => s.push_str("aa"),
            'Æ' => s.push_str("Ae"),
            'Ø' => s.push_str("Oe"),
            'Å' => s.push_str("Aa"),
            c if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') => s.push(c),
            _ if !s.ends_with('-') => s.push('-'),
            _ => {}
        }
    }
    let s = s.trim_matches('-').to_string();
    if s.is_empty() { "Side".into() } else { s }
}

/// A C# identifier (class or namespace part).
pub fn csharp_identifier(raw: &str) -> String {
    let mut s: String = raw
        .chars()
        .map(|c| match c {
            'æ' => 'e',
            'ø' => 'o',
            'å' => 'a',
            c if c.is_ascii_alphanumeric() || c == '_' => c,
            _ => '_',
        })
        .collect();
    while s.contains("__") {
        s = s.replace("__", "_");
    }
    let s = s.trim_matches('_').to_string();
    match s.chars().next() {
        None => "Model".into(),
        Some(c) if c.is_ascii_digit() => format!("M{s}"),
        _ if CSHARP_KEYWORDS.contains(&s.as_str()) => format!("M{s}"),
        _ => s,
    }
}

/// C#'s reserved words: a class or property named so does not compile.
const CSHARP_KEYWORDS: &[&str] = &[
    "abstract",
    "as",
    "base",
    "bool",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "checked",
    "class",
    "const",
    "continue",
    "decimal",
    "default",
    "delegate",
    "do",
    "double",
    "else",
    "enum",
    "event",
    "explicit",
    "extern",
    "false",
    "finally",
    "fixed",
    "float",
    "for",
    "foreach",
    "goto",
    "if",
    "implicit",
    "in",
    "int",
    "interface",
    "internal",
    "is",
    "lock",
    "long",
    "namespace",
    "new",
    "null",
    "object",
    "operator",
    "out",
    "override",
    "params",
    "private",
    "protected",
    "public",
    "readonly",
    "ref",
    "return",
    "sbyte",
    "sealed",
    "short",
    "sizeof",
    "stackalloc",
    "static",
    "string",
    "struct",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "uint",
    "ulong",
    "unchecked",
    "unsafe",
    "ushort",
    "using",
    "virtual",
    "void",
    "volatile",
    "while",
];

/// Is `s` a C# identifier the generated classes may use?
pub fn is_csharp_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !CSHARP_KEYWORDS.contains(&s)
}

/// The data-model path an Altinn 3 binding uses: root dropped, `/` → `.`, and `.value` for
/// elements with simple content (OR `-datadef-` fields carrying `orid`).
pub fn binding_path(model: &DataModel, path: &str) -> String {
    // Each step by the name the JSON Schema gives the node (a dot in an XML name would split
    // the path); a step the model lacks keeps its XML name.
    let mut node = Some(&model.root);
    let mut steps = Vec::new();
    for part in path.trim_start_matches('/').split('/').skip(1) {
        let (attribute, name) = match part.strip_prefix('@') {
            Some(n) => (true, n),
            None => (false, part),
        };
        let found = node.and_then(|parent| {
            let at = parent
                .children
                .iter()
                .position(|c| c.name == name && c.attribute == attribute)?;
            let child = &parent.children[at];
            // A name without a dot is its own JSON name; only a dotted one needs its siblings
            // (so a binding costs its steps, not the size of each step's parent).
            let json = if child.name.contains('.') {
                json_names(parent).swap_remove(at)
            } else {
                child.name.clone()
            };
            Some((child, json))
        });
        match found {
            Some((child, json)) => {
                steps.push(json);
                node = Some(child);
            }
            None => {
                steps.push(name.to_string());
                node = None;
            }
        }
    }
    let dotted = steps.join(".");
    match node {
        Some(node) if node.simple_content && !steps.is_empty() => format!("{dotted}.value"),
        _ => dotted,
    }
}

/// The JSON names of a node's children, in order: the XML name, unless it cannot be one step
/// of a data-model path (the frontend splits bindings at dots: `patient.family_name` would be
/// two steps), then with `_` for each dot, unique among the siblings. XML keeps its names
/// (`[XmlElement]`); JSON, the JSON Schema and every binding use these.
pub fn json_names(parent: &ModelNode) -> Vec<String> {
    let mut taken: std::collections::HashSet<String> = parent
        .children
        .iter()
        .filter(|c| !c.name.contains('.'))
        .map(|c| c.name.clone())
        .collect();
    parent
        .children
        .iter()
        .map(|c| {
            if !c.name.contains('.') {
                return c.name.clone();
            }
            let mut name = c.name.replace('.', "_");
            while !taken.insert(name.clone()) {
                name.push('_');
            }
            name
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn component_ids_follow_the_pattern() {
        for ok in [
            "name-input",
            "field1",
            "ctrl3",
            "a-123456",
            "side1-ctrl22",
            "ab",
        ] {
            assert!(is_component_id(ok), "{ok}");
        }
        for bad in ["field-1", "a", "-a", "1", "c123", "x_y", "a-12345"] {
            assert!(!is_component_id(bad), "{bad}");
        }
        assert_eq!(component_id("Side 2 / CTRL26"), "side-2-ctrl26");
        assert_eq!(component_id("text-12"), "text12");
        assert_eq!(component_id("123"), "123x");
        assert_eq!(component_id("Årsregnskap"), "aarsregnskap");
        assert_eq!(component_id("!!"), "cx");
    }

    #[test]
    fn other_names() {
        assert_eq!(page_name("Side 1: Opplysninger"), "Side-1-Opplysninger");
        assert_eq!(page_name("Kvittering"), "Kvittering");
        assert_eq!(csharp_identifier("RA-9901_M"), "RA_9901_M");
        assert_eq!(csharp_identifier("3106"), "M3106");
    }
}
