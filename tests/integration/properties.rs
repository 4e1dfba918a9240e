//! Property tests (proptest), with case counts bounded so CI stays fast: the XPath parser
//! round-trips its own printing, generated names always match Altinn's patterns and never
//! collide, and conversion of any generated package is deterministic and emits JSON that
//! parses again.

use proptest::prelude::*;
use std::collections::{BTreeMap, HashSet};
use tul2studio::emit::names;
use tul2studio::ir::expr::{BinOp, Expr, Function, Path, QName, Step};
use tul2studio::read::infopath::xpath;

fn qname() -> impl Strategy<Value = QName> {
    (
        prop::option::of(prop::sample::select(vec!["my", "ns1", "xd"])),
        "[a-zA-Z_][a-zA-Z0-9_-]{0,8}",
    )
        .prop_map(|(prefix, local)| QName {
            prefix: prefix.map(str::to_string),
            local,
        })
}

fn path() -> impl Strategy<Value = Path> {
    let step = prop_oneof![
        1 => Just(Step::Current),
        1 => Just(Step::Parent),
        6 => qname().prop_map(Step::Child),
        2 => qname().prop_map(Step::Attribute),
    ];
    (any::<bool>(), prop::collection::vec(step, 1..5))
        .prop_map(|(absolute, steps)| Path { absolute, steps })
}

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        "[^\"']{0,12}".prop_map(|value| Expr::String { value }),
        "[^']{0,6}\"[^']{0,6}".prop_map(|value| Expr::String { value }),
        (0u32..100_000, 0u32..4).prop_map(|(n, quarters)| Expr::Number {
            value: f64::from(n) + f64::from(quarters) / 4.0
        }),
        path().prop_map(Expr::Path),
    ]
}

const OPS: [BinOp; 13] = [
    BinOp::Or,
    BinOp::And,
    BinOp::Eq,
    BinOp::Ne,
    BinOp::Lt,
    BinOp::Le,
    BinOp::Gt,
    BinOp::Ge,
    BinOp::Add,
    BinOp::Sub,
    BinOp::Mul,
    BinOp::Div,
    BinOp::Mod,
];

/// How many arguments each function takes in XPath 1.0 (one choice where it varies).
fn arity(function: Function) -> std::ops::RangeInclusive<usize> {
    match function {
        Function::True | Function::False => 0..=0,
        Function::Contains | Function::StartsWith => 2..=2,
        Function::Concat => 2..=4,
        Function::StringLength | Function::String | Function::Number | Function::NormalizeSpace => {
            0..=1
        }
        Function::Not | Function::Count | Function::Sum | Function::Boolean => 1..=1,
    }
}

fn expr() -> impl Strategy<Value = Expr> {
    leaf().prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            (
                prop::sample::select(OPS.to_vec()),
                inner.clone(),
                inner.clone()
            )
                .prop_map(|(op, l, r)| Expr::Binary {
                    op,
                    left: Box::new(l),
                    right: Box::new(r)
                }),
            inner.clone().prop_map(|e| Expr::Negate {
                operand: Box::new(e)
            }),
            (
                prop::sample::select(Function::ALL.to_vec()),
                prop::collection::vec(inner, 0..4)
            )
                .prop_map(|(function, mut args)| {
                    let range = arity(function);
                    args.truncate(*range.end());
                    while args.len() < *range.start() {
                        args.push(Expr::Number { value: 1.0 });
                    }
                    Expr::Call { function, args }
                }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn xpath_round_trips_through_its_printing(e in expr()) {
        let printed = e.to_string();
        let parsed = xpath::parse(&printed);
        prop_assert!(parsed.unsupported.is_none(), "{printed}: {:?}", parsed.unsupported);
        prop_assert_eq!(parsed.expr.as_ref(), Some(&e), "{}", printed);
    }

    #[test]
    fn xpath_never_panics_on_any_text(source in ".{0,64}") {
        let parsed = xpath::parse(&source);
        prop_assert!(parsed.expr.is_some() != parsed.unsupported.is_some());
        if let Some(u) = parsed.unsupported {
            prop_assert!(u.offset <= source.len());
        }
    }

    #[test]
    fn names_match_altinn_patterns_and_never_collide(raws in prop::collection::vec(".{0,16}", 1..40)) {
        let mut taken = HashSet::new();
        let mut seen = HashSet::new();
        for raw in &raws {
            let id = names::unique_component_id(&mut taken, raw);
            prop_assert!(names::is_component_id(&id), "{raw:?} → {id:?}");
            prop_assert!(seen.insert(id.clone()), "{id} twice");
            let page = names::page_name(raw);
            prop_assert!(!page.is_empty() && page.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)), "{page:?}");
            let ident = names::csharp_identifier(raw);
            prop_assert!(names::is_csharp_identifier(&ident), "{raw:?} → {ident:?}");
        }
    }

    #[test]
    fn csharp_keywords_are_never_identifiers(word in prop::sample::select(vec!["class", "string", "int", "object", "namespace", "event", "default", "new"])) {
        prop_assert!(names::is_csharp_identifier(&names::csharp_identifier(word)));
    }
}

