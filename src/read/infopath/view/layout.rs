//! Layout geometry: where an item sits (table row, cell, column, block, the row above).

use super::*;

impl<'x, 'a> Walker<'x, 'a, '_> {
    pub(super) fn place(&self, node: Node, root: Node) -> Place {
        let mut cell = None;
        let mut column = 0;
        let mut block = None;
        for ancestor in node.ancestors().skip(1) {
            if ancestor == root {
                break;
            }
            if html(ancestor, "td") || html(ancestor, "th") {
                if cell.is_none() {
                    cell = Some(ancestor.id());
                    column = ancestor
                        .prev_siblings()
                        .skip(1)
                        .filter(|s| html(*s, "td") || html(*s, "th"))
                        .count();
                }
            } else if html(ancestor, "tr") {
                let above = ancestor
                    .prev_siblings()
                    .skip(1)
                    .find(|s| html(*s, "tr"))
                    .map(|s| s.id());
                return Place {
                    line: Some(ancestor.id()),
                    cell,
                    column,
                    block,
                    row: Some(ancestor.id()),
                    row_above: above,
                    title_row: in_title_row(ancestor),
                };
            } else if block.is_none()
                && cell.is_none()
                && ["div", "p", "li", "h1", "h2", "h3", "h4", "h5", "h6"]
                    .iter()
                    .any(|b| html(ancestor, b))
            {
                block = Some(ancestor.id());
            }
        }
        Place {
            line: block.or(cell),
            cell,
            column,
            block,
            row: None,
            row_above: None,
            title_row: false,
        }
    }
}
