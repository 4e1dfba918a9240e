//! Layout geometry: where an item sits (table row, cell, column, block, the row above).

use super::*;

impl<'x, 'a> Walker<'x, 'a, '_> {
    pub(super) fn place(&self, node: Node, root: Node) -> Place {
        // The column of the outermost cell under the container: a repeating table's column
        // header names it, however deep a layout table inside the cell nests the item.
        // A cell spanning columns may hold a layout table with a cell per column.
        let cells: Vec<Node> = node
            .ancestors()
            .skip(1)
            .take_while(|a| *a != root)
            .filter(|a| html(*a, "td") || html(*a, "th"))
            .collect();
        let outer_cell = cells.last().map(|c| c.id());
        let outer_row = cells
            .last()
            .and_then(|c| c.parent())
            .filter(|r| html(*r, "tr"))
            .map(|r| r.id());
        let outer_column = match (cells.first(), cells.last()) {
            (Some(inner), Some(outer)) => {
                let span = span_of(*outer);
                let within = if inner != outer && span > 1 {
                    column_of(*inner).min(span - 1)
                } else {
                    0
                };
                column_of(*outer) + within
            }
            _ => 0,
        };
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
                    column = column_of(ancestor);
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
                    outer_column,
                    outer_cell,
                    outer_row,
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
            outer_column,
            outer_cell,
            outer_row,
        }
    }
}

/// The first column a table cell covers: the spans of the cells before it in its row.
pub(super) fn column_of(cell: Node) -> usize {
    cell.prev_siblings()
        .skip(1)
        .filter(|s| html(*s, "td") || html(*s, "th"))
        .map(span_of)
        .sum()
}

/// How many columns a cell covers (`colSpan`, 1 when absent or unreadable).
pub(super) fn span_of(cell: Node) -> usize {
    attr(cell, "colSpan")
        .or_else(|| attr(cell, "colspan"))
        .and_then(|s| s.trim().parse::<usize>().ok())
        .filter(|s| (1..=64).contains(s))
        .unwrap_or(1)
}
