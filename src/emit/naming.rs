//! The Altinn 3 names of a service: `org` and `app`. Stable: the same identity always gives
//! the same names, so re-runs and batch outputs line up.
//!
//! - `org` is the service owner code, lower-cased (`SSB` → `ssb`).
//! - `app` comes from the service name: when it opens with a form code (`RA-0678`, `RF-1175`,
//!   `A01`) that code alone, else the whole name; transliterated (æ→ae, ø→oe, å→aa), lower-cased,
//!   runs of other characters turned into one `-`, cut to 30 characters at a `-`. A name that
//!   gives nothing usable falls back to `s<serviceCode>-<editionCode>`. The result always matches
//!   Altinn's app-name pattern: starts with a letter, then `[a-z0-9-]`, ends alphanumeric.

use crate::ir::Identity;

pub fn org(identity: &Identity) -> String {
    slug(identity.owner_code.as_deref().unwrap_or("unknown"), 30)
        .unwrap_or_else(|| "unknown".into())
}

pub fn app(identity: &Identity) -> String {
    let name = identity.name.as_deref().unwrap_or("");
    let chosen = form_code(name).unwrap_or(name);
    slug(chosen, 30).unwrap_or_else(|| {
        let code = |c: &Option<String>| -> String {
            c.as_deref()
                .unwrap_or("")
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .take(12)
                .collect::<String>()
                .to_lowercase()
        };
        let fallback = format!(
            "s{}-{}",
            code(&identity.service_code),
            code(&identity.edition_code)
        );
        match fallback.trim_end_matches('-') {
            "s" => "service".to_string(),
            s => s.to_string(),
        }
    })
}

/// A leading form code: letters, an optional `-`, digits (`RA-0678`, `RF-1175`, `A01`).
fn form_code(name: &str) -> Option<&str> {
    let word = name.split_whitespace().next()?;
    let letters = word.bytes().take_while(u8::is_ascii_alphabetic).count();
    let rest = &word[letters..];
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (letters > 0 && letters <= 4 && digits > 0 && digits == rest.len()).then_some(word)
}

fn slug(text: &str, max: usize) -> Option<String> {
    let mut s = super::names::hyphenated(text);
    // Must start with a letter.
    let first_letter = s.find(|c: char| c.is_ascii_alphabetic())?;
    s.drain(..first_letter);
    if s.len() > max {
        s.truncate(s[..max].rfind('-').filter(|i| *i > 0).unwrap_or(max));
    }
    let s = s.trim_matches('-').to_string();
    (s.len() >= 2).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(owner: &str, name: &str) -> Identity {
        Identity {
            owner_code: Some(owner.into()),
            name: Some(name.into()),
            service_code: Some("3906".into()),
            edition_code: Some("141205".into()),
            ..Default::default()
        }
    }

    #[test]
    fn form_codes_win_over_names() {
        assert_eq!(app(&id("SSB", "RA-0678 Kvartalsstatistikk")), "ra-0678");
        assert_eq!(app(&id("SKD", "A01 a-melding")), "a01");
        assert_eq!(org(&id("SSB", "x")), "ssb");
    }

    #[test]
    fn names_are_transliterated_and_cut() {
        assert_eq!(
            app(&id("BRG", "Søknad om årsregnskap for små foretak og lag")),
            "soeknad-om-aarsregnskap-for"
        );
        assert_eq!(app(&id("X", "123 !!")), "s3906-141205");
        assert_eq!(
            app(&id("X", "Meld fra: bygg & anlegg")),
            "meld-fra-bygg-anlegg"
        );
    }
}
