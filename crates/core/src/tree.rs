//! The one reader of a scenario from a JSON-like tree: the CLI's `serde_json::Value` and the
//! embed's plain JS object both implement `Tree`, and `read` checks the form exactly alike for
//! both (contract: exit status 2; the embed's thrown message is the CLI's line).
//!
//! The deserializer tracks the JSON path itself, and its error type implements serde's
//! `de::Error`: `missing_field`, `unknown_field`, `invalid_type`, `invalid_value`,
//! `unknown_variant`… build the typed `InputError` directly; no message is read back.
//!
//! Its behaviour is `serde_json::Value`'s, except that only an object makes a struct (serde_json
//! would read `"handler": [true, false]` as a handler; the contract's shapes are objects):
//! - object members are visited in the order the tree gives them: sorted by key (serde_json's
//!   map order; the embed sorts with the browser), so the first error of a scenario is the same
//!   whatever order the input wrote its members in;
//! - `null` is a unit, numbers visit `u64`, `i64` or `f64` as the tree says they are;
//! - an enum is a string, or an object with one member whose value is the unit's `null`.
//!
//! No number is formatted here: floats are written by the tree (`Tree::float_json`,
//! `Tree::float_plain`), so the wasm carries no float formatting of its own.
use crate::input_error::{Found, InputError, InputErrorKind, SchemaProblem};
use crate::scenario::{Scenario, SCHEMA};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Unexpected, Visitor};
use std::fmt;

/// One value of a JSON-like tree, as the reader sees it.
pub enum Node<T> {
    Null,
    Bool(bool),
    /// A non-negative integer.
    U64(u64),
    /// A negative integer.
    I64(i64),
    /// A number with a fraction, or one too large for an integer.
    F64(f64),
    Str(String),
    Array(Vec<T>),
    /// The present members (a reader may leave some out, as `undefined` in JS), sorted by key:
    /// the reader visits them in this order, and the first error it meets is the one reported.
    Object(Vec<(String, T)>),
    /// A value JSON cannot hold (a JS function, symbol, BigInt), in English ("a function").
    Other(&'static str),
}

/// A JSON-like value the scenario reader can walk.
pub trait Tree: Sized {
    fn node(&self) -> Node<Self>;
    /// The value as compact JSON text (the `schema` message quotes it).
    fn json_text(&self) -> String;
    /// A float as serde_json writes it in a type error (`found floating point `1.5``).
    fn float_json(v: f64) -> String;
    /// A float as Rust's `{}` writes an f64 (a count's message: `found 1.5`).
    fn float_plain(v: f64) -> String;
}

/// Reads a scenario from a tree and checks its form: a JSON object, `schema` 1, every field of
/// the right shape. The meaning is checked by `Scenario::resolve`.
pub fn read<T: Tree>(root: &T) -> Result<Scenario, InputError> {
    let Node::Object(members) = root.node() else {
        let found = found_of(&root.node(), T::float_json);
        let expected = "a JSON object (a scenario, schema 1)";
        return Err(InputError::new("", InputErrorKind::WrongType { expected: expected.into(), found }, format!("expected {expected}")));
    };
    let schema = |p: SchemaProblem, message: String| InputError::new("schema", InputErrorKind::Schema(p), message);
    match members.iter().find(|(k, _)| k == "schema") {
        None => return Err(schema(SchemaProblem::Missing, format!("missing: expected {SCHEMA}"))),
        Some((_, v)) => match v.node() {
            Node::U64(n) if n == SCHEMA as u64 => {}
            Node::U64(n) if n > SCHEMA as u64 => {
                return Err(schema(SchemaProblem::Newer(n), format!("expected {SCHEMA}; this scenario uses schema {n}, from a newer version of xborder")))
            }
            _ => {
                let text = v.json_text();
                return Err(schema(SchemaProblem::Wrong(text.clone()), format!("expected {SCHEMA}, found {text}")));
            }
        },
    }
    <Scenario as serde::Deserialize>::deserialize(De { node: root.node(), path: String::new() }).map_err(|e| e.into_input::<T>())
}

/// `parent.key`, or `key` at the top.
fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// What a deserializer error is, before the tree writes its numbers.
#[derive(Debug)]
enum What {
    Missing(&'static str),
    Duplicate(&'static str),
    UnknownField(&'static [&'static str]),
    WrongType(String, Seen),
    Invalid(String, Seen),
    UnknownVariant(String, &'static [&'static str]),
    /// Only an object makes a struct.
    NotObject(Seen),
    /// The deserializer's own words (`custom`, `invalid_length`).
    Other(String),
}

/// A value as serde's `Unexpected` names it, floats not yet written.
#[derive(Debug)]
enum Seen {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Str(String),
    Array,
    Object,
    Other(String),
}

/// The reader's error: what went wrong, and the JSON path, set by the innermost value on the
/// way out.
#[derive(Debug)]
pub struct Error {
    what: What,
    path: Option<String>,
}

/// Only for serde's bound: the reader's callers get an `InputError` (`read`).
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a scenario that does not have the contract's form")
    }
}

