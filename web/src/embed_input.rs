//! The embedding API's reader: a scenario from a plain JS object, checked exactly as the CLI
//! checks JSON text (`crates/cli/src/input.rs`), so `evaluate()` throws the same one line that
//! `xborder check` prints on exit status 2 (without the `xborder: ` prefix).
//!
//! No JSON parser: the object is walked with `js_sys` through a small serde `Deserializer` that
//! behaves like `serde_json::Value`'s (keys in sorted order, unknown keys reported by the
//! scenario's own `deny_unknown_fields`, `null` and numbers described as serde_json describes
//! them), wrapped in `serde_path_to_error` for the JSON path. serde-wasm-bindgen's own
//! Deserializer is not used here: it visits only the fields a struct declares, so an unknown
//! field would pass silently, and it describes every number as a float.
//!
//! A key whose value is `undefined` counts as absent, as `JSON.stringify` would drop it.
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Unexpected, Visitor};
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};
use xborder_core::scenario::{Found, InputError, InputErrorKind, Scenario, SchemaProblem, SCHEMA};

/// A reading error: serde's message, and the JSON path of the value it arose in (set by the
/// innermost value on the way out, as serde_path_to_error would report it).
#[derive(Debug)]
pub struct Error {
    msg: String,
    path: Option<String>,
}

impl Error {
    fn new(msg: String) -> Error {
        Error { msg, path: None }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

impl std::error::Error for Error {}

/// serde_json's wording of an unexpected value: `null`, and floats with a decimal point.
struct JsonUnexpected<'a>(Unexpected<'a>);

impl fmt::Display for JsonUnexpected<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Unexpected::Unit => f.write_str("null"),
            Unexpected::Float(v) => write!(f, "floating point `{}`", float_text(v)),
            u => fmt::Display::fmt(&u, f),
        }
    }
}

/// A non-integer number as text, written by the browser (Rust's float formatting would add
/// 15 KB to the wasm for an error message).
fn float_text(v: f64) -> String {
    String::from(js_sys::Number::from(v).to_string_with_radix(10).unwrap_or_else(|_| "NaN".into()))
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(msg.to_string())
    }
    fn invalid_type(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        Error::new(format!("invalid type: {}, expected {}", JsonUnexpected(unexp), exp))
    }
    fn invalid_value(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        Error::new(format!("invalid value: {}, expected {}", JsonUnexpected(unexp), exp))
    }
}

/// What a JS value is, in JSON's terms.
enum Kind {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Str(String),
    Array(js_sys::Array),
    Object(js_sys::Object),
    /// A function, symbol, BigInt…: nothing JSON can hold.
    Other(&'static str),
}

const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// What `xborder_core::scenario::Count` expects; its message for a number with a fraction is
/// "expected a whole number of persons, 0 or more, found 1.5" (checked against the CLI by
/// tests/browser/embed.test.mjs).
const COUNT_EXPECTED: &str = "a whole number of persons, 0 or more";

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

fn kind(v: &JsValue) -> Kind {
    if v.is_null() || v.is_undefined() {
        Kind::Null
    } else if let Some(b) = v.as_bool() {
        Kind::Bool(b)
    } else if let Some(n) = v.as_f64() {
        // An integer as serde_json would have parsed it from the JSON text of this number.
        if n.is_finite() && n.fract() == 0.0 && n.abs() <= MAX_SAFE {
            if n >= 0.0 {
                Kind::Unsigned(n as u64)
            } else {
                Kind::Signed(n as i64)
            }
        } else {
            Kind::Float(n)
        }
    } else if let Some(s) = v.as_string() {
        Kind::Str(s)
    } else if js_sys::Array::is_array(v) {
        Kind::Array(v.clone().unchecked_into())
    } else if v.is_function() {
        Kind::Other("a function")
    } else if v.is_bigint() {
        Kind::Other("a BigInt")
    } else if v.is_symbol() {
        Kind::Other("a symbol")
    } else if v.is_object() {
        Kind::Object(v.clone().unchecked_into())
    } else {
        Kind::Other("a JavaScript value")
    }
}

/// A JS value to deserialize from, and its JSON path (`personal_information[1].persons`).
struct Js(JsValue, String);

impl Js {
    /// Gives an error from inside this value the value's path, unless a deeper one did.
    fn at<T>(path: &str, r: Result<T, Error>) -> Result<T, Error> {
        r.map_err(|mut e| {
            if e.path.is_none() {
                e.path = Some(path.to_string());
            }
            e
        })
    }
}

/// The present keys of an object (own, enumerable, not `undefined`), sorted as serde_json's
/// map sorts them (the browser sorts: the keys are field names).
fn entries(o: &js_sys::Object) -> Vec<(String, JsValue)> {
    js_sys::Object::keys(o)
        .sort()
        .iter()
        .filter_map(|k| {
            let key = k.as_string()?;
            let value = js_sys::Reflect::get(o, &k).ok()?;
            (!value.is_undefined()).then_some((key, value))
        })
        .collect()
}

struct Map {
    path: String,
    entries: std::vec::IntoIter<(String, JsValue)>,
    value: Option<(String, JsValue)>,
}

impl<'de> MapAccess<'de> for Map {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        match self.entries.next() {
            Some((k, v)) => {
                let path = if self.path.is_empty() { k.clone() } else { format!("{}.{k}", self.path) };
                self.value = Some((path, v));
                seed.deserialize(k.into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (path, v) = self.value.take().unwrap_or_default();
        seed.deserialize(Js(v, path))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct Seq {
    path: String,
    array: js_sys::Array,
    next: u32,
}

impl<'de> SeqAccess<'de> for Seq {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if self.next >= self.array.length() {
            return Ok(None);
        }
        let v = self.array.get(self.next);
        let path = format!("{}[{}]", self.path, self.next);
        self.next += 1;
        seed.deserialize(Js(v, path)).map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.array.length().saturating_sub(self.next) as usize)
    }
}

impl Js {
    /// The error for a value of the wrong type, worded as serde_json words it.
    fn invalid(&self, exp: &dyn de::Expected) -> Error {
        Error::new(format!("invalid type: {}, expected {exp}", self.unexpected().1))
    }

