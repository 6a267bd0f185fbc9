//! Bad input, typed (issue 10): the JSON path of the offending field, what is wrong there as a
//! kind, and the English one line the contract pins (`PATH: message`, exit status 2; the embed's
//! thrown message). `zh()` says the same in a full Chinese sentence.
//!
//! The English `message` is written once, where the error is made; the kind carries what the
//! Chinese sentence (and any tool) needs. Deserialisation errors are made by the core's own
//! reader (`crate::tree`) through serde's error hooks, never by reading serde's messages back.
use std::fmt;

/// Bad input: the JSON path of the field, what was expected there, and the kind of problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The field (`personal_information[1].persons`); empty for the input as a whole.
    pub path: String,
    /// What was expected there, in English (the contract's wording).
    pub message: String,
    pub kind: InputErrorKind,
}

/// What a value was, as the reader saw it (numbers as the reader writes them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Null,
    Bool(bool),
    /// An integer, written in decimal.
    Integer(String),
    /// A number with a fraction (or too large to be an integer), written as the reader writes it.
    Float(String),
    Str(String),
    Array,
    Object,
    /// Anything else (a JavaScript function, a serde-only shape), described in English.
    Other(String),
}

/// Which rule about `schema` the input breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaProblem {
    Missing,
    /// A later schema than this engine reads.
    Newer(u64),
    /// Anything but the number 1, as the input writes it.
    Wrong(String),
}

/// Counts that do not hold together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountProblem {
    /// `sensitive_persons` above `persons`.
    SensitiveAbovePersons { persons: u64, sensitive: u64 },
    /// `no_personal_data` (Art. 3) with persons counted.
    NoPersonalDataWithPersons { persons: u64 },
}

/// A sector of a list, by ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectorRef {
    pub list: &'static str,
    pub sector: &'static str,
}

/// Where the known ids of an `UnknownId` are: `ids()` lists them from the catalogue (kept as a
/// reference, so making the error costs nothing where no one asks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Among {
    Lists,
    Zones,
    /// The sectors of a list.
    Sectors { list: &'static str },
    /// A sector's important-data items.
    Items(SectorRef),
    /// A sector's exceptions, its own and its items'.
    Exceptions(SectorRef),
    Scenarios(SectorRef),
    Groups(SectorRef),
    /// `<obligation id>:<condition id>` of every condition the catalogue sets.
    Conditions,
    /// The questions a scenario may leave open: the fixed ones, and the sector's items and
    /// exceptions when it names one (a group question of a row is one too).
    Questions(Option<SectorRef>),
    /// The group questions of a scenario with this many rows of personal information.
    Rows(usize),
    /// Fixed names (an enum's variants: `basis`).
    Names(&'static [&'static str]),
}

impl Among {
    /// The known ids, in the catalogue's order.
    pub fn ids(&self) -> Vec<String> {
        use crate::catalogue;
        let sector = |r: &SectorRef| catalogue::list(r.list).and_then(|l| l.sector(r.sector));
        let items = |r: &SectorRef| -> Vec<String> {
            sector(r).map(|s| s.items.iter().filter(|i| i.kind == catalogue::Kind::ImportantData).map(|i| i.id.to_string()).collect()).unwrap_or_default()
        };
        let exceptions = |r: &SectorRef| -> Vec<String> {
            sector(r)
                .map(|s| s.exceptions.iter().map(|e| e.id.to_string()).chain(s.items.iter().flat_map(|i| i.exceptions.iter().map(|e| e.id.to_string()))).collect())
                .unwrap_or_default()
        };
        match self {
            Among::Lists => catalogue::lists().map(|d| d.id.to_string()).collect(),
            Among::Zones => catalogue::zones().map(String::from).collect(),
            Among::Sectors { list } => catalogue::list(list).map(|l| l.sectors.iter().map(|s| s.id.to_string()).collect()).unwrap_or_default(),
            Among::Items(r) => items(r),
            Among::Exceptions(r) => exceptions(r),
            Among::Scenarios(r) => sector(r).map(|s| s.scenarios.iter().map(|x| x.id.to_string()).collect()).unwrap_or_default(),
            Among::Groups(r) => sector(r).map(|s| s.groups.iter().map(|x| x.id.to_string()).collect()).unwrap_or_default(),
            Among::Conditions => catalogue::conditions().map(|(n, c)| format!("{}:{}", n.id, c.id)).collect(),
            Among::Questions(r) => {
                let mut ids: Vec<String> = crate::scenario::FIXED_IDS.iter().map(|q| q.to_string()).collect();
                if let Some(r) = r {
                    ids.extend(items(r));
                    ids.extend(exceptions(r));
                }
                ids
            }
            Among::Rows(n) => (0..*n).map(|i| format!("personal_information[{i}].group")).collect(),
            Among::Names(names) => names.iter().map(|n| n.to_string()).collect(),
        }
    }
}

