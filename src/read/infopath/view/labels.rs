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

/// A text that can describe a field: words, or a unit (`%`, `kr`, `€`), not a separator.
fn says_something(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
        || (!text.trim().is_empty() && text.trim().chars().all(|c| "%‰$€£¥".contains(c)))
}

/// A text that only marks a field (`*`): required-ness, not a title.
fn is_marker(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && text.chars().all(|c| c == '*')
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
    let mut outer_cells_with_anchor = HashSet::new();
    for i in (0..n).filter(|i| is_anchor(*i)) {
        if let Some(p) = place(i) {
            outer_cells_with_anchor.extend(p.outer_cell);
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

    // A row of boxes (check boxes, option buttons) reads "box text box text" when its line
    // starts with a box: each box's text is then the one after it; else the one before it.
    let is_box = |i: usize| {
        matches!(&items[i], Item::Radio { .. })
            || matches!(&items[i], Item::Control { control, .. } if control.kind == ControlKind::CheckBox)
    };
    // The first item of each block (a `div` in a cell) and of each line: a box in a block of
    // its own is read by its block, else by its line.
    let mut first_in: HashMap<NodeId, usize> = HashMap::new();
    for i in 0..n {
        if let Some(p) = place(i) {
            for key in [p.block, p.line].into_iter().flatten() {
                first_in.entry(key).or_insert(i);
            }
        }
    }
    let box_first = |i: usize| {
        place(i)
            .and_then(|p| p.block.or(p.line))
            .and_then(|l| first_in.get(&l))
            .is_some_and(|first| is_box(*first))
    };
    // The text right after a box on its line, before the next control, in a cell of its own
    // or the box's own cell; none for a box in a block of its own (its block is its line).
    let after_on_line = |i: usize, used: &[bool]| {
        if place(i).is_some_and(|p| p.block.is_some()) {
            return None;
        }
        (i + 1..n)
            .take_while(|j| !is_anchor(*j) && same_line(i, *j))
            .find(|j| {
                is_text(*j)
                    && !used[*j]
                    && items[*j].own_text().chars().any(char::is_alphanumeric)
                    && place(*j)
                        .and_then(|p| p.cell)
                        .is_none_or(|c| same_cell(i, *j) || !anchors_in_cell.contains_key(&c))
            })
    };
    // Option buttons: the radios of one field are one control, wherever they stand (over
    // several cells or lines); each radio's label is the text beside it in its own block
    // (InfoPath writes `Option1<input/>`), else the first text after it on its line.
    let mut groups: Vec<(usize, Vec<usize>, Vec<Option<usize>>)> = Vec::new();
    let mut group_of: HashMap<&Binding, usize> = HashMap::new();
    for i in 0..n {
        let Item::Radio { binding, .. } = &items[i] else {
            continue;
        };
        let before_in_block = (0..i)
            .rev()
            .take_while(|j| !is_anchor(*j) && same_block(i, *j))
            .find(|j| is_text(*j) && !used[*j]);
        let after_in_block = (i + 1..n)
            .take_while(|j| !is_anchor(*j) && same_block(i, *j))
            .find(|j| is_text(*j) && !used[*j]);
        let label = if box_first(i) {
            after_in_block
                .or_else(|| after_on_line(i, &used))
                .or(before_in_block)
        } else {
            before_in_block.or(after_in_block).or_else(|| {
                (i + 1..n)
                    .take_while(|j| !is_anchor(*j))
                    .find(|j| is_text(*j) && !used[*j] && same_line(i, *j))
            })
        };
        if let Some(l) = label {
            used[l] = true;
        }
        match binding.as_ref().and_then(|b| group_of.get(b)) {
            Some(&g) => {
                groups[g].1.push(i);
                groups[g].2.push(label);
            }
            None => {
                if let Some(b) = binding {
                    group_of.insert(b, groups.len());
                }
                groups.push((i, vec![i], vec![label]));
            }
        }
    }

    // What each item stands for besides itself: the texts it takes, the radios of its group.
    let mut consumed: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (first, members, labels) in &groups {
        consumed[*first].extend(members.iter().filter(|m| *m != first));
        consumed[*first].extend(labels.iter().flatten());
    }

    // A marker (`*`, often red) beside a field says the field is required: it is no text of
    // its own and no title. The field before it on its line, else the one after.
    let mut marked = vec![false; n];
    for j in (0..n).filter(|j| is_text(*j) && is_marker(items[*j].own_text())) {
        let field = (0..j)
            .rev()
            .take_while(|k| same_line(j, *k))
            .find(|k| is_field(*k))
            .or_else(|| {
                (j + 1..n)
                    .take_while(|k| same_line(j, *k))
                    .find(|k| is_field(*k))
            });
        if let Some(f) = field {
            used[j] = true;
            consumed[f].push(j);
            marked[f] = true;
        }
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
        let mut after_box = None;
        if checkbox {
            // `Windows <checkbox/>` or `<checkbox/> Check Box`: its own block first, on the
            // side its line puts texts (see `box_first`).
            let before = (0..i)
                .rev()
                .take_while(|j| !is_anchor(*j) && same_block(i, *j))
                .find(|j| free(*j, &used));
            let after = (i + 1..n)
                .take_while(|j| {
                    !is_anchor(*j)
                        && (same_block(i, *j) || (at.block.is_none() && same_cell(i, *j)))
                })
                .find(|j| free(*j, &used));
            if box_first(i) {
                candidates.extend(after.or_else(|| after_on_line(i, &used)));
                candidates.extend(before);
            } else {
                // A label cell before it wins over its own text after it ("No Thanks" |
                // [box] "(I'll bring my own)"), which then describes it.
                candidates.extend(before);
                after_box = after;
            }
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
            // (d) a control in a layout table nested in a cell: the cell before that cell in
            // the form's own row, when it holds text and no control ("Type søknad" | a table
            // of option buttons)
            if candidates.is_empty() && at.outer_cell != at.cell {
                candidates.extend(
                    (0..i)
                        .rev()
                        .take_while(|j| place(*j).is_some_and(|p| p.outer_row == at.outer_row))
                        .find(|j| {
                            free(*j, &used)
                                && place(*j).is_some_and(|p| {
                                    p.outer_cell != at.outer_cell
                                        && p.outer_cell
                                            .is_some_and(|c| !outer_cells_with_anchor.contains(&c))
                                })
                        }),
                );
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
        candidates.extend(after_box);
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
                let field = matches!(&items[i], Item::Control { control, .. } if !control.kind.is_container())
                    || matches!(items[i], Item::Radio { .. });
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
            if is_text(j) && !used[j] && (says_something(items[j].own_text())) {
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
                    && let Some(header) = headers.get(place.outer_column)
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
        control.marked_required |= marked[i];
        out.push(control);
    }
    out
}

#[cfg(test)]
mod tests;
