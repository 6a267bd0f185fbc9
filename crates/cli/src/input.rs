//! Reads a scenario from JSON text. Every error is one line naming the JSON path of the field
//! and what was expected there (contract: exit status 2).
use xborder_core::scenario::{Found, InputError, InputErrorKind, Scenario, SchemaProblem, SCHEMA};

fn err(path: &str, kind: InputErrorKind, message: impl Into<String>) -> InputError {
    InputError::new(path, kind, message)
}


/// Parses and checks the form of a scenario (the meaning is checked by `Scenario::resolve`).
pub fn parse(text: &str) -> Result<Scenario, InputError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| err("", InputErrorKind::Syntax, format!("not valid JSON: {e}")))?;
    if let Some(path) = xborder_core::json_keys::first_duplicate(text) {
        return Err(err(&path, InputErrorKind::Duplicate, xborder_core::json_keys::DUPLICATE));
    }
    let obj = value.as_object().ok_or_else(|| {
        let kind = InputErrorKind::WrongType { expected: "a JSON object (a scenario, schema 1)".into(), found: Found::Other(kind(&value).into()) };
        err("", kind, "expected a JSON object (a scenario, schema 1)")
    })?;
    match obj.get("schema") {
        None => return Err(err("schema", InputErrorKind::Schema(SchemaProblem::Missing), format!("missing: expected {SCHEMA}"))),
        Some(v) => match v.as_u64() {
            Some(n) if n == SCHEMA as u64 => {}
            Some(n) if n > SCHEMA as u64 => {
                return Err(err("schema", InputErrorKind::Schema(SchemaProblem::Newer(n)), format!("expected {SCHEMA}; this scenario uses schema {n}, from a newer version of xborder")))
            }
            _ => return Err(err("schema", InputErrorKind::Schema(SchemaProblem::Wrong(v.to_string())), format!("expected {SCHEMA}, found {v}"))),
        },
    }
    let shapes = objects_where_objects_belong(obj);
    let scenario = serde_path_to_error::deserialize::<_, Scenario>(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        // Inside an array that stands where an object belongs, say that, as serde would not.
        if let Err(shape) = &shapes {
            if path.starts_with(&shape.path) {
                return shape.clone();
            }
        }
        InputError::from_serde(&path, &e.inner().to_string())
    })?;
    // serde reads a struct from an array too: the remaining shape errors come after serde's own.
    shapes?;
    Ok(scenario)
}


/// serde reads a struct from an array too (`"handler": [true, false]`); the contract's shapes
/// are objects, so an array there is an error naming the field.
fn objects_where_objects_belong(obj: &serde_json::Map<String, serde_json::Value>) -> Result<(), InputError> {
    let not_object = |path: &str, v: &serde_json::Value| -> Result<(), InputError> {
        if v.is_object() {
            Ok(())
        } else {
            Err(err(path, InputErrorKind::WrongType { expected: "an object".into(), found: Found::Other(kind(v).into()) }, format!("expected an object, found {}", kind(v))))
        }
    };
    if let Some(h) = obj.get("handler") {
        not_object("handler", h)?;
    }
    if let Some(f) = obj.get("flags") {
        not_object("flags", f)?;
    }
    if let Some(d) = obj.get("dates") {
        not_object("dates", d)?;
    }
    if let Some(serde_json::Value::Array(entries)) = obj.get("personal_information") {
        for (i, e) in entries.iter().enumerate() {
            not_object(&format!("personal_information[{i}]"), e)?;
        }
    }
    Ok(())
}

fn kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}