/// The kind of an input error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputErrorKind {
    /// The text is not JSON (the message quotes the parser).
    Syntax,
    /// `schema` is absent, newer, or not 1.
    Schema(SchemaProblem),
    /// A required field is absent.
    Missing,
    /// A member the scenario does not have here; `expected`: the fields it has.
    UnknownField { expected: &'static [&'static str] },
    /// A value of the wrong JSON type; `expected` in serde's words ("a boolean", "an object").
    WrongType { expected: String, found: Found },
    /// A value of the right type that is not allowed (a count that is not a whole number of
    /// persons, a control character in one line of text).
    Invalid { expected: String, found: Found },
    /// A member name given twice in one object.
    Duplicate,
    /// An id the catalogue (or the format) does not know here; `among`: where the known ones
    /// are (`Among::ids` lists them).
    UnknownId { found: String, among: Among },
    /// An id that needs a list (and a sector) to be read, and the scenario names none.
    NeedsList { sector_too: bool },
    /// A known id of the wrong kind: a personal-information clause named as important data.
    WrongItemKind { found: String },
    /// An id listed twice in one array.
    Repeated { found: String },
    /// Counts that do not hold together.
    Count(CountProblem),
    /// More entries (or characters, or combinations) than allowed.
    TooMany { max: usize, found: Option<usize> },
    /// Not a day written `YYYY-MM-DD`.
    Date { found: String },
    /// A day the rules do not cover for what the scenario asks (`as_of`, or the day of evaluation).
    NotCovered { document: &'static str, in_force: crate::calendar::Date, until: Option<crate::calendar::Date>, day: crate::calendar::Date },
    /// Anything else (a deserializer's own message).
    Other,
}

