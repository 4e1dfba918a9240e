//! Label attachment: which text is a control's title, description or option text, by
//! InfoPath's layouts (see the rules at [`attach`]). A new label rule goes here.

use super::*;
use std::collections::HashMap;

/// Does a ScreenTip say something a person wrote (not `field1`, `my:amount`)?
fn meaningful(tip: &str) -> bool {
    let tip = tip.trim();
    !tip.is_empty()
        && (tip.contains(' ')
            || (tip.chars().next().is_some_and(char::is_uppercase)
                && tip.chars().all(char::is_alphabetic)))
}

/// Do a label and a ScreenTip say the same (`Report Date:` and `Report Date`)?
fn agrees(label: &str, tip: &str) -> bool {
    let norm = |s: &str| {
        s.trim()
            .trim_end_matches([':', '*', ' ', '?'])
            .to_lowercase()
    };
    let (a, b) = (norm(label), norm(tip));
    !a.is_empty() && (a == b || a.contains(&b) || b.contains(&a))
}

/// A repeating table or section whose rows hold one field and no text (`Account Number:
/// [list of account numbers]`): the list's label is its field's.
pub(super) fn list_of_one_field(list: &mut Control) {
    if !matches!(
        list.kind,
        ControlKind::RepeatingTable | ControlKind::RepeatingSection
    ) || list.label.is_empty()
        || list.children.len() != 1
    {
        return;
    }
    let field = &mut list.children[0];
    if field.label.is_empty() && field.binding.is_some() && !field.kind.is_container() {
        field.label = list.label.clone();
    }
}

