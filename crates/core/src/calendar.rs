//! Days, and working days as the State Council holiday notices set them, for deadlines counted
//! the way Chinese law counts periods. Pure: the notices are data compiled from
//! `rules/holidays-cn.toml` at build time.
//!
//! - 《民法典》第二百零一条: 按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算。
//!   The day a period runs from is never one of its days ([`add_working_days`], [`Date::add_years`]).
//! - 《民法典》第二百零二条: 按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，
//!   月末日为期间的最后一日 ([`Date::add_years`]: 29 February runs to 28 February).
//! - A working day (工作日) is a Monday to Friday that the year's notice (国务院办公厅关于…部分节假日
//!   安排的通知) does not make a day off, or a Saturday or Sunday it makes a working day (调休上班)
//!   ([`is_working_day`]). A year whose notice is not in the rules cannot be told: the answer is
//!   "unknown" ([`NoNotice`]), never a guess from the weekday alone.
use serde::Serialize;
use std::fmt;

/// A day of the (proleptic) Gregorian calendar. Valid by construction: there is no 30 February.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    const ALL: [Weekday; 7] = [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday, Weekday::Saturday, Weekday::Sunday];

    pub const fn is_weekend(self) -> bool {
        matches!(self, Weekday::Saturday | Weekday::Sunday)
    }

    pub const fn zh(self) -> &'static str {
        match self {
            Weekday::Monday => "星期一",
            Weekday::Tuesday => "星期二",
            Weekday::Wednesday => "星期三",
            Weekday::Thursday => "星期四",
            Weekday::Friday => "星期五",
            Weekday::Saturday => "星期六",
            Weekday::Sunday => "星期日",
        }
    }
}

/// A text that is not a day written `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD` (four, two and two digits).
    Format(String),
    /// Of the form, but no such day (month 13, 30 February, year 0).
    NoSuchDay(String),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format(s) => write!(f, "expected a date YYYY-MM-DD, found \"{}\"", clip(s)),
            DateError::NoSuchDay(s) => write!(f, "expected a date YYYY-MM-DD, found \"{}\", which is not a day of the calendar", clip(s)),
        }
    }
}

impl std::error::Error for DateError {}

/// Input safe to echo: printable, clipped.
fn clip(s: &str) -> String {
    s.chars().take(24).map(|c| if c.is_control() { '?' } else { c }).collect()
}

/// Days in a month of a year.
pub const fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The day, if the calendar has it.
    pub const fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month) {
            Some(Date { year, month, day })
        } else {
            None
        }
    }

    /// A day known to be real (the rules' dates, checked by the lint); a wrong one fails the
    /// build, since the rules are constants.
    pub const fn ymd(year: i32, month: u8, day: u8) -> Date {
        match Date::new(year, month, day) {
            Some(d) => d,
            None => panic!("not a day of the calendar"),
        }
    }

    /// Reads `YYYY-MM-DD` (years 0001 to 9999), nothing else: no time, no other separator.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
            return Err(DateError::Format(s.to_string()));
        }
        let num = |r: std::ops::Range<usize>| b[r].iter().fold(0i32, |n, d| n * 10 + (d - b'0') as i32);
        let (y, m, d) = (num(0..4), num(5..7), num(8..10));
        Date::new(y, m as u8, d as u8).filter(|_| y >= 1).ok_or_else(|| DateError::NoSuchDay(s.to_string()))
    }

    pub const fn year(self) -> i32 {
        self.year
    }

    pub const fn month(self) -> u8 {
        self.month
    }

    pub const fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before), after H. Hinnant's `days_from_civil`.
    pub const fn days_since_1970(self) -> i64 {
        let y = if self.month <= 2 { self.year as i64 - 1 } else { self.year as i64 };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (self.month as i64 + 9) % 12;
        let doy = (153 * mp + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `days` after 1970-01-01 (`civil_from_days`).
    pub const fn from_days_since_1970(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
        Date { year, month, day }
    }

    pub const fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::ALL[(self.days_since_1970() + 3).rem_euclid(7) as usize]
    }

    /// The day `n` days later (earlier for a negative `n`).
    pub const fn add_days(self, n: i64) -> Date {
        Date::from_days_since_1970(self.days_since_1970() + n)
    }

    /// The last day of a period of `n` years from this day, the day itself not counted
    /// (民法典第二百零一条): the corresponding day of the last year; where that month has no
    /// corresponding day (29 February), its last day (第二百零二条). So a 3-year validity from
    /// 2026-09-28 runs to the end of 2029-09-28, and one from 2024-02-29 to 2027-02-28.
    pub const fn add_years(self, n: i32) -> Date {
        let year = self.year + n;
        let last = days_in_month(year, self.month);
        Date { year, month: self.month, day: if self.day > last { last } else { self.day } }
    }

    /// The day as Chinese text writes it: 2026年9月28日.
    pub fn zh(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Date, DateError> {
        Date::parse(s)
    }
}

/// A date is written `"YYYY-MM-DD"` in every verdict.
impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One year's State Council holiday notice, as compiled from `rules/holidays-cn.toml`.
#[derive(Debug)]
pub struct NoticeYear {
    pub year: i32,
    /// The notice's references (URLs), as the source gives them.
    pub notice: &'static [&'static str],
    /// Days off, as sorted (month, day).
    pub off_days: &'static [(u8, u8)],
    /// Saturdays and Sundays worked (调休上班), as sorted (month, day).
    pub working_days: &'static [(u8, u8)],
}

