//! Altinn II code lists that Altinn's common code-list library for apps (the Altinn.Codelists
//! NuGet package) publishes. Its option ids are from its documentation ("Felles standard
//! kodelister", docs.altinn.studio) and its providers' `Id` properties
//! (Altinn/codelists-lib-dotnet).

/// The package version the emitted App.csproj references (the v8 line).
pub const PACKAGE_VERSION: &str = "8.0.2";

/// The statement `Program.cs` runs to register every list of the package.
pub const REGISTRATION: &str =
    "Altinn.Codelists.Extensions.ServiceCollectionExtensions.AddAltinnCodelists(services);";

/// (stems of an Altinn II list name, the package's options id). A name matches when its first
/// word (after an optional owner prefix: `SSB_Naeringskoder`, `ISO_Land`) is a stem with one
/// of the usual endings (`Kommuner`, `Landkoder`, `Fylkesnummer`), so `Landbruk` is no `land`.
const LISTS: &[(&[&str], &str)] = &[
    (&["kommune"], "kommuner"),
    (&["fylke"], "fylker"),
    (&["land", "country", "countries"], "land"),
    (&["postnummer", "postnr", "poststed"], "poststed"),
    (&["kjonn", "kjønn", "gender"], "kjønn"),
    (&["sivilstand", "sivilstatus"], "sivilstand"),
    (&["naering", "næring", "nace"], "næringsgruppering"),
    (&["yrke", "styrk"], "yrker"),
];

/// Endings of list names after the stem.
const ENDINGS: &[&str] = &[
    "",
    "r",
    "er",
    "e",
    "s",
    "ar",
    "koder",
    "kode",
    "skoder",
    "skode",
    "liste",
    "nummer",
    "snummer",
    "nr",
    "snr",
    "kodeliste",
];

/// Owner prefixes of Altinn II list names.
const PREFIXES: &[&str] = &["ssb", "iso", "altinn", "skd", "brreg", "felles"];

/// The Altinn.Codelists options id for an Altinn II code list, when it is a common one.
pub fn common(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    let mut words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 1 && PREFIXES.contains(&words[0]) {
        words.remove(0);
    }
    let first = words.first()?;
    LISTS
        .iter()
        .find(|(stems, _)| {
            stems.iter().any(|s| {
                first
                    .strip_prefix(s)
                    .is_some_and(|rest| ENDINGS.contains(&rest))
            })
        })
        .map(|(_, id)| *id)
}

#[cfg(test)]
mod tests {
    use super::common;

    #[test]
    fn common_lists_are_recognised_by_name() {
        assert_eq!(common("SSB_Naeringskoder"), Some("næringsgruppering"));
        assert_eq!(common("Kommuner"), Some("kommuner"));
        assert_eq!(common("ISO_Land"), Some("land"));
        assert_eq!(common("Postnummer"), Some("poststed"));
        assert_eq!(common("Landkoder"), Some("land"));
        assert_eq!(common("Fylkesnummer"), Some("fylker"));
        assert_eq!(common("Landbruksregister"), None);
        assert_eq!(common("Bransjekoder"), None);
        assert_eq!(common(""), None);
    }
}
