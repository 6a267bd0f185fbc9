//! The embedding API's reader: a scenario from a plain JS object, checked exactly as the CLI
//! checks JSON text (`crates/cli/src/input.rs`), so `evaluate()` throws the same one line that
//! `xborder check` prints on exit status 2 (without the `xborder: ` prefix).
//!
//! No JSON parser and no deserializer of its own: the object is walked with `js_sys` as a
//! `xborder_core::tree::Tree`, and the core's one reader (`xborder_core::tree::read`) checks its
//! form, names the JSON path and words the error, for the CLI's `serde_json::Value` and this alike.
//! serde-wasm-bindgen's own Deserializer is not used here: it visits only the fields a struct
//! declares, so an unknown field would pass silently, and it describes every number as a float.
//!
//! A key whose value is `undefined` counts as absent, as `JSON.stringify` would drop it.
use wasm_bindgen::{JsCast, JsValue};
use xborder_core::scenario::{InputError, InputErrorKind, Scenario};
use xborder_core::tree::{self, Node, Tree};

/// A non-integer number as text, written by the browser (Rust's float formatting would add
/// 15 KB to the wasm for an error message).
fn float_text(v: f64) -> String {
    String::from(js_sys::Number::from(v).to_string_with_radix(10).unwrap_or_else(|_| "NaN".into()))
}