include!(concat!(env!("OUT_DIR"), "/working_days.rs"));

/// The notice of a year, if the rules have it.
pub fn notice(year: i32) -> Option<&'static NoticeYear> {
    NOTICE_YEARS.iter().find(|y| y.year == year)
}

/// The years whose notice the rules have, in order.
pub fn notice_years() -> impl Iterator<Item = i32> {
    NOTICE_YEARS.iter().map(|y| y.year)
}

/// Whether a day is a working day under its year's notice: a Monday to Friday that is not a day
/// off, or an adjusted working Saturday or Sunday. `None` when the rules hold no notice for the
/// year: the weekday alone does not tell.
pub fn is_working_day(d: Date) -> Option<bool> {
    let n = notice(d.year)?;
    let md = (d.month, d.day);
    Some(if n.working_days.binary_search(&md).is_ok() {
        true
    } else if n.off_days.binary_search(&md).is_ok() {
        false
    } else {
        !d.weekday().is_weekend()
    })
}

/// A count that needs a year whose holiday notice is not in the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoNotice {
    pub year: i32,
}

impl NoNotice {
    pub fn zh(self) -> String {
        format!("无法确定日期：期间计入{y}年，而规则数据尚未收录国务院办公厅关于{y}年部分节假日安排的通知，无法确定该年的工作日（不按星期推算）。通知发布后请据其核算。", y = self.year)
    }

    pub fn en(self) -> String {
        format!(
            "No date: the count runs into {y}, and the State Council's holiday notice for {y} is not in the rules, so {y}'s working days cannot be told (a count by weekdays alone would be a guess). Count it from the notice once it is published.",
            y = self.year
        )
    }
}

impl fmt::Display for NoNotice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en())
    }
}

impl std::error::Error for NoNotice {}

/// The `n`-th working day after `start`, `start` itself not counted (民法典第二百零一条: 开始的
/// 当日不计入，自下一日开始计算), working days as the holiday notices set them: "10 working days
/// after the contract takes effect" ends on the day this returns. Fails on the first day of a
/// year whose notice is not in the rules.
pub fn add_working_days(start: Date, n: u32) -> Result<Date, NoNotice> {
    step_working_days(start, n, 1)
}

/// The `n`-th working day before `end`, `end` itself not counted: the first day of "the n
/// working days before" it. Fails like [`add_working_days`].
pub fn working_days_before(end: Date, n: u32) -> Result<Date, NoNotice> {
    step_working_days(end, n, -1)
}

