//! Label attachment, one layout pattern each, the markup cut down from the real samples
//! (`../shared/samples/real`): expense report, meeting agenda, the xsn example.
use super::*;
use crate::read::package::Limits;

/// The controls of a view whose body is `body`.
fn read(body: &str) -> Vec<Control> {
    let text = format!(
        r#"<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:xd="http://schemas.microsoft.com/office/infopath/2003" xmlns:my="urn:my"><xsl:template match="my:r"><html><body>{body}</body></html></xsl:template></xsl:stylesheet>"#
    );
    let mut diagnostics = Vec::new();
    let xml = Xml::parse("v.xsl", &text, &Limits::default(), &mut diagnostics).unwrap();
    let input = ViewInput {
        lang: Lang::En,
        root: "r",
        model_is_infopath: true,
    };
    read_view(&xml, &input, &mut diagnostics)
}

fn labels(body: &str) -> Vec<(String, String, String)> {
    let first = |t: &LangText| t.values().next().cloned().unwrap_or_default();
    read(body)
        .iter()
        .flat_map(|c| c.walk())
        .map(|c| {
            let described = if c.options.is_empty() {
                first(&c.description)
            } else {
                c.options
                    .iter()
                    .map(|o| first(&o.label))
                    .collect::<Vec<_>>()
                    .join("|")
            };
            (c.id.clone(), first(&c.label), described)
        })
        .collect()
}

fn text_box(id: &str, tip: &str) -> String {
    format!(
        r#"<span class="xdTextBox" title="{tip}" xd:CtrlId="{id}" xd:xctname="PlainText" xd:binding="my:{id}"/>"#
    )
}

#[test]
fn a_label_in_the_same_cell_before_the_control() {
    // Expense report: "Report Date:" and "Expense Code:" above their controls, one cell each.
    let row = format!(
        "<table><tbody><tr><td><div>Report Date:</div><div>{}</div></td><td><div> </div></td><td><div>Expense Code:</div><div>{}</div></td></tr></tbody></table>",
        text_box("a", "Report Date"),
        text_box("b", "Expense Code")
    );
    let got = labels(&row);
    assert_eq!(got[0], ("a".into(), "Report Date:".into(), String::new()));
    assert_eq!(got[1], ("b".into(), "Expense Code:".into(), String::new()));
}

#[test]
fn a_label_in_an_earlier_cell_of_the_row_and_a_unit_after() {
    let row = format!(
        "<table><tbody><tr><td>Amount</td><td>{}</td><td>kroner</td></tr></tbody></table>",
        text_box("a", "")
    );
    assert_eq!(
        labels(&row),
        [("a".into(), "Amount".into(), "kroner".into())]
    );
}

#[test]
fn a_label_in_the_same_column_of_the_row_above() {
    let table = format!(
        "<table><tbody><tr><td>Name</td><td>E-mail</td></tr><tr><td>{}</td><td>{}</td></tr></tbody></table>",
        text_box("a", ""),
        text_box("b", "")
    );
    let got = labels(&table);
    assert_eq!((got[0].1.as_str(), got[1].1.as_str()), ("Name", "E-mail"));
}

#[test]
fn a_banner_row_labels_no_control_of_a_cell_that_holds_several() {
    // FormMasters: a title row of texts, under it one cell with three controls (there
    // sections, each drawing a greeting): the banner is no title of theirs.
    let table = format!(
        "<table><tbody><tr><td><font>Virtual Help Desk</font><font>|</font><font>Windows &amp; Devices</font></td></tr><tr><td><div>{}</div><div>{}</div></td></tr></tbody></table>",
        text_box("a", ""),
        text_box("b", "")
    );
    let got = labels(&table);
    let titles: Vec<(&str, &str)> = got
        .iter()
        .map(|(id, title, _)| (id.as_str(), title.as_str()))
        .collect();
    assert!(
        titles.contains(&("a", "")) && titles.contains(&("b", "")),
        "{titles:?}"
    );
}

#[test]
fn a_word_split_over_two_fonts_is_one_text_and_a_separator_joins_nothing() {
    // FormMasters styles a first letter in a font of its own.
    let body = r#"<div><font><font>   W</font></font><font>hat would you like?</font></div><div><font>Windows</font><input type="checkbox" xd:xctname="CheckBox" xd:CtrlId="a" xd:binding="my:a" xd:onValue="true"/><font>|</font><input type="checkbox" xd:xctname="CheckBox" xd:CtrlId="b" xd:binding="my:b" xd:onValue="true"/><font>Devices</font></div>"#;
    let got = labels(body);
    let titles: Vec<&str> = got.iter().map(|(_, title, _)| title.as_str()).collect();
    assert_eq!(titles[0], "What would you like?", "{titles:?}");
    let b = got.iter().find(|(id, ..)| id == "b").unwrap();
    assert_eq!(b.1, "Devices", "{titles:?}");
}