/// Attaches texts, help buttons and option labels to controls (see the module comment).
/// Index loops on purpose: every pass looks at neighbours of item `i`.
#[allow(clippy::needless_range_loop)]
pub(super) fn attach(items: Vec<Item>, headers: &[LangText], lang: Lang) -> Vec<Control> {
    let n = items.len();
    let mut used = vec![false; n];
    let place = |i: usize| match &items[i] {
        Item::Text { place, .. }
        | Item::Control { place, .. }
        | Item::Help { place, .. }
        | Item::Radio { place, .. } => Some(*place),
        Item::Placeholder { .. } => None,
    };
    let same_line = |a: usize, b: usize| match (place(a), place(b)) {
        (Some(x), Some(y)) => x.line.is_some() && x.line == y.line,
        _ => false,
    };
    let is_text = |i: usize| matches!(items[i], Item::Text { .. });
    let is_anchor = |i: usize| matches!(items[i], Item::Control { .. } | Item::Radio { .. });

    let same = |a: usize, b: usize, key: fn(&Place) -> Option<NodeId>| match (place(a), place(b)) {
        (Some(x), Some(y)) => key(&x).is_some() && key(&x) == key(&y),
        _ => false,
    };
    let same_block = |a: usize, b: usize| same(a, b, |p| p.block);
    let same_cell = |a: usize, b: usize| same(a, b, |p| p.cell);
    let same_row = |a: usize, b: usize| same(a, b, |p| p.row);
    // Cells and rows that hold a control: their texts label those controls, no other.
    let mut rows_with_anchor = HashSet::new();
    // How many controls each cell holds (a column header labels the one field under it).
    let mut anchors_in_cell: HashMap<_, usize> = HashMap::new();
    // How many controls each column of each row holds, and the row above each row: a header
    // row labels a grid of field rows under it.
    let mut anchors_in_column: HashMap<(NodeId, usize), usize> = HashMap::new();
    let mut fields_in_column: HashMap<(NodeId, usize), usize> = HashMap::new();
    let is_field = |i: usize| matches!(&items[i], Item::Control { control, .. } if control.binding.is_some() && !control.kind.is_container() && !matches!(control.kind, ControlKind::Text | ControlKind::Hyperlink { .. } | ControlKind::Button { .. } | ControlKind::Image { .. }));
    let mut row_above: HashMap<NodeId, Option<NodeId>> = HashMap::new();
    for i in 0..n {
        if let Some(Place {
            row: Some(row),
            row_above: above,
            ..
        }) = place(i)
        {
            row_above.insert(row, above);
        }
    }
    for i in (0..n).filter(|i| is_anchor(*i)) {
        if let Some(p) = place(i) {
            rows_with_anchor.extend(p.row);
            if let Some(cell) = p.cell {
                *anchors_in_cell.entry(cell).or_default() += 1;
            }
            if let Some(row) = p.row {
                *anchors_in_column.entry((row, p.column)).or_default() += 1;
                if is_field(i) {
                    *fields_in_column.entry((row, p.column)).or_default() += 1;
                }
            }
        }
    }
    // The header row of a field's column: the first row above that holds no control, across
    // rows that hold exactly one control in this column, a field (a grid of fields).
    let header_row = |i: usize, at: &Place| {
        let mut row = at.row_above?;
        let mut steps = 0;
        while rows_with_anchor.contains(&row) {
            steps += 1;
            let one_field = anchors_in_column.get(&(row, at.column)) == Some(&1)
                && fields_in_column.get(&(row, at.column)) == Some(&1);
            if !is_field(i) || !one_field || steps > 64 {
                return None;
            }
            row = (*row_above.get(&row)?)?;
        }
        Some(row)
    };
    // Texts that head a column: every field of the column takes them.
    let mut column_headers: HashSet<usize> = HashSet::new();

    // Option buttons: a run of radios on one field is one control; each radio's label is the
    // text beside it in its own block (InfoPath writes `Option1<input/>`), else the first
    // text after it on its line.
    let mut groups: Vec<(usize, Vec<usize>, Vec<Option<usize>>)> = Vec::new();
    for i in 0..n {
        let Item::Radio { binding, .. } = &items[i] else {
            continue;
        };
        let beside = (0..i)
            .rev()
            .take_while(|j| !is_anchor(*j) && same_block(i, *j))
            .find(|j| is_text(*j) && !used[*j])
            .or_else(|| {
                (i + 1..n)
                    .take_while(|j| !is_anchor(*j) && same_block(i, *j))
                    .find(|j| is_text(*j) && !used[*j])
            });
        let label = beside.or_else(|| {
            (i + 1..n)
                .take_while(|j| !is_anchor(*j))
                .find(|j| is_text(*j) && !used[*j] && same_line(i, *j))
        });
        if let Some(l) = label {
            used[l] = true;
        }
        match groups.last_mut() {
            Some((first, members, labels)) if matches!(&items[*first], Item::Radio { binding: b, .. } if b == binding) =>
            {
                members.push(i);
                labels.push(label);
            }
            _ => groups.push((i, vec![i], vec![label])),
        }
    }

    // What each item stands for besides itself: the texts it takes, the radios of its group.
    let mut consumed: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (first, members, labels) in &groups {
        consumed[*first].extend(members.iter().filter(|m| *m != first));
        consumed[*first].extend(labels.iter().flatten());
    }

    // Help buttons: to the nearest control or text before them on their line.
    let mut help_of: Vec<Option<String>> = vec![None; n];
    let mut loose_help = Vec::new();
    for i in 0..n {
        let Item::Help { id, .. } = &items[i] else {
            continue;
        };
        let owner = (0..i)
            .rev()
            .find(|j| same_line(i, *j) && (is_anchor(*j) || (is_text(*j) && !used[*j])));
        match owner {
            Some(o) => {
                help_of[o] = Some(id.clone());
                consumed[o].push(i);
            }
            None => loose_help.push(i),
        }
    }

    // Labels, as InfoPath authors lay forms out (first match wins): the text before the
    // control in its own cell; else the nearest earlier cell of the row holding text and no
    // control; else the same column of the row above when that row holds only texts. Outside
    // tables: the text before it on its line, else a text alone on the line above. A check
    // box's text right after it in its block is its label. The ScreenTip must agree.
    let mut label_of: Vec<Option<String>> = vec![None; n];
    // Labels that are only the ScreenTip: a repeating table's column header beats them.
    let mut from_tip = vec![false; n];
    // The items that take neighbouring texts (not links, buttons, images or later radios).
    let mut takes_texts = vec![false; n];
    for i in 0..n {
        let anchor = match &items[i] {
            // Links, buttons and images carry their own text; they take no neighbours.
            Item::Control { control, .. } => {
                !matches!(control.kind, ControlKind::Text) && control.label.is_empty()
            }
            Item::Radio { .. } => groups.iter().any(|(first, ..)| *first == i),
            _ => false,
        };
        if !anchor {
            continue;
        }
        takes_texts[i] = true;
        let Some(at) = place(i) else { continue };
        // A separator (`|`, `-`) is no label.
        let free = |j: usize, used: &[bool]| {
            is_text(j)
                && !used[j]
                && (!place(j).is_some_and(|p| p.title_row) || at.title_row)
                && items[j].own_text().chars().any(char::is_alphanumeric)
        };
        let checkbox = matches!(&items[i], Item::Control { control, .. } if control.kind == ControlKind::CheckBox);
        let mut candidates: Vec<usize> = Vec::new();
        if checkbox {
            // `Windows <checkbox/>` or `<checkbox/> Check Box`: its own block first.
            candidates.extend(
                (0..i)
                    .rev()
                    .take_while(|j| !is_anchor(*j) && same_block(i, *j))
                    .find(|j| free(*j, &used)),
            );
            candidates.extend(
                (i + 1..n)
                    .take_while(|j| {
                        !is_anchor(*j)
                            && (same_block(i, *j) || (at.block.is_none() && same_cell(i, *j)))
                    })
                    .find(|j| free(*j, &used)),
            );
        }
        if at.cell.is_some() {
            // (a) the same cell, before it
            candidates.extend(
                (0..i)
                    .rev()
                    .take_while(|j| same_cell(i, *j) && !is_anchor(*j))
                    .find(|j| free(*j, &used)),
            );
            // (b) an earlier cell of the row with text and no control
            candidates.extend((0..i).rev().take_while(|j| same_row(i, *j)).find(|j| {
                free(*j, &used)
                    && !same_cell(i, *j)
                    && place(*j)
                        .and_then(|p| p.cell)
                        .is_some_and(|c| !anchors_in_cell.contains_key(&c))
            }));
            // (c) the same column of the row above, when that row holds only texts and this
            // cell only this control (a banner over a cell of sections labels none of them)
            let alone = at.cell.is_some_and(|c| anchors_in_cell.get(&c) == Some(&1));
            if let Some(above) = header_row(i, &at).filter(|_| alone) {
                let header = (0..i).rev().find(|j| {
                    (free(*j, &used) || column_headers.contains(j))
                        && place(*j).is_some_and(|p| p.row == Some(above) && p.column == at.column)
                });
                if let Some(h) = header {
                    column_headers.insert(h);
                    candidates.push(h);
                }
            }
        } else {
            candidates.extend(
                (0..i)
                    .rev()
                    .take_while(|j| !is_anchor(*j) || !same_line(i, *j))
                    .find(|j| free(*j, &used) && same_line(i, *j)),
            );
            if i > 0
                && free(i - 1, &used)
                && !same_line(i, i - 1)
                && (i < 2 || !same_line(i - 1, i - 2))
            {
                // A text alone on the line just above (a heading over a field or group).
                candidates.push(i - 1);
            }
        }
        let tip = match &items[i] {
            Item::Control { control, .. } => control.screen_tip.clone().filter(|t| meaningful(t)),
            _ => None,
        };
        let chosen = match &tip {
            // The first candidate that agrees with the ScreenTip, else the ScreenTip itself.
            Some(tip) => candidates
                .iter()
                .copied()
                .find(|c| agrees(items[*c].own_text(), tip)),
            None => candidates.first().copied(),
        };
        match (chosen, tip) {
            (Some(c), _) => {
                used[c] = true;
                consumed[i].push(c);
                // A label cell may hold its text in pieces (`Maximum Reach` `(confidentiality)`):
                // every free text of that cell, in order, when the cell holds no control.
                let field = matches!(&items[i], Item::Control { control, .. } if !control.kind.is_container());
                let label_cell = place(c).and_then(|p| p.cell).filter(|cell| {
                    field && !same_cell(i, c) && !anchors_in_cell.contains_key(cell)
                });
                let mut text = items[c].own_text().to_string();
                if let Some(cell) = label_cell {
                    let pieces: Vec<usize> = (0..n)
                        .filter(|j| {
                            (*j == c || free(*j, &used))
                                && place(*j).and_then(|p| p.cell) == Some(cell)
                        })
                        .collect();
                    for j in &pieces {
                        used[*j] = true;
                    }
                    consumed[i].extend(pieces.iter().filter(|j| **j != c));
                    text = pieces
                        .iter()
                        .map(|j| items[*j].own_text())
                        .collect::<Vec<_>>()
                        .join(" ");
                }
                label_of[i] = Some(text);
            }
            (None, Some(tip)) => {
                label_of[i] = Some(tip);
                from_tip[i] = true;
            }
            (None, None) => {}
        }
    }
    // Descriptions: texts after a control in its own cell (or on its line outside tables)
    // that no control claimed as its label.
    let mut description_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in (0..n).filter(|i| takes_texts[*i]) {
        let at = place(i);
        let in_block = at.is_some_and(|p| p.block.is_some() && p.cell.is_some());
        let in_row = at.is_some_and(|p| p.row.is_some());
        for j in i + 1..n {
            // A text in a block of its own below the control labels what follows it; in a
            // table row, later cells count until the next control (a unit such as "kroner").
            let near = if in_block {
                same_block(i, j)
            } else if in_row {
                same_row(i, j)
            } else {
                same_line(i, j)
            };
            if !near || is_anchor(j) {
                break;
            }
            if is_text(j) && !used[j] && items[j].own_text().chars().any(char::is_alphanumeric) {
                description_of[i].push(j);
                consumed[i].push(j);
                used[j] = true;
            }
        }
    }

    // Values other items need once the items are consumed below.
    let texts: Vec<String> = items.iter().map(|it| it.own_text().to_string()).collect();
    let values: Vec<String> = items
        .iter()
        .map(|it| it.radio_value().to_string())
        .collect();
    let ids: Vec<String> = items.iter().map(|it| it.id().to_string()).collect();
    let mut out: Vec<Control> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let mut label = label_of[i].take();
        let description = (!description_of[i].is_empty()).then(|| {
            description_of[i]
                .iter()
                .map(|d| texts[*d].clone())
                .collect::<Vec<_>>()
                .join(" ")
        });
        let mut control = match item {
            Item::Control { control, place } => {
                let mut control = *control;
                if (label.is_none() || from_tip[i])
                    && control.label.is_empty()
                    && let Some(header) = headers.get(place.column)
                {
                    control.label = header.clone();
                    label = None;
                }
                control
            }
            Item::Radio {
                id,
                binding,
                origin,
                conditions,
                ..
            } => {
                // Only the first radio of a group makes the control.
                let Some((_, members, labels)) = groups.iter().find(|(first, ..)| *first == i)
                else {
                    continue;
                };
                let mut control = Control::new(id, ControlKind::OptionButtons, origin);
                control.binding = binding;
                control.conditions = conditions;
                for (m, l) in members.iter().zip(labels) {
                    let label = l
                        .map(|l| LangText::from([(lang, texts[l].clone())]))
                        .unwrap_or_default();
                    control.options.push(ChoiceOption {
                        value: values[*m].clone(),
                        label,
                    });
                }
                control
            }
            Item::Text {
                id,
                text,
                origin,
                conditions,
                ..
            } => {
                if used[i] {
                    continue;
                }
                let mut control = Control::new(id, ControlKind::Text, origin);
                control.label.insert(lang, text);
                control.conditions = conditions;
                control
            }
            Item::Help { id, origin, .. } => {
                if !loose_help.contains(&i) {
                    continue;
                }
                let mut control = Control::new(id.clone(), ControlKind::HelpButton, origin);
                control.help = Some(id);
                control
            }
            Item::Placeholder { text } => {
                // The "insert item" hint of the container just before it.
                if let Some(container) = out.iter_mut().rev().find(|c| c.kind.is_container()) {
                    container.description.entry(lang).or_insert(text);
                }
                continue;
            }
        };
        if let Some(label) = label {
            control.label.insert(lang, label);
        }
        if let Some(description) = description {
            control.description.insert(lang, description);
        }
        if let Some(help) = help_of[i].take() {
            control.help = Some(help);
        }
        control
            .stands_for
            .extend(consumed[i].iter().map(|j| ids[*j].clone()));
        out.push(control);
    }
    out
}

#[cfg(test)]
mod tests {
    //! Label attachment, one layout pattern each, the markup cut down from the real samples
    //! (`../shared/samples/real`): expense report, meeting agenda, the xsn example.
    use super::*;
    use crate::read::package::Limits;

    fn labels(body: &str) -> Vec<(String, String, String)> {
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
        let first = |t: &LangText| t.values().next().cloned().unwrap_or_default();
        read_view(&xml, &input, &mut diagnostics)
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
}