impl std::error::Error for Error {}

impl Error {
    fn new(what: What) -> Error {
        Error { what, path: None }
    }

    /// The error with the path of the value it arose in, unless a deeper value gave one.
    fn at(mut self, path: &str) -> Error {
        if self.path.is_none() {
            self.path = Some(match self.what {
                What::Missing(f) | What::Duplicate(f) => join(path, f),
                _ => path.to_string(),
            });
        }
        self
    }

    fn into_input<T: Tree>(self) -> InputError {
        let path = self.path.unwrap_or_default();
        let (kind, message) = match self.what {
            What::Missing(_) => (InputErrorKind::Missing, "missing: this field is required".to_string()),
            What::Duplicate(_) => (InputErrorKind::Duplicate, crate::json_keys::DUPLICATE.to_string()),
            What::UnknownField(expected) => {
                let list = if expected.is_empty() { String::new() } else { one_of(expected) };
                (InputErrorKind::UnknownField { expected }, format!("unknown field; expected {list}"))
            }
            What::WrongType(expected, seen) => {
                let found = seen_found(seen, T::float_json);
                let message = format!("expected {expected}, found {}", serde_words(&found));
                (InputErrorKind::WrongType { expected, found }, message)
            }
            What::NotObject(seen) => {
                let found = seen_found(seen, T::float_json);
                let message = format!("expected an object, found {}", a_kind(&found));
                (InputErrorKind::WrongType { expected: "an object".into(), found }, message)
            }
            // A number as the count's own message writes it ("found -5", "found 1.5").
            What::Invalid(expected, seen) => {
                let found = seen_found(seen, T::float_plain);
                let message = match &found {
                    Found::Integer(n) | Found::Float(n) => format!("expected {expected}, found {n}"),
                    f => format!("expected {expected}, found {}", serde_words(f)),
                };
                (InputErrorKind::Invalid { expected, found }, message)
            }
            What::UnknownVariant(found, known) => {
                let message = if known.is_empty() { format!("unknown variant `{found}`, there are no variants") } else { format!("expected {}, found `{found}`", one_of(known)) };
                (InputErrorKind::UnknownId { found, among: crate::input_error::Among::Names(known) }, message)
            }
            What::Other(m) => (InputErrorKind::Other, m),
        };
        InputError { path, message, kind }
    }
}

/// serde's list of names: `` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` ``.
fn one_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [a] => format!("`{a}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => format!("one of {}", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")),
    }
}

/// A value as serde_json words it in a type error (`integer `5``, `string "x"`, `map`).
fn serde_words(f: &Found) -> String {
    match f {
        Found::Null => "null".into(),
        Found::Bool(b) => format!("boolean `{b}`"),
        Found::Integer(n) => format!("integer `{n}`"),
        Found::Float(v) => format!("floating point `{v}`"),
        Found::Str(s) => format!("string {s:?}"),
        Found::Array => "sequence".into(),
        Found::Object => "map".into(),
        Found::Other(o) => o.clone(),
    }
}

fn seen_found(s: Seen, float: fn(f64) -> String) -> Found {
    match s {
        Seen::Null => Found::Null,
        Seen::Bool(b) => Found::Bool(b),
        Seen::Unsigned(n) => Found::Integer(n.to_string()),
        Seen::Signed(n) => Found::Integer(n.to_string()),
        Seen::Float(v) => Found::Float(float(v)),
        Seen::Str(s) => Found::Str(s),
        Seen::Array => Found::Array,
        Seen::Object => Found::Object,
        Seen::Other(o) => Found::Other(o),
    }
}