const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// A number as Rust's `{}` writes an f64 (the core's messages use it): the browser's shortest
/// digits, written out without an exponent.
fn js_number(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let text = float_text(v);
    let Some((mantissa, exp)) = text.split_once('e') else { return text };
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = mantissa.strip_prefix('-').map_or(("", mantissa), |m| ("-", m));
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    let point = int.len() as i32 + exp;
    if point <= 0 {
        format!("{sign}0.{}{digits}", "0".repeat((-point) as usize))
    } else if point as usize >= digits.len() {
        format!("{sign}{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (a, b) = digits.split_at(point as usize);
        format!("{sign}{a}.{b}")
    }
}


/// A JS number as JSON text would have given it to serde_json: an integer when it is one (and
/// exactly representable), else a float.
pub fn number<T>(n: f64) -> Node<T> {
    if n.is_finite() && n.fract() == 0.0 && n.abs() <= MAX_SAFE {
        if n >= 0.0 {
            Node::U64(n as u64)
        } else {
            Node::I64(n as i64)
        }
    } else {
        Node::F64(n)
    }
}

/// A JS value, walked as the core's reader walks a JSON value.
struct Js(JsValue);

impl Tree for Js {
    fn node(&self) -> Node<Js> {
        let v = &self.0;
        if v.is_null() || v.is_undefined() {
            Node::Null
        } else if let Some(b) = v.as_bool() {
            Node::Bool(b)
        } else if let Some(n) = v.as_f64() {
            number(n)
        } else if let Some(s) = v.as_string() {
            Node::Str(s)
        } else if js_sys::Array::is_array(v) {
            Node::Array(v.clone().unchecked_into::<js_sys::Array>().iter().map(Js).collect())
        } else if v.is_function() {
            Node::Other("a function")
        } else if v.is_bigint() {
            Node::Other("a BigInt")
        } else if v.is_symbol() {
            Node::Other("a symbol")
        } else if v.is_object() {
            Node::Object(entries(v.unchecked_ref()))
        } else {
            Node::Other("a JavaScript value")
        }
    }

    /// As serde_json's compact text of a value, for the `schema` message.
    fn json_text(&self) -> String {
        js_sys::JSON::stringify(&self.0).ok().and_then(|s| s.as_string()).unwrap_or_else(|| "a value JSON cannot hold".to_string())
    }

    fn float_json(v: f64) -> String {
        float_text(v)
    }

    fn float_plain(v: f64) -> String {
        js_number(v)
    }
}

/// The present members of an object (own, enumerable, not `undefined`), sorted as serde_json's
/// map sorts them (the browser sorts: the keys are field names).
fn entries(o: &js_sys::Object) -> Vec<(String, Js)> {
    js_sys::Object::keys(o)
        .sort()
        .iter()
        .filter_map(|k| {
            let key = k.as_string()?;
            let value = js_sys::Reflect::get(o, &k).ok()?;
            (!value.is_undefined()).then_some((key, Js(value)))
        })
        .collect()
}

/// Reads a scenario (a plain object, or a JSON string parsed by the browser) and checks its form
/// with the CLI's messages; the meaning is checked by `Scenario::resolve` (inside `evaluate`).
pub fn parse(input: &JsValue) -> Result<Scenario, InputError> {
    let value = match input.as_string() {
        Some(text) => {
            let v = js_sys::JSON::parse(&text).map_err(|e| {
                let why = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
                InputError::new("", InputErrorKind::Syntax, format!("not valid JSON: {why}"))
            })?;
            // JSON.parse keeps the last copy of a repeated name: refuse it, as the CLI does.
            if let Some(path) = xborder_core::json_keys::first_duplicate(&text) {
                return Err(InputError::new(path, InputErrorKind::Duplicate, xborder_core::json_keys::DUPLICATE));
            }
            v
        }
        None => input.clone(),
    };
    tree::read(&Js(value))
}

#[cfg(test)]
mod tests {
    //! `JsValue` needs a browser (tests/browser/embed.test.mjs compares `evaluate()` with the CLI);
    //! natively, the same reader over a JSON value whose numbers are classified by `number`, as
    //! `Js` classifies a JS number, gives every kind of `tests/errors/kinds.json` its path and message.
    use super::number;
    use serde_json::Value;
    use xborder_core::tree::{self, Node, Tree};

    struct JsLike<'a>(&'a Value);

    impl<'a> Tree for JsLike<'a> {
        fn node(&self) -> Node<Self> {
            match self.0 {
                Value::Null => Node::Null,
                Value::Bool(b) => Node::Bool(*b),
                Value::Number(n) => number(n.as_f64().unwrap()),
                Value::String(s) => Node::Str(s.clone()),
                Value::Array(a) => Node::Array(a.iter().map(JsLike).collect()),
                Value::Object(m) => {
                    let mut v: Vec<_> = m.iter().map(|(k, v)| (k.clone(), JsLike(v))).collect();
                    v.sort_by(|a, b| a.0.cmp(&b.0));
                    Node::Object(v)
                }
            }
        }
        fn json_text(&self) -> String {
            self.0.to_string()
        }
        fn float_json(v: f64) -> String {
            v.to_string()
        }
        fn float_plain(v: f64) -> String {
            v.to_string()
        }
    }

    #[test]
    fn numbers_are_integers_when_whole_as_json_text_would_give_them() {
        assert!(matches!(number::<()>(5.0), Node::U64(5)));
        assert!(matches!(number::<()>(-0.0), Node::U64(0)));
        assert!(matches!(number::<()>(-5.0), Node::I64(-5)));
        assert!(matches!(number::<()>(1.5), Node::F64(_)));
        assert!(matches!(number::<()>(1e21), Node::F64(_)));
        assert!(matches!(number::<()>(f64::NAN), Node::F64(_)));
    }

    #[test]
    fn every_kind_has_the_cli_path_and_message() {
        let cases: Vec<Value> = serde_json::from_str(include_str!("../../tests/errors/kinds.json")).unwrap();
        let day = xborder_core::calendar::Date::parse("2026-06-01").unwrap();
        for c in cases {
            let Some(s) = c.get("scenario") else { continue };
            let e = match tree::read(&JsLike(s)) {
                Err(e) => e,
                Ok(sc) => sc.resolve_on(day).map(|_| ()).expect_err("a bad scenario"),
            };
            assert_eq!(e.kind.name(), c["kind"], "{s}: {e}");
            assert_eq!(e.path, c["path"], "{s}: {e}");
            match (c.get("message"), c.get("message_starts")) {
                (Some(m), _) => assert_eq!(e.message, m.as_str().unwrap(), "{s}"),
                (None, Some(p)) => assert!(e.message.starts_with(p.as_str().unwrap()), "{s}: {e}"),
                _ => panic!("a case without its message"),
            }
        }
    }
}
