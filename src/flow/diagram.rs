//! Lays out a scenario's concept-flow diagram: a main column with side branches.
//!
//! The rule: the main column is the chain from the first node, following `next` (or a decision's
//! `yes`), by default the next node in the list. A node reached only through a decision's `no`
//! is drawn beside that decision (with any chain that follows it). A node whose default successor
//! would be such a side node ends the main column. Renderers (TUI, transcripts) draw this layout.

use crate::scenario::model::{Diagram, DiagramNode};

/// The laid-out diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The main column, top to bottom.
    pub main: Vec<LaidOut>,
}

/// One box of the main column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaidOut {
    /// Node id.
    pub id: String,
    /// Box text.
    pub label: String,
    /// For a decision: the chain drawn beside it, reached by "No".
    pub no_branch: Vec<(String, String)>,
    /// True when this node is a decision (the arrow below it reads "Yes").
    pub decision: bool,
}

/// Lays out `diagram` by the rule above. Unknown ids and cycles end a chain instead of failing:
/// the loader reports them.
#[must_use]
pub fn layout(diagram: &Diagram) -> Layout {
    let nodes = &diagram.nodes;
    let side: Vec<&str> = nodes.iter().filter_map(|n| n.no.as_deref()).collect();
    let index_of = |id: &str| nodes.iter().position(|n| n.id == id);
    let successor = |i: usize| -> Option<usize> {
        let node = &nodes[i];
        match node.next.as_deref().or(node.yes.as_deref()) {
            Some("") => None,
            Some(id) => index_of(id),
            None => {
                (i + 1 < nodes.len() && !side.contains(&nodes[i + 1].id.as_str())).then_some(i + 1)
            }
        }
    };
    let chain_from = |start: usize, stop_at_side: bool| -> Vec<usize> {
        let mut chain = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            if chain.contains(&i)
                || (stop_at_side && !chain.is_empty() && side.contains(&nodes[i].id.as_str()))
            {
                break;
            }
            chain.push(i);
            at = successor(i);
        }
        chain
    };
    if nodes.is_empty() {
        return Layout { main: Vec::new() };
    }
    let main = chain_from(0, true)
        .into_iter()
        .map(|i| {
            let node: &DiagramNode = &nodes[i];
            let no_branch = node
                .no
                .as_deref()
                .and_then(index_of)
                .map(|start| {
                    chain_from(start, false)
                        .into_iter()
                        .map(|j| (nodes[j].id.clone(), nodes[j].label.clone()))
                        .collect()
                })
                .unwrap_or_default();
            LaidOut {
                id: node.id.clone(),
                label: node.label.clone(),
                no_branch,
                decision: node.no.is_some(),
            }
        })
        .collect();
    Layout { main }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_diagram_has_one_side_branch() {
        let scenario = crate::scenario::resolve(None).unwrap();
        let diagram = scenario.file.diagram.as_ref().unwrap();
        let laid = layout(diagram);
        let ids: Vec<&str> = laid.main.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["open", "enter", "send", "verify", "token", "access"]);
        let verify = &laid.main[3];
        assert!(verify.decision);
        assert_eq!(
            verify.no_branch,
            [("error".to_owned(), "Error shown".to_owned())]
        );
        assert!(
            laid.main
                .iter()
                .filter(|n| n.id != "verify")
                .all(|n| n.no_branch.is_empty())
        );
    }
}