/// Converts one generated package (zip bytes) in memory.
fn convert(bytes: &[u8]) -> (Vec<String>, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.zip");
    std::fs::write(&path, bytes).unwrap();
    let (outcome, app) =
        tul2studio::convert_package(&path, &Default::default(), &Default::default());
    let codes = outcome
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code.as_str(), d.message))
        .collect();
    (codes, app.map(|a| a.files).unwrap_or_default())
}

proptest! {
    // Each case converts a package twice: few cases, real coverage comes from the shapes.
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn conversion_is_deterministic_and_emits_json_that_parses(
        seed in any::<u64>(),
        pages in 1usize..6,
        fields_per_page in 1usize..25,
        languages in 1usize..5,
        repeating in any::<bool>(),
    ) {
        let shape = tul2studio::generate::Shape { pages, fields_per_page, languages, repeating };
        let mut rng = tul2studio::generate::Rng::new(seed);
        let (_, bytes) = tul2studio::generate::package(seed as usize % 1000, shape, &mut rng);
        let (codes, files) = convert(&bytes);
        prop_assert!(!files.is_empty(), "no app: {codes:?}");
        prop_assert_eq!(convert(&bytes), (codes, files.clone()));
        let mut ids = HashSet::new();
        for (path, bytes) in &files {
            if !path.ends_with(".json") {
                continue;
            }
            let value: serde_json::Value = serde_json::from_slice(bytes)
                .map_err(|e| TestCaseError::fail(format!("{path}: {e}")))?;
            if path.contains("/layouts/") {
                for c in value["data"]["layout"].as_array().into_iter().flatten() {
                    let id = c["id"].as_str().unwrap_or_default().to_string();
                    prop_assert!(names::is_component_id(&id), "{path}: {id}");
                    prop_assert!(ids.insert(id.clone()), "{path}: {id} twice");
                }
            }
        }
    }
}

/// The corners a random walk rarely reaches: operator names as element names, double
/// negation, both quote kinds.
#[test]
fn xpath_corner_cases_round_trip() {
    let name = |local: &str| {
        Expr::Path(Path {
            absolute: false,
            steps: vec![Step::Child(QName {
                prefix: None,
                local: local.into(),
            })],
        })
    };
    let cases = [
        Expr::Binary {
            op: BinOp::Mod,
            left: Box::new(name("mod")),
            right: Box::new(name("div")),
        },
        Expr::Binary {
            op: BinOp::And,
            left: Box::new(name("or")),
            right: Box::new(name("and")),
        },
        Expr::Negate {
            operand: Box::new(Expr::Negate {
                operand: Box::new(Expr::Number { value: 1.0 }),
            }),
        },
        Expr::String {
            value: "it's".into(),
        },
    ];
    for e in cases {
        let printed = e.to_string();
        assert_eq!(xpath::parse(&printed).expr, Some(e), "{printed}");
    }
}
