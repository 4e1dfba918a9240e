//! The XACML 3.0 core schema's content model for the elements an upgrade touches, checked
//! before a file is written. The tool cannot ship the OASIS schema or a validator, so the
//! rules are transcribed here (element order and counts, required attributes); the tests
//! also validate upgraded files against the schema itself with xmllint.

use super::scan::XACML_NS;
use roxmltree::{Document, Node};

/// One slot of a sequence: any of `names`, between `min` and `max` times.
struct Slot {
    names: &'static [&'static str],
    min: usize,
    max: usize,
}

const fn slot(names: &'static [&'static str], min: usize, max: usize) -> Slot {
    Slot { names, min, max }
}

const MANY: usize = usize::MAX;

/// Children and required attributes of one element type.
fn model(name: &str) -> Option<(&'static [Slot], &'static [&'static str])> {
    const POLICY: &[Slot] = &[
        slot(&["Description"], 0, 1),
        slot(&["PolicyIssuer"], 0, 1),
        slot(&["PolicyDefaults"], 0, 1),
        slot(&["Target"], 1, 1),
        slot(
            &[
                "CombinerParameters",
                "RuleCombinerParameters",
                "VariableDefinition",
                "Rule",
            ],
            0,
            MANY,
        ),
        slot(&["ObligationExpressions"], 0, 1),
        slot(&["AdviceExpressions"], 0, 1),
    ];
    const RULE: &[Slot] = &[
        slot(&["Description"], 0, 1),
        slot(&["Target"], 0, 1),
        slot(&["Condition"], 0, 1),
        slot(&["ObligationExpressions"], 0, 1),
        slot(&["AdviceExpressions"], 0, 1),
    ];
    const TARGET: &[Slot] = &[slot(&["AnyOf"], 0, MANY)];
    const ANY_OF: &[Slot] = &[slot(&["AllOf"], 1, MANY)];
    const ALL_OF: &[Slot] = &[slot(&["Match"], 1, MANY)];
    const MATCH: &[Slot] = &[
        slot(&["AttributeValue"], 1, 1),
        slot(&["AttributeDesignator", "AttributeSelector"], 1, 1),
    ];
    Some(match name {
        "Policy" => (POLICY, &["PolicyId", "Version", "RuleCombiningAlgId"][..]),
        "Rule" => (RULE, &["RuleId", "Effect"][..]),
        "Target" => (TARGET, &[][..]),
        "AnyOf" => (ANY_OF, &[][..]),
        "AllOf" => (ALL_OF, &[][..]),
        "Match" => (MATCH, &["MatchId"][..]),
        "AttributeValue" => (&[][..], &["DataType"][..]),
        "AttributeDesignator" => (
            &[][..],
            &["Category", "AttributeId", "DataType", "MustBePresent"][..],
        ),
        _ => return None,
    })
}

/// Checks `text`; the error names the first element that breaks the model.
pub fn check(text: &str) -> Result<(), String> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    let doc = Document::parse_with_options(text, options).map_err(|e| e.to_string())?;
    let root = doc.root_element();
    if root.tag_name().name() != "Policy" || root.tag_name().namespace() != Some(XACML_NS) {
        return Err("the root is not a XACML 3.0 Policy".into());
    }
    check_element(&doc, root)
}

fn check_element(doc: &Document, node: Node) -> Result<(), String> {
    let name = node.tag_name().name();
    let Some((slots, required)) = model(name) else {
        // Elements the upgrade never touches keep whatever the owner wrote.
        return Ok(());
    };
    // The line only when there is an error: finding it scans the text from the start, which
    // for every element made checking quadratic in the policy's size.
    let at = |what: String| {
        let line = doc.text_pos_at(node.range().start).row;
        format!("line {line}: <{name}> {what}")
    };
    for attribute in required {
        if node.attribute(*attribute).is_none() {
            return Err(at(format!("lacks the required attribute {attribute}")));
        }
    }
    if name == "AttributeValue" {
        return Ok(()); // mixed content: anything goes
    }
    let mut elements = node.children().filter(|c| c.is_element()).peekable();
    for slot in slots {
        let mut count = 0;
        while let Some(child) = elements.peek() {
            let in_slot = child.tag_name().namespace() == Some(XACML_NS)
                && slot.names.contains(&child.tag_name().name());
            if !in_slot || count == slot.max {
                break;
            }
            count += 1;
            elements.next();
        }
        if count < slot.min {
            return Err(at(format!("needs a {} here", slot.names.join(" or "))));
        }
    }
    if let Some(extra) = elements.next() {
        return Err(at(format!(
            "may not contain <{}> where it stands",
            extra.tag_name().name()
        )));
    }
    for child in node.children().filter(|c| c.is_element()) {
        check_element(doc, child)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;

    fn policy(rule_target: &str) -> String {
        format!(
            "<Policy xmlns=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\" PolicyId=\"p\" Version=\"1\" RuleCombiningAlgId=\"a\"><Target/><Rule RuleId=\"r\" Effect=\"Permit\">{rule_target}</Rule></Policy>"
        )
    }

    const MATCH: &str = "<Match MatchId=\"m\"><AttributeValue DataType=\"s\">x</AttributeValue><AttributeDesignator Category=\"c\" AttributeId=\"a\" DataType=\"s\" MustBePresent=\"false\"/></Match>";

    #[test]
    fn a_well_formed_policy_passes() {
        let text = policy(&format!(
            "<Description>d</Description><Target><AnyOf><AllOf>{MATCH}</AllOf></AnyOf></Target>"
        ));
        assert_eq!(check(&text), Ok(()));
    }

    #[test]
    fn broken_models_are_named() {
        let cases = [
            ("<Target><AnyOf></AnyOf></Target>", "<AnyOf> needs a AllOf"),
            (
                "<Target><AnyOf><AllOf/></AnyOf></Target>",
                "<AllOf> needs a Match",
            ),
            (
                "<Target/><Description>late</Description>",
                "<Rule> may not contain <Description>",
            ),
            (
                "<Target><AnyOf><AllOf><Match MatchId=\"m\"><AttributeValue DataType=\"s\"/></Match></AllOf></AnyOf></Target>",
                "needs a AttributeDesignator or AttributeSelector",
            ),
            (
                "<Target><AnyOf><AllOf><Match><AttributeValue DataType=\"s\"/><AttributeDesignator Category=\"c\" AttributeId=\"a\" DataType=\"s\" MustBePresent=\"false\"/></Match></AllOf></AnyOf></Target>",
                "lacks the required attribute MatchId",
            ),
        ];
        for (target, expected) in cases {
            let error = check(&policy(target)).unwrap_err();
            assert!(error.contains(expected), "{target}: {error}");
        }
        assert!(check("<Policy/>").is_err());
        assert!(check("<a>").is_err());
    }
}