#[test]
fn labels_before_controls_on_one_line() {
    // Meeting agenda: each label in a font right before its control, one block.
    let line = format!(
        "<div><font>Title:</font>{}<font>Organizer:</font>{}</div>",
        text_box("a", ""),
        text_box("b", "")
    );
    let got = labels(&line);
    assert_eq!(
        (got[0].1.as_str(), got[1].1.as_str()),
        ("Title:", "Organizer:")
    );
    assert!(
        got[0].2.is_empty(),
        "no description taken from the next label"
    );
}

#[test]
fn option_texts_beside_each_button_and_the_check_box_heading() {
    // xsn example: `Option1<input type="radio"/>` per block; "Check Box" before the box.
    let radio = |id: &str, v: &str| {
        format!(
            r#"<div>Option{v}<input type="radio" xd:xctname="OptionButton" xd:CtrlId="{id}" xd:binding="my:f6" xd:onValue="{v}"/></div>"#
        )
    };
    let cell = format!(
        r#"<table><tbody><tr><td><div>Check Box</div><div><input type="checkbox" xd:xctname="CheckBox" xd:CtrlId="cb" xd:binding="my:f5" xd:onValue="true"/></div><div><div>Option Button</div>{}{}{}</div></td></tr></tbody></table>"#,
        radio("r1", "1"),
        radio("r2", "2"),
        radio("r3", "3")
    );
    let got = labels(&cell);
    assert_eq!(got[0], ("cb".into(), "Check Box".into(), String::new()));
    assert_eq!(got[1].1, "Option Button");
    assert_eq!(got[1].2, "Option1|Option2|Option3");
}

#[test]
fn declared_date_patterns_are_kept_and_named_formats_are_none() {
    assert_eq!(
        date_pattern("\"date\",\"dateFormat:dd.MM.yyyy;\""),
        Some("dd.MM.yyyy".into())
    );
    assert_eq!(
        date_pattern("\"date\",\"dateFormat:dddd, MMMM d;\""),
        Some("dddd, MMMM d".into())
    );
    assert_eq!(date_pattern("\"date\",\"dateFormat:Short Date;\""), None);
    assert_eq!(
        date_pattern("\"datetime\",\"dateFormat:Short Date;timeFormat:none;\""),
        None
    );
}

#[test]
fn the_screen_tip_decides_and_fills_in() {
    // A sentence above the field disagrees with the ScreenTip: the tip wins; no label at
    // all: the tip is the title; a technical tip (`field1`) is no title.
    let body = format!(
        "<div>Please fill in the form below.</div><div>{}</div><div>{}</div><div>{}</div>",
        text_box("a", "Standard Textbox"),
        text_box("b", "Phone number"),
        text_box("c", "field3")
    );
    let got = labels(&body);
    let of = |id: &str| got.iter().find(|g| g.0 == id).unwrap().1.clone();
    assert_eq!(of("a"), "Standard Textbox");
    assert_eq!(of("b"), "Phone number");
    assert_eq!(of("c"), "");
    assert!(
        got.iter().any(|g| g.1 == "Please fill in the form below."),
        "kept as text"
    );
}

fn check_box(id: &str) -> String {
    format!(
        r#"<input class="xdBehavior_Boolean" type="checkbox" xd:CtrlId="{id}" xd:xctname="CheckBox" xd:binding="my:{id}" xd:onValue="true" xd:offValue="false"/>"#
    )
}

fn option_button(id: &str, field: &str, value: &str) -> String {
    format!(
        r#"<input class="xdBehavior_Boolean" type="radio" xd:CtrlId="{id}" xd:xctname="OptionButton" xd:binding="my:{field}" xd:onValue="{value}"/>"#
    )
}

fn repeating_table(id: &str, header: &str, row: &str) -> String {
    format!(
        r#"<table class="xdRepeatingTable" xd:CtrlId="{id}"><tbody class="xdTableHeader">{header}</tbody><tbody xd:xctname="RepeatingTable"><xsl:for-each select="my:rows/my:row"><tr>{row}</tr></xsl:for-each></tbody></table>"#
    )
}

