//! The app repository's boilerplate (v8 template layout), rendered from the handlebars
//! templates in `templates/app/`, compiled into the binary.

use super::Context;
use handlebars::Handlebars;
use serde_json::json;
use std::sync::OnceLock;

/// The Altinn.App NuGet packages the emitted app builds against (the v8 template's pin).
const ALTINN_APP_VERSION: &str = "8.12.7";

const TEMPLATES: &[(&str, &str)] = &[
    (
        "App/App.csproj",
        include_str!("../../templates/app/App.csproj.hbs"),
    ),
    (
        "App/Program.cs",
        include_str!("../../templates/app/Program.cs.hbs"),
    ),
    (
        "Dockerfile",
        include_str!("../../templates/app/Dockerfile.hbs"),
    ),
    ("App.sln", include_str!("../../templates/app/App.sln.hbs")),
    (
        "deployment/values.yaml",
        include_str!("../../templates/app/values.yaml.hbs"),
    ),
    (
        "App/appsettings.json",
        include_str!("../../templates/app/appsettings.json.hbs"),
    ),
    (
        "App/appsettings.Development.json",
        include_str!("../../templates/app/appsettings.Development.json.hbs"),
    ),
    (
        "App/views/Home/Index.cshtml",
        include_str!("../../templates/app/Index.cshtml.hbs"),
    ),
    (
        ".altinnstudio/settings.json",
        include_str!("../../templates/app/studio-settings.json.hbs"),
    ),
    (
        ".gitignore",
        include_str!("../../templates/app/gitignore.hbs"),
    ),
    (
        ".dockerignore",
        include_str!("../../templates/app/dockerignore.hbs"),
    ),
    (
        "README.md",
        include_str!("../../templates/app/README.md.hbs"),
    ),
    (
        "App/ui/footer.json",
        include_str!("../../templates/app/footer.json.hbs"),
    ),
    (
        "App/Properties/launchSettings.json",
        include_str!("../../templates/app/launchSettings.json.hbs"),
    ),
    (
        "App/appsettings.Production.json",
        include_str!("../../templates/app/appsettings.Production.json.hbs"),
    ),
    (
        "App/appsettings.Staging.json",
        include_str!("../../templates/app/appsettings.Staging.json.hbs"),
    ),
    (
        ".editorconfig",
        include_str!("../../templates/app/editorconfig.hbs"),
    ),
];

/// A GUID derived from the app id, so the solution file is the same on every run.
fn stable_guid(seed: &str) -> String {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x8422_2325_cbf2_9ce4;
    for byte in seed.bytes() {
        a = (a ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        b = (b ^ u64::from(byte))
            .wrapping_mul(0x0000_0100_0000_01b3)
            .rotate_left(5);
    }
    let hex = format!("{a:016X}{b:016X}");
    format!(
        "{{{}-{}-{}-{}-{}}}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The templates, compiled once per process (parsing them per app cost as much as a layout).
fn registry() -> &'static Handlebars<'static> {
    static REGISTRY: OnceLock<Handlebars<'static>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_escape_fn(handlebars::no_escape);
        for (path, template) in TEMPLATES {
            // The templates are part of the binary and tested; a bad one is a bug.
            hb.register_template_string(path, template)
                .unwrap_or_else(|e| panic!("template {path}: {e}"));
        }
        hb
    })
}

pub fn emit(cx: &mut Context) {
    let hb = registry();
    if cx.codelists {
        cx.registrations
            .push(super::layout::codelists::REGISTRATION.to_string());
    }
    let identity = &cx.service.identity;
    let data = json!({
        "org": cx.org,
        "app": cx.app,
        "name": identity.name.clone().unwrap_or_default(),
        "service_code": identity.service_code.clone().unwrap_or_default(),
        "edition_code": identity.edition_code.clone().unwrap_or_default(),
        "version": env!("CARGO_PKG_VERSION"),
        "altinn_version": ALTINN_APP_VERSION,
        "project_guid": stable_guid(&format!("{}/{}", cx.org, cx.app)),
        // C# statements for `RegisterCustomAppServices` (options providers and the like).
        "registrations": cx.registrations,
        "codelists_version": cx.codelists.then_some(super::layout::codelists::PACKAGE_VERSION),
    });
    for (path, _) in TEMPLATES {
        match hb.render(path, &data) {
            Ok(text) => cx.file(*path, text.into_bytes()),
            Err(e) => panic!("template for {path} does not render: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_stable_and_well_formed() {
        let g = stable_guid("ssb/ra-9901");
        assert_eq!(g, stable_guid("ssb/ra-9901"));
        assert_ne!(g, stable_guid("ssb/ra-9902"));
        assert_eq!(g.len(), 38);
        assert!(g.starts_with('{') && g.ends_with('}'));
    }
}
