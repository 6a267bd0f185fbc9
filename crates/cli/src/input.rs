//! Reads a scenario from JSON text. Every error is one line naming the JSON path of the field
//! and what was expected there (contract: exit status 2).
//!
//! serde_json parses the text; the core's one reader (`xborder_core::tree`) checks the form, so
//! the embed (a JS object, `web/src/embed_input.rs`) says exactly what this says.
use xborder_core::scenario::{InputError, InputErrorKind, Scenario};
use xborder_core::tree::{self, Node, Tree};

/// Parses and checks the form of a scenario (the meaning is checked by `Scenario::resolve`).
pub fn parse(text: &str) -> Result<Scenario, InputError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| InputError::new("", InputErrorKind::Syntax, format!("not valid JSON: {e}")))?;
    if let Some(path) = xborder_core::json_keys::first_duplicate(text) {
        return Err(InputError::new(path, InputErrorKind::Duplicate, xborder_core::json_keys::DUPLICATE));
    }
    tree::read(&Json(&value))
}

/// A parsed JSON value, as the core's reader walks it.
pub struct Json<'a>(pub &'a serde_json::Value);

impl<'a> Tree for Json<'a> {
    fn node(&self) -> Node<Json<'a>> {
        use serde_json::Value as V;
        match self.0 {
            V::Null => Node::Null,
            V::Bool(b) => Node::Bool(*b),
            V::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Node::U64(u),
                (None, Some(i)) => Node::I64(i),
                _ => Node::F64(n.as_f64().unwrap_or(f64::NAN)),
            },
            V::String(s) => Node::Str(s.clone()),
            V::Array(items) => Node::Array(items.iter().map(Json).collect()),
            // serde_json's map is sorted already (no `preserve_order`); sorted again in case.
            V::Object(members) => {
                let mut m: Vec<_> = members.iter().map(|(k, v)| (k.clone(), Json(v))).collect();
                m.sort_by(|a, b| a.0.cmp(&b.0));
                Node::Object(m)
            }
        }
    }

    fn json_text(&self) -> String {
        self.0.to_string()
    }

    /// serde_json's own writing of a float (shortest digits, `1.0`, `1e21`).
    fn float_json(v: f64) -> String {
        serde_json::Number::from_f64(v).map_or_else(|| "NaN".to_string(), |n| n.to_string())
    }

    fn float_plain(v: f64) -> String {
        v.to_string()
    }
}