#[test]
fn a_column_header_labels_every_field_of_its_column_in_a_grid() {
    // Bank form: "Date (MM/YY) | Average Ledger Balance" over three rows of fields.
    let rows: String = (0..3)
        .map(|r| {
            format!(
                "<tr><td>{}</td><td>{}</td></tr>",
                text_box(&format!("d{r}"), ""),
                text_box(&format!("b{r}"), "")
            )
        })
        .collect();
    let table = format!(
        "<table><tbody><tr><td>Date (MM/YY)</td><td>Average Ledger Balance</td></tr>{rows}</tbody></table>"
    );
    let got = labels(&table);
    let titles: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
    assert_eq!(
        titles,
        ["Date (MM/YY)", "Average Ledger Balance"].repeat(3),
        "{got:?}"
    );
}

#[test]
fn a_repeating_tables_labels_are_its_headers_last_row_under_its_title() {
    // Bank form: "Contact Information for ACH Return Notices" over "Name | Email".
    let header = "<tr><td colSpan=\"2\"><h5><strong>Contact Information</strong></h5></td></tr><tr><td><strong>Name</strong></td><td><strong>Email</strong></td></tr>";
    let row = format!(
        "<td>{}</td><td>{}</td>",
        text_box("n", ""),
        text_box("e", "")
    );
    let got = labels(&repeating_table("T", header, &row));
    assert_eq!(got[0].0, "T");
    assert_eq!(got[0].1, "Contact Information");
    assert_eq!((got[1].1.as_str(), got[2].1.as_str()), ("Name", "Email"));
}

#[test]
fn a_header_over_a_spanning_cell_names_the_cells_of_its_layout_table() {
    // Status report: one cell spans Due Date, Done % and Hour with a layout table inside.
    let header = "<tr><td>Item</td><td>Due Date</td><td>Done %</td><td>Hour</td></tr>";
    let row = format!(
        "<td>{}</td><td colSpan=\"3\"><table class=\"xdLayout\"><tbody><tr><td>{}</td><td>{} %</td><td>{}</td></tr></tbody></table></td>",
        text_box("i", ""),
        text_box("due", ""),
        text_box("done", ""),
        text_box("hours", "")
    );
    let got = labels(&repeating_table("T", header, &row));
    let titles: Vec<(&str, &str)> = got[1..]
        .iter()
        .map(|g| (g.1.as_str(), g.2.as_str()))
        .collect();
    assert_eq!(
        titles,
        [
            ("Item", ""),
            ("Due Date", ""),
            ("Done %", "%"),
            ("Hour", "")
        ],
        "{got:?}"
    );
}

#[test]
fn a_list_of_one_field_lends_it_its_label() {
    // Bank form: "Account Number" | a one-column repeating table of account numbers.
    let list = repeating_table("T", "", &format!("<td>{}</td>", text_box("a", "")));
    let got = labels(&format!(
        "<table><tbody><tr><td>Account Number</td><td>{list}</td></tr></tbody></table>"
    ));
    assert_eq!(
        (got[0].1.as_str(), got[1].1.as_str()),
        ("Account Number", "Account Number")
    );
}

#[test]
fn the_forms_title_row_labels_nothing_outside_it() {
    // Zh-CN demo: the title row "DEMO" over a table of one unlabelled text box; the project
    // estimation form: "Project Estimation" and the task's title in the title row itself.
    let table = format!(
        "<table class=\"xdFormLayout\"><tbody><tr class=\"xdTitleRow\"><td><h1>Project Estimation{}</h1></td></tr><tr><td>{}</td></tr></tbody></table>",
        text_box("t", ""),
        text_box("a", "")
    );
    let got = labels(&table);
    let titled: Vec<(&str, &str)> = got.iter().map(|g| (g.0.as_str(), g.1.as_str())).collect();
    assert!(titled.contains(&("t", "Project Estimation")), "{got:?}");
    assert!(titled.contains(&("a", "")), "{got:?}");
}

#[test]
fn an_option_groups_label_cell_in_pieces_is_its_whole_title() {
    // Incident form: "Were immediate remedial actions taken?" "(If Yes, please specify)".
    let row = format!(
        "<table><tbody><tr><td><div>Were actions taken?</div><div>(If Yes, please specify)</div></td><td>{} Yes {} No</td></tr></tbody></table>",
        option_button("y", "taken", "true"),
        option_button("n", "taken", "false")
    );
    let got = labels(&row);
    assert_eq!(got[0].1, "Were actions taken? (If Yes, please specify)");
    assert_eq!(got[0].2, "Yes|No");
}