impl InputErrorKind {
    /// A stable name for the kind (`missing`, `unknown_field`…), for tools and tests.
    pub const fn name(&self) -> &'static str {
        use InputErrorKind as K;
        match self {
            K::Syntax => "syntax",
            K::Schema(_) => "schema",
            K::Missing => "missing",
            K::UnknownField { .. } => "unknown_field",
            K::WrongType { .. } => "wrong_type",
            K::Invalid { .. } => "invalid",
            K::Duplicate => "duplicate",
            K::UnknownId { .. } => "unknown_id",
            K::NeedsList { .. } => "needs_list",
            K::WrongItemKind { .. } => "wrong_item_kind",
            K::Repeated { .. } => "repeated",
            K::Count(_) => "count",
            K::TooMany { .. } => "too_many",
            K::Date { .. } => "date",
            K::NotCovered { .. } => "not_covered",
            K::Other => "other",
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for InputError {}

impl InputError {
    pub fn new(path: impl Into<String>, kind: InputErrorKind, message: impl Into<String>) -> InputError {
        InputError { path: path.into(), message: message.into(), kind }
    }

    /// The contract's English line (`PATH: message`), as `Display` writes it.
    pub fn en(&self) -> String {
        self.to_string()
    }

    /// The same in a full Chinese sentence, naming the field by its JSON path. Ids, numbers and
    /// text quoted from the input stay as written.
    pub fn zh(&self) -> String {
        let at = if self.path.is_empty() { "输入".to_string() } else { format!("字段 {}", self.path) };
        self.zh_at(&at)
    }

    /// The Chinese sentence with the field named as the caller names it (the page: as its form
    /// does, "“第1组 · 人员类别”"), not by its JSON path.
    pub fn zh_at(&self, at: &str) -> String {
        let s = self.zh_sentence(at);
        // A quoted name needs no space after it in Chinese.
        if at.ends_with('”') { s.replacen(&format!("{at} "), at, 1) } else { s }
    }

    fn zh_sentence(&self, at: &str) -> String {
        use InputErrorKind as K;
        match &self.kind {
            K::Syntax => format!("输入不是有效的 JSON（解析器的说明：{}）。", self.message.strip_prefix("not valid JSON: ").unwrap_or(&self.message)),
            K::Schema(SchemaProblem::Missing) => format!("缺少字段 schema：场景须写明格式版本 {}。", crate::scenario::SCHEMA),
            K::Schema(SchemaProblem::Newer(n)) => {
                format!("字段 schema 为 {n}：该场景来自较新版本的 xborder，本程序只读取第 {} 版格式。", crate::scenario::SCHEMA)
            }
            K::Schema(SchemaProblem::Wrong(v)) => format!("字段 schema 应为 {}，实际为 {v}。", crate::scenario::SCHEMA),
            K::Missing => format!("{at} 缺失：此项为必填。"),
            K::UnknownField { expected } => {
                let names: Vec<String> = expected.iter().map(|n| format!("`{n}`")).collect();
                if names.is_empty() {
                    format!("{at} 不是场景格式中的字段：此处不应有任何字段。")
                } else {
                    format!("{at} 不是场景格式中的字段：此处可用的字段为 {}。", names.join("、"))
                }
            }
            K::WrongType { expected, found } => format!("{at} 的类型不对：应为{}，实际为{}。", expected_zh(expected), found_zh(found)),
            K::Invalid { expected, found } => format!("{at} 的值不可接受：应为{}，实际为{}。", expected_zh(expected), found_zh(found)),
            K::Duplicate => format!("{at} 在同一对象中出现了两次：场景中每个字段只能写一次（JSON 读取器会默默只保留最后一个）。"),
            K::UnknownId { found, among } => {
                let known = among.ids();
                let shown: Vec<String> = known.iter().take(12).map(|k| format!("“{k}”")).collect();
                let list = match known.len() {
                    0 => "此处没有可选的值".to_string(),
                    n if n > shown.len() => format!("可选的值包括 {} 等 {n} 个", shown.join("、")),
                    _ => format!("可选的值为 {}", shown.join("、")),
                };
                format!("{at} 的值“{found}”无法识别：{list}。")
            }
            K::NeedsList { sector_too: true } => format!("{at} 所填的值须先选定清单和行业才能识别：请选择清单和行业，或不填此项。"),
            K::NeedsList { sector_too: false } => format!("{at} 所填的行业须先选定清单：请填写 list，或将 sector 设为 null。"),
            K::WrongItemKind { found } => format!("{at} 的“{found}”是个人信息条款，不是重要数据条目：请在 personal_information 中填写相关人员。"),
            K::Repeated { found } => format!("{at} 的“{found}”重复列出：每项只能列一次。"),
            K::Count(CountProblem::SensitiveAbovePersons { persons, sensitive }) => {
                format!("{at} 的人数不对：敏感个人信息人数（{sensitive}）计入个人信息人数之内，不能超过 persons（{persons}）。")
            }
            K::Count(CountProblem::NoPersonalDataWithPersons { persons }) => {
                format!("{at} 有误：`no_personal_data`（《规定》第三条）适用于不含个人信息的数据，但该组有 {persons} 人：请选择其他情形，或设为 null。")
            }
            K::TooMany { max, found: Some(n) } => format!("{at} 超出上限：最多 {max}，实际为 {n}。"),
            K::TooMany { max, found: None } => format!("{at} 超出上限：最多 {max} 项。"),
            K::Date { found } => format!("{at} 应为日期，格式 YYYY-MM-DD（如 2026-01-05），实际为“{found}”。"),
            K::NotCovered { document, in_force, until: None, day } => {
                format!("{at} 有误：规则中的 {document} 自 {in_force} 起施行，{day} 不在其有效期内；请选择规则所涵盖的日期。")
            }
            K::NotCovered { document, in_force, until: Some(until), day } => {
                format!("{at} 有误：规则中的 {document} 自 {in_force} 起施行至 {until}，且规则中没有更晚的版本，{day} 不在其有效期内；请选择规则所涵盖的日期。")
            }
            K::Other => format!("{at} 有误（读取器的说明：{}）。", self.message),
        }
    }
}

/// What serde (and the core) say a field expects, in Chinese.
fn expected_zh(e: &str) -> String {
    let zh = match e {
        "a boolean" => "布尔值（true 或 false）",
        "a string" => "字符串",
        "a sequence" => "数组",
        "a map" | "an object" => "对象",
        "string or map" => "字符串（或只含一个键的对象）",
        "map with a single key" => "只含一个键的对象",
        "unit" => "null",
        "u32" => "非负整数",
        "a JSON object (a scenario, schema 1)" => "JSON 对象（一个场景，格式版本 1）",
        "one line of text" => "单行文字",
        crate::scenario::COUNT_EXPECTED => "0 或以上的整数人数",
        _ if e.starts_with("a whole number of persons up to ") => return format!("不超过 {} 的整数人数", &e["a whole number of persons up to ".len()..]),
        _ => return format!("“{e}”"),
    };
    zh.to_string()
}

fn found_zh(f: &Found) -> String {
    match f {
        Found::Null => "null（空值）".into(),
        Found::Bool(b) => format!("布尔值 {b}"),
        Found::Integer(n) => format!("整数 {n}"),
        Found::Float(n) => format!("数字 {n}"),
        Found::Str(s) => format!("字符串 {s:?}"),
        Found::Array => "数组".into(),
        Found::Object => "对象".into(),
        Found::Other(o) if o == "a control character" => "控制字符".into(),
        Found::Other(o) => format!("“{o}”"),
    }
}
