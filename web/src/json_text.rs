//! The contract's JSON as text, written straight from serde's data model, for the embed API:
//! one string crosses into JS and the browser's own `JSON.parse` builds the object, far cheaper
//! than building it property by property across the boundary (issue 14). The shapes are
//! serde_json's: maps and structs as objects, `None` and unit as `null`, unit variants as their
//! names, newtype structs as their inner value, other enum variants as `{ "Variant": … }`.
//! Numbers are integers in this crate's data (a float is written with Rust's shortest form,
//! `null` if not finite, as serde_json does). No serde_json in the wasm: this is all it needs.
use serde::ser::{self, Serialize};
use std::fmt::{self, Write};

/// Contract shapes as plain JS objects (maps as objects, `None` as `null`, like the CLI's JSON),
/// built by the browser's `JSON.parse` from one string: a verdict or the catalogue crosses the
/// boundary once, not property by property (issue 14).
pub fn parsed<T: Serialize + ?Sized>(v: &T) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    let text = to_string(v).map_err(|e| js_sys::Error::new(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}

/// The JSON text of a value.
pub fn to_string<T: Serialize + ?Sized>(v: &T) -> Result<String, Error> {
    let mut out = Json(String::with_capacity(16 * 1024));
    v.serialize(&mut out)?;
    Ok(out.0)
}

#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

struct Json(String);

/// The first 8-byte word of `s` holding a byte JSON must escape (`"`, `\\`, a control
/// character), as the offset of that word, or `s.len()` where none does. Word-at-a-time: the
/// rules' long texts (mostly Chinese, never escaped) are passed over eight bytes a step, which in
/// the wasm is several times faster than a byte loop (the embed's `evaluate()`, issue 14).
fn clean_prefix(s: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Some byte of `w` is below `n` (exact for n ≤ 128): the classic "has less" test.
    let below = |w: u64, n: u64| w.wrapping_sub(ONES * n) & !w & HIGH != 0;
    let zero = |w: u64| below(w, 1);
    let mut i = 0;
    while i + 8 <= s.len() {
        let w = u64::from_le_bytes([s[i], s[i + 1], s[i + 2], s[i + 3], s[i + 4], s[i + 5], s[i + 6], s[i + 7]]);
        if below(w, 0x20) || zero(w ^ (ONES * u64::from(b'"'))) || zero(w ^ (ONES * u64::from(b'\\'))) {
            return i;
        }
        i += 8;
    }
    i
}

impl Json {
    fn str(&mut self, s: &str) {
        let out = &mut self.0;
        out.push('"');
        let clean = clean_prefix(s.as_bytes());
        let mut start = 0;
        for (i, b) in s.bytes().enumerate().skip(clean) {
            let esc = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0x00..=0x1f => "",
                _ => continue,
            };
            out.push_str(&s[start..i]);
            if esc.is_empty() {
                let _ = write!(out, "\\u{b:04x}");
            } else {
                out.push_str(esc);
            }
            start = i + 1;
        }
        out.push_str(&s[start..]);
        out.push('"');
    }
}

/// A sequence or map being written: whether a comma goes before the next element.
struct Compound<'a> {
    json: &'a mut Json,
    first: bool,
    /// The closing of an enclosing `{ "Variant": … }` (struct and tuple variants).
    tail: &'static str,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.json.0.push(',');
        }
    }
}

impl<'a> ser::Serializer for &'a mut Json {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v as i64)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v as i64)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v as i64)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        let _ = write!(self.0, "{v}");
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v as u64)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v as u64)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v as u64)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        let _ = write!(self.0, "{v}");
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(v as f64)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        if v.is_finite() {
            let _ = write!(self.0, "{v}");
        } else {
            self.0.push_str("null");
        }
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.str(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.str(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.0.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.str(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, variant: &'static str, v: &T) -> Result<(), Error> {
        self.0.push('{');
        self.str(variant);
        self.0.push(':');
        v.serialize(&mut *self)?;
        self.0.push('}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        self.0.push('[');
        Ok(Compound { json: self, first: true, tail: "]" })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        self.0.push('{');
        self.str(variant);
        self.0.push_str(":[");
        Ok(Compound { json: self, first: true, tail: "]}" })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        self.0.push('{');
        Ok(Compound { json: self, first: true, tail: "}" })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        self.0.push('{');
        self.str(variant);
        self.0.push_str(":{");
        Ok(Compound { json: self, first: true, tail: "}}" })
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.comma();
        v.serialize(&mut *self.json)
    }
    fn end(self) -> Result<(), Error> {
        self.json.0.push_str(self.tail);
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        // Keys are strings in every shape of the contract; anything else is written as JSON
        // and quoted, as serde_json writes number keys.
        let mut k = Json(String::new());
        key.serialize(&mut k)?;
        if k.0.starts_with('"') {
            self.json.0.push_str(&k.0);
        } else {
            self.json.str(&k.0);
        }
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.json.0.push(':');
        v.serialize(&mut *self.json)
    }
    fn end(self) -> Result<(), Error> {
        self.json.0.push_str(self.tail);
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Error> {
        self.comma();
        self.json.str(key);
        self.json.0.push(':');
        v.serialize(&mut *self.json)
    }
    fn end(self) -> Result<(), Error> {
        self.json.0.push_str(self.tail);
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, v)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeStruct::end(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same text serde_json writes, for every verdict of the golden scenarios.
    #[test]
    fn writes_what_serde_json_writes() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden");
        let mut n = 0;
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if !p.to_string_lossy().ends_with(".scenario.json") {
                continue;
            }
            let s: xborder_core::Scenario = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            let v = xborder_core::evaluate(&s).unwrap();
            assert_eq!(to_string(&v).unwrap(), serde_json::to_string(&v).unwrap(), "{}", p.display());
            n += 1;
        }
        assert!(n > 100, "{n} scenarios");
        let cat = xborder_core::listing::catalogue();
        assert_eq!(to_string(&cat).unwrap(), serde_json::to_string(&cat).unwrap());
        // Escapes: quotes, backslashes, control characters, and text beyond ASCII as it is.
        let odd = "a\"b\\c\n\u{1}\u{1f}é中";
        assert_eq!(to_string(odd).unwrap(), serde_json::to_string(odd).unwrap());
        // Each escaped byte at every place of a word, after and before long clean runs.
        for esc in ["\"", "\\", "\n", "\u{0}", "\u{1f}", "\u{7f}", "中"] {
            for at in 0..20 {
                let s = format!("{}{esc}{}", "数据出境ab".repeat(at / 3).chars().take(at).collect::<String>(), "x".repeat(17 - at % 9));
                assert_eq!(to_string(&s).unwrap(), serde_json::to_string(&s).unwrap(), "{s:?}");
            }
        }
        let map: std::collections::BTreeMap<u32, Option<f64>> = [(1, Some(1.5)), (2, None), (3, Some(f64::NAN))].into();
        assert_eq!(to_string(&map).unwrap(), serde_json::to_string(&map).unwrap());
    }

    proptest::proptest! {
        /// Any text is written as serde_json writes it, whichever bytes need escaping and where.
        #[test]
        fn any_text_as_serde_json_writes_it(s in "[\\x00-\\x21\"\\\\a-z\u{7f}é中\u{10000}]{0,40}") {
            proptest::prop_assert_eq!(to_string(&s).unwrap(), serde_json::to_string(&s).unwrap());
        }
    }
}
