//! One line to the system log (syslog; the journal collects it too), for what must not go
//! unsaid when there is no terminal left to say it on: changes lost at a hang-up.

use std::ffi::CString;

/// Logs `message` as a warning of the user facility, tagged `reso[PID]`. Best effort: with
/// no log daemon the line is dropped by the C library, never an error.
pub fn warn(message: &str) {
    let Ok(text) = CString::new(message.replace('\0', " ")) else {
        return;
    };
    // SAFETY: the identity string is static (openlog keeps the pointer), the format is a
    // plain `%s` and `text` a valid C string for the duration of the call.
    unsafe {
        libc::openlog(c"reso".as_ptr(), libc::LOG_PID, libc::LOG_USER);
        libc::syslog(libc::LOG_WARNING, c"%s".as_ptr(), text.as_ptr());
        libc::closelog();
    }
}