fn step_working_days(from: Date, n: u32, step: i64) -> Result<Date, NoNotice> {
    let mut d = from;
    let mut counted = 0;
    while counted < n {
        d = d.add_days(step);
        match is_working_day(d) {
            None => return Err(NoNotice { year: d.year }),
            Some(true) => counted += 1,
            Some(false) => {}
        }
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn parses_only_real_days_written_yyyy_mm_dd() {
        assert_eq!(d("2026-09-28"), Date::new(2026, 9, 28).unwrap());
        assert_eq!(d("2024-02-29").to_string(), "2024-02-29");
        for bad in ["2026-9-28", "2026/09/28", "20260928", "2026-09-28T00:00", " 2026-09-28", "２０２６-09-28", ""] {
            assert!(matches!(Date::parse(bad), Err(DateError::Format(_))), "{bad:?}");
        }
        for bad in ["2026-02-29", "2026-13-01", "2026-04-31", "0000-01-01", "2026-00-10", "2026-01-00"] {
            assert!(matches!(Date::parse(bad), Err(DateError::NoSuchDay(_))), "{bad:?}");
        }
        assert_eq!(Date::parse("2026-02-30").unwrap_err().to_string(), "expected a date YYYY-MM-DD, found \"2026-02-30\", which is not a day of the calendar");
    }

    #[test]
    fn weekdays_and_day_arithmetic() {
        assert_eq!(d("1970-01-01").weekday(), Weekday::Thursday);
        assert_eq!(d("2026-09-28").weekday(), Weekday::Monday);
        assert_eq!(d("2026-10-10").weekday(), Weekday::Saturday);
        assert_eq!(d("2000-02-29").weekday(), Weekday::Tuesday);
        assert_eq!(d("2026-12-31").add_days(1), d("2027-01-01"));
        assert_eq!(d("2024-02-28").add_days(1), d("2024-02-29"));
        assert_eq!(d("2024-03-01").add_days(-1), d("2024-02-29"));
        assert_eq!(d("0001-01-01").add_days(-1).add_days(1), d("0001-01-01"));
        for n in [-800_000i64, -1, 0, 1, 20_000, 2_000_000] {
            assert_eq!(Date::from_days_since_1970(n).days_since_1970(), n);
        }
    }

    #[test]
    fn years_run_to_the_corresponding_day_or_the_month_end() {
        assert_eq!(d("2026-09-28").add_years(3), d("2029-09-28"));
        assert_eq!(d("2024-02-29").add_years(3), d("2027-02-28"));
        assert_eq!(d("2024-02-29").add_years(4), d("2028-02-29"));
        assert_eq!(d("2026-05-11").add_years(2), d("2028-05-11"));
    }

    #[test]
    fn the_first_day_is_not_counted() {
        // Monday 2026-03-02: one working day after it is Tuesday.
        assert_eq!(add_working_days(d("2026-03-02"), 1), Ok(d("2026-03-03")));
        assert_eq!(add_working_days(d("2026-03-02"), 0), Ok(d("2026-03-02")));
        // A start on a day off counts from the next working day all the same.
        assert_eq!(add_working_days(d("2026-10-03"), 1), Ok(d("2026-10-08")));
    }

    #[test]
    fn weekends_are_not_working_days() {
        assert_eq!(is_working_day(d("2026-03-07")), Some(false));
        assert_eq!(is_working_day(d("2026-03-08")), Some(false));
        assert_eq!(add_working_days(d("2026-03-06"), 1), Ok(d("2026-03-09")));
        assert_eq!(add_working_days(d("2026-03-02"), 5), Ok(d("2026-03-09")));
    }

    #[test]
    fn an_adjusted_working_saturday_counts() {
        assert_eq!(is_working_day(d("2026-10-10")), Some(true));
        assert_eq!(is_working_day(d("2026-09-20")), Some(true), "a Sunday worked before National Day");
        assert_eq!(add_working_days(d("2026-10-09"), 1), Ok(d("2026-10-10")));
        assert_eq!(working_days_before(d("2026-10-12"), 1), Ok(d("2026-10-10")));
    }

    #[test]
    fn a_holiday_weekday_does_not_count() {
        assert_eq!(d("2026-10-01").weekday(), Weekday::Thursday);
        assert_eq!(is_working_day(d("2026-10-01")), Some(false));
        assert_eq!(is_working_day(d("2026-09-25")), Some(false), "Mid-Autumn Friday");
        assert_eq!(add_working_days(d("2026-09-30"), 1), Ok(d("2026-10-08")));
        // 10 working days after Monday 2026-09-28, across National Day and its worked Saturday.
        assert_eq!(add_working_days(d("2026-09-28"), 10), Ok(d("2026-10-16")));
        assert_eq!(working_days_before(d("2026-10-08"), 1), Ok(d("2026-09-30")));
    }

    #[test]
    fn a_year_without_a_notice_is_unknown() {
        assert_eq!(is_working_day(d("2027-01-04")), None);
        assert_eq!(is_working_day(d("2023-12-29")), None);
        assert_eq!(add_working_days(d("2026-12-24"), 10), Err(NoNotice { year: 2027 }));
        assert_eq!(working_days_before(d("2024-01-03"), 5), Err(NoNotice { year: 2023 }));
        // Starting on the last day of 2023 needs nothing of 2023.
        assert_eq!(add_working_days(d("2023-12-31"), 1), Ok(d("2024-01-02")));
        assert!(NoNotice { year: 2027 }.zh().contains("2027年部分节假日安排的通知"));
        assert!(notice_years().any(|y| y == 2026) && notice(2026).is_some_and(|n| !n.notice.is_empty()));
    }
}