    fn unexpected(&self) -> (Kind, String) {
        let k = kind(&self.0);
        let text = match &k {
            Kind::Null => "null".to_string(),
            Kind::Bool(b) => format!("boolean `{b}`"),
            Kind::Unsigned(n) => format!("integer `{n}`"),
            Kind::Signed(n) => format!("integer `{n}`"),
            Kind::Float(f) => format!("floating point `{}`", float_text(*f)),
            Kind::Str(s) => format!("string {s:?}"),
            Kind::Array(_) => "sequence".to_string(),
            Kind::Object(_) => "map".to_string(),
            Kind::Other(o) => o.to_string(),
        };
        (k, text)
    }
}

impl<'de> de::Deserializer<'de> for Js {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let Js(value, path) = self;
        let r = match kind(&value) {
            Kind::Null => visitor.visit_unit(),
            Kind::Bool(b) => visitor.visit_bool(b),
            Kind::Unsigned(n) => visitor.visit_u64(n),
            Kind::Signed(n) => visitor.visit_i64(n),
            // Never visit_f64: no scenario field takes a fraction, and the visitors' own
            // messages would format the float in Rust. The count's message, as the core words it:
            Kind::Float(f) => {
                let exp = (&visitor as &dyn de::Expected).to_string();
                if exp == COUNT_EXPECTED {
                    Err(Error::new(format!("expected {COUNT_EXPECTED}, found {}", js_number(f))))
                } else {
                    Err(Error::new(format!("invalid type: floating point `{}`, expected {exp}", float_text(f))))
                }
            }
            Kind::Str(s) => visitor.visit_string(s),
            Kind::Array(array) => visitor.visit_seq(Seq { path: path.clone(), array, next: 0 }),
            Kind::Object(o) => visitor.visit_map(Map { path: path.clone(), entries: entries(&o).into_iter(), value: None }),
            Kind::Other(o) => Err(de::Error::invalid_type(Unexpected::Other(o), &visitor)),
        };
        Js::at(&path, r)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            let path = self.1.clone();
            Js::at(&path, visitor.visit_some(self))
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        let path = self.1.clone();
        Js::at(&path, visitor.visit_newtype_struct(self))
    }

