//! The operating system, wrapped once: atomic writes and folders held open (`atomic`),
//! reading regular text files only (`textfile`), the clock, syslog, user names, exit
//! statuses, escaping for a terminal (`quote`) and the one `paths` module that owns every
//! folder and `RESO_*` variable. Uses only the core; everything above asks here.

pub mod atomic;
pub mod clock;
pub mod exit;
pub mod paths;
pub mod quote;
pub mod syslog;
pub mod textfile;
pub mod users;
