//! The day of evaluation (contract: "Rules as of a date": absent `as_of`, the CLI uses the
//! local date). `XBORDER_TODAY=YYYY-MM-DD` sets it, for tests and for re-running a check as it
//! stood on a day; a value that is not a day is an error naming it, never ignored.
use xborder_core::calendar::Date;

/// The local date, or `XBORDER_TODAY`.
pub fn today() -> Result<Date, String> {
    match std::env::var("XBORDER_TODAY") {
        Ok(v) => Date::parse(&v).map_err(|e| format!("XBORDER_TODAY: {e}")),
        Err(_) => Ok(local_date()),
    }
}

#[cfg(unix)]
fn local_date() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as libc::time_t).unwrap_or(0);
    // SAFETY: localtime_r writes only into `tm`, which lives on this stack frame.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let ok = !unsafe { libc::localtime_r(&secs, &mut tm) }.is_null();
    let local = ok.then(|| Date::new(tm.tm_year + 1900, (tm.tm_mon + 1) as u8, tm.tm_mday as u8)).flatten();
    local.unwrap_or_else(|| utc_date(secs as i64))
}

#[cfg(not(unix))]
fn local_date() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    utc_date(secs)
}

fn utc_date(secs: i64) -> Date {
    Date::from_days_since_1970(secs.div_euclid(86_400))
}