    /// As serde_json's `Value`: a string names a unit variant; anything else is refused.
    fn deserialize_enum<V: Visitor<'de>>(self, _name: &'static str, _variants: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        let r = match self.unexpected() {
            (Kind::Str(s), _) => visitor.visit_enum(s.into_deserializer()),
            (Kind::Object(o), _) => {
                let e = entries(&o);
                match e.as_slice() {
                    [(k, v)] if v.is_null() => visitor.visit_enum(k.clone().into_deserializer()),
                    _ => Err(Error::new("invalid value: map, expected map with a single key".to_string())),
                }
            }
            (_, text) => Err(Error::new(format!("invalid type: {text}, expected string or map"))),
        };
        Js::at(&self.1, r)
    }

    /// Only an object makes a struct (serde_json would also take an array: not a scenario's shape).
    fn deserialize_struct<V: Visitor<'de>>(self, _name: &'static str, _fields: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        let r = match kind(&self.0) {
            Kind::Object(o) => visitor.visit_map(Map { path: self.1.clone(), entries: entries(&o).into_iter(), value: None }),
            // Worded as the CLI's reader words it (crates/cli/src/input.rs).
            Kind::Null => Err(Error::new("expected an object, found null".to_string())),
            Kind::Bool(_) => Err(Error::new("expected an object, found a boolean".to_string())),
            Kind::Unsigned(_) | Kind::Signed(_) | Kind::Float(_) => Err(Error::new("expected an object, found a number".to_string())),
            Kind::Str(_) => Err(Error::new("expected an object, found a string".to_string())),
            Kind::Array(_) => Err(Error::new("expected an object, found an array".to_string())),
            _ => Err(self.invalid(&visitor)),
        };
        Js::at(&self.1, r)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let r = match kind(&self.0) {
            Kind::Array(array) => visitor.visit_seq(Seq { path: self.1.clone(), array, next: 0 }),
            _ => Err(self.invalid(&visitor)),
        };
        Js::at(&self.1, r)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct tuple tuple_struct map identifier ignored_any
    }
}

fn err(path: &str, kind: InputErrorKind, message: impl Into<String>) -> InputError {
    InputError::new(path, kind, message)
}


/// serde_json's compact text of a value, for the `schema` message.
fn json_text(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string()).unwrap_or_else(|| "a value JSON cannot hold".to_string())
}

/// Reads a scenario (a plain object, or a JSON string parsed by the browser) and checks its form
/// with the CLI's messages; the meaning is checked by `Scenario::resolve` (inside `evaluate`).
pub fn parse(input: &JsValue) -> Result<Scenario, InputError> {
    let value = match input.as_string() {
        Some(text) => {
            let v = js_sys::JSON::parse(&text).map_err(|e| {
                let why = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
                err("", InputErrorKind::Syntax, format!("not valid JSON: {why}"))
            })?;
            // JSON.parse keeps the last copy of a repeated name: refuse it, as the CLI does.
            if let Some(path) = xborder_core::json_keys::first_duplicate(&text) {
                return Err(err(&path, InputErrorKind::Duplicate, xborder_core::json_keys::DUPLICATE));
            }
            v
        }
        None => input.clone(),
    };
    let obj = match kind(&value) {
        Kind::Object(o) => o,
        _ => {
            let kind = InputErrorKind::WrongType { expected: "a JSON object (a scenario, schema 1)".into(), found: Found::Other(String::new()) };
            return Err(err("", kind, "expected a JSON object (a scenario, schema 1)"));
        }
    };
    let schema = js_sys::Reflect::get(&obj, &JsValue::from_str("schema")).unwrap_or(JsValue::UNDEFINED);
    if schema.is_undefined() {
        return Err(err("schema", InputErrorKind::Schema(SchemaProblem::Missing), format!("missing: expected {SCHEMA}")));
    }
    match kind(&schema) {
        Kind::Unsigned(n) if n == SCHEMA as u64 => {}
        Kind::Unsigned(n) if n > SCHEMA as u64 => {
            return Err(err("schema", InputErrorKind::Schema(SchemaProblem::Newer(n)), format!("expected {SCHEMA}; this scenario uses schema {n}, from a newer version of xborder")))
        }
        _ => return Err(err("schema", InputErrorKind::Schema(SchemaProblem::Wrong(json_text(&schema))), format!("expected {SCHEMA}, found {}", json_text(&schema)))),
    }
    <Scenario as serde::Deserialize>::deserialize(Js(value, String::new())).map_err(|e| {
        // The core words it, for the CLI's reader and this one alike.
        InputError::from_serde(&e.path.unwrap_or_default(), &e.msg)
    })
}