/// "a number", "an array"…: what stands where an object belongs.
fn a_kind(f: &Found) -> String {
    match f {
        Found::Null => "null".into(),
        Found::Bool(_) => "a boolean".into(),
        Found::Integer(_) | Found::Float(_) => "a number".into(),
        Found::Str(_) => "a string".into(),
        Found::Array => "an array".into(),
        Found::Object => "an object".into(),
        Found::Other(o) => o.clone(),
    }
}

fn found_of<T>(n: &Node<T>, float: fn(f64) -> String) -> Found {
    seen_found(seen_of(n), float)
}

fn seen_of<T>(n: &Node<T>) -> Seen {
    match n {
        Node::Null => Seen::Null,
        Node::Bool(b) => Seen::Bool(*b),
        Node::U64(v) => Seen::Unsigned(*v),
        Node::I64(v) => Seen::Signed(*v),
        Node::F64(v) => Seen::Float(*v),
        Node::Str(s) => Seen::Str(s.clone()),
        Node::Array(_) => Seen::Array,
        Node::Object(_) => Seen::Object,
        Node::Other(o) => Seen::Other(o.to_string()),
    }
}

/// serde's `Unexpected`, by hand: its `Display` would bring float formatting into the wasm.
fn seen(u: Unexpected) -> Seen {
    match u {
        Unexpected::Bool(b) => Seen::Bool(b),
        Unexpected::Unsigned(n) => Seen::Unsigned(n),
        Unexpected::Signed(n) => Seen::Signed(n),
        Unexpected::Float(v) => Seen::Float(v),
        Unexpected::Char(c) => Seen::Str(c.to_string()),
        Unexpected::Str(s) => Seen::Str(s.to_string()),
        Unexpected::Unit => Seen::Null,
        Unexpected::Seq => Seen::Array,
        Unexpected::Map => Seen::Object,
        Unexpected::Bytes(_) => Seen::Other("byte array".into()),
        Unexpected::Option => Seen::Other("Option value".into()),
        Unexpected::NewtypeStruct => Seen::Other("newtype struct".into()),
        Unexpected::Enum => Seen::Other("enum".into()),
        Unexpected::UnitVariant => Seen::Other("unit variant".into()),
        Unexpected::NewtypeVariant => Seen::Other("newtype variant".into()),
        Unexpected::TupleVariant => Seen::Other("tuple variant".into()),
        Unexpected::StructVariant => Seen::Other("struct variant".into()),
        Unexpected::Other(o) => Seen::Other(o.to_string()),
    }
}

impl de::Error for Error {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        Error::new(What::Other(msg.to_string()))
    }
    fn invalid_type(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        Error::new(What::WrongType(exp.to_string(), seen(unexp)))
    }
    fn invalid_value(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        Error::new(What::Invalid(exp.to_string(), seen(unexp)))
    }
    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        Error::new(What::Other(format!("invalid length {len}, expected {exp}")))
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Error::new(What::UnknownVariant(variant.to_string(), expected))
    }
    fn unknown_field(_field: &str, expected: &'static [&'static str]) -> Self {
        Error::new(What::UnknownField(expected))
    }
    fn missing_field(field: &'static str) -> Self {
        Error::new(What::Missing(field))
    }
    fn duplicate_field(field: &'static str) -> Self {
        Error::new(What::Duplicate(field))
    }
}

/// A value of the tree to deserialize from, and its JSON path.
struct De<T> {
    node: Node<T>,
    path: String,
}

impl<T: Tree> De<T> {
    fn of(t: &T, path: String) -> De<T> {
        De { node: t.node(), path }
    }
}

struct Map<T> {
    path: String,
    members: std::vec::IntoIter<(String, T)>,
    value: Option<(String, T)>,
}

impl<'de, T: Tree> MapAccess<'de> for Map<T> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((k, v)) = self.members.next() else { return Ok(None) };
        let path = join(&self.path, &k);
        let key = seed.deserialize(IntoDeserializer::<Error>::into_deserializer(k)).map_err(|e| e.at(&path))?;
        self.value = Some((path, v));
        Ok(Some(key))
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (path, v) = self.value.take().ok_or_else(|| Error::new(What::Other("a value without its key".into())))?;
        seed.deserialize(De::of(&v, path))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}

struct Seq<T> {
    path: String,
    items: std::vec::IntoIter<T>,
    next: usize,
}