#[test]
fn boxes_that_start_their_line_take_the_text_after_them() {
    // Bank form: a row of check boxes, each before its text, in cells of their own.
    let row = format!(
        "<table><tbody><tr><td>{}</td><td>ACH</td><td>{}</td><td>Wires</td></tr></tbody></table>",
        check_box("a"),
        check_box("w")
    );
    let got = labels(&row);
    assert_eq!(got[0], ("a".into(), "ACH".into(), String::new()));
    assert_eq!(got[1], ("w".into(), "Wires".into(), String::new()));
}

#[test]
fn an_option_group_over_two_cells_is_one_group() {
    // Four buttons on one field, two per cell, another field between them.
    let row = format!(
        "<table><tbody><tr><td>Kind</td><td>{} A {} B</td><td>{}</td><td>{} C {} D</td></tr></tbody></table>",
        option_button("1", "kind", "a"),
        option_button("2", "kind", "b"),
        text_box("x", ""),
        option_button("3", "kind", "c"),
        option_button("4", "kind", "d")
    );
    let got = labels(&row);
    let groups: Vec<_> = got.iter().filter(|g| g.2.contains('|')).collect();
    assert_eq!(groups.len(), 1, "{got:?}");
    assert_eq!(groups[0].2, "A|B|C|D");
}

#[test]
fn a_marker_beside_a_field_makes_it_required_and_is_no_text() {
    // Incident form: a red "*" after "Incident Owner:" and its field.
    let controls = read(&format!(
        r#"<table><tbody><tr><td>Owner:</td><td>{}<span class="xdExpressionBox" xd:CtrlId="M" xd:xctname="ExpressionBox" xd:binding="&quot;*&quot;"/></td></tr></tbody></table>"#,
        text_box("o", "")
    ));
    assert_eq!(controls.len(), 1, "{controls:?}");
    assert!(controls[0].marked_required);
    assert!(controls[0].stands_for.contains(&"M".to_string()));
    assert_eq!(controls[0].label.values().next().unwrap(), "Owner:");
}

#[test]
fn option_buttons_in_a_nested_table_take_the_cell_before_it() {
    // TUL-made forms: the label is an expression box holding a literal, the buttons stand in
    // a layout table in the next cell.
    let row = format!(
        r#"<table><tbody><tr><td><span class="xdExpressionBox" xd:xctname="ExpressionBox" xd:CtrlId="L"><xsl:value-of select="&quot;Type søknad&quot;"/></span></td><td><table><tbody><tr><td>{} Ny</td><td>{} Endring</td></tr></tbody></table></td></tr></tbody></table>"#,
        option_button("1", "type", "1"),
        option_button("2", "type", "2")
    );
    let got = labels(&row);
    assert_eq!(got.len(), 1, "the label is no paragraph: {got:?}");
    assert_eq!(got[0].1, "Type søknad");
    assert_eq!(got[0].2, "Ny|Endring");
}

#[test]
fn a_label_cell_wins_over_a_check_boxs_own_text_after_it() {
    // Lunch order: "No Thanks" | [box] "(I'll bring my own)".
    let row = format!(
        "<table><tbody><tr><td><h4><span class=\"xdlabel\">No Thanks</span></h4></td><td>{}(I'll bring my own)</td></tr></tbody></table>",
        check_box("n")
    );
    assert_eq!(
        labels(&row),
        [("n".into(), "No Thanks".into(), "(I'll bring my own)".into())]
    );
}

#[test]
fn boxes_each_in_a_block_of_a_shared_cell_take_the_text_after_them() {
    // Baseline form: one cell holds a note, then one block per check box, box before text.
    let cell = format!(
        "<table><tbody><tr><td><ul><li>A note about the form</li></ul><div>{}Check Box (required)</div><div>{}Check Box (optional)</div></td></tr></tbody></table>",
        check_box("a"),
        check_box("b")
    );
    let got = labels(&cell);
    let titles: Vec<(&str, &str)> = got.iter().map(|g| (g.0.as_str(), g.1.as_str())).collect();
    assert!(titles.contains(&("a", "Check Box (required)")), "{got:?}");
    assert!(titles.contains(&("b", "Check Box (optional)")), "{got:?}");
}
