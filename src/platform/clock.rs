//! Today's date, in the user's time zone: what overdue and relative due dates count from.
//! Read once per command, before any thread starts (the local offset can only be read
//! safely then), and passed down; nothing below reads the clock for dates.

/// Today in the user's time zone (UTC when it cannot be told).
pub fn local_today() -> time::Date {
    time::OffsetDateTime::now_local()
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc())
        .date()
}