impl<'de, T: Tree> SeqAccess<'de> for Seq<T> {
    type Error = Error;
    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, Error> {
        let Some(v) = self.items.next() else { return Ok(None) };
        let path = format!("{}[{}]", self.path, self.next);
        self.next += 1;
        seed.deserialize(De::of(&v, path)).map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The variant of an enum: a string, or the one member of an object with its value.
struct Variant<T> {
    name: String,
    value: Option<(String, T)>,
}

impl<'de, T: Tree> de::EnumAccess<'de> for Variant<T> {
    type Error = Error;
    type Variant = Self;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let Variant { name, value } = self;
        let v = seed.deserialize(IntoDeserializer::<Error>::into_deserializer(name))?;
        Ok((v, Variant { name: String::new(), value }))
    }
}

impl<'de, T: Tree> de::VariantAccess<'de> for Variant<T> {
    type Error = Error;
    /// The member's value is the unit's `null`, as serde_json reads it.
    fn unit_variant(self) -> Result<(), Error> {
        match self.value.map(|(path, v)| (path, v.node())) {
            None | Some((_, Node::Null)) => Ok(()),
            Some((path, other)) => Err(Error::new(What::WrongType("unit".into(), seen_of(&other))).at(&path)),
        }
    }
    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, _seed: S) -> Result<S::Value, Error> {
        Err(de::Error::invalid_type(Unexpected::UnitVariant, &"newtype variant"))
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, Error> {
        Err(de::Error::invalid_type(Unexpected::UnitVariant, &"tuple variant"))
    }
    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], _visitor: V) -> Result<V::Value, Error> {
        Err(de::Error::invalid_type(Unexpected::UnitVariant, &"struct variant"))
    }
}

impl<'de, T: Tree> de::Deserializer<'de> for De<T> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let De { node, path } = self;
        let r = match node {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(b),
            Node::U64(n) => visitor.visit_u64(n),
            Node::I64(n) => visitor.visit_i64(n),
            Node::F64(v) => visitor.visit_f64(v),
            Node::Str(s) => visitor.visit_string(s),
            Node::Array(items) => visitor.visit_seq(Seq { path: path.clone(), items: items.into_iter(), next: 0 }),
            Node::Object(members) => visitor.visit_map(Map { path: path.clone(), members: members.into_iter(), value: None }),
            Node::Other(o) => Err(de::Error::invalid_type(Unexpected::Other(o), &visitor)),
        };
        r.map_err(|e| e.at(&path))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if matches!(self.node, Node::Null) {
            visitor.visit_none()
        } else {
            let path = self.path.clone();
            visitor.visit_some(self).map_err(|e| e.at(&path))
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        let path = self.path.clone();
        visitor.visit_newtype_struct(self).map_err(|e| e.at(&path))
    }

    /// As serde_json's `Value`: a string names a unit variant, or an object's one member.
    fn deserialize_enum<V: Visitor<'de>>(self, _name: &'static str, _variants: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        let De { node, path } = self;
        let r = match node {
            Node::Str(name) => visitor.visit_enum(Variant::<T> { name, value: None }),
            Node::Object(members) => {
                let mut members = members.into_iter();
                match (members.next(), members.next()) {
                    (Some((name, v)), None) => {
                        let at = join(&path, &name);
                        visitor.visit_enum(Variant { name, value: Some((at, v)) })
                    }
                    _ => Err(de::Error::invalid_value(Unexpected::Map, &"map with a single key")),
                }
            }
            other => Err(Error::new(What::WrongType("string or map".into(), seen_of(&other)))),
        };
        r.map_err(|e| e.at(&path))
    }

    /// Only an object makes a struct.
    fn deserialize_struct<V: Visitor<'de>>(self, _name: &'static str, _fields: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        let De { node, path } = self;
        let r = match node {
            Node::Object(members) => visitor.visit_map(Map { path: path.clone(), members: members.into_iter(), value: None }),
            other => Err(Error::new(What::NotObject(seen_of(&other)))),
        };
        r.map_err(|e| e.at(&path))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let De { node, path } = self;
        let r = match node {
            Node::Array(items) => visitor.visit_seq(Seq { path: path.clone(), items: items.into_iter(), next: 0 }),
            other => Err(Error::new(What::WrongType((&visitor as &dyn de::Expected).to_string(), seen_of(&other)))),
        };
        r.map_err(|e| e.at(&path))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct tuple tuple_struct map identifier ignored_any
    }
}
