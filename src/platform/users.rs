//! Who is at the keyboard: the name recorded as `by` in a follow-up's history, and the
//! names of users the system knows (for who holds a lock).

use super::paths::AUTHOR_VAR;

/// The name recorded as `by`: `$RESO_AUTHOR`, else the login name: `$USER`, `$LOGNAME`,
/// else the name of our uid in the user database, else `uid1234`.
pub fn login_name() -> String {
    name_from(|var| std::env::var(var).ok()).unwrap_or_else(uid_name)
}

/// The first of `$RESO_AUTHOR`, `$USER`, `$LOGNAME` that is set and not blank.
fn name_from(var: impl Fn(&str) -> Option<String>) -> Option<String> {
    [AUTHOR_VAR, "USER", "LOGNAME"]
        .into_iter()
        .find_map(|name| {
            let value = var(name)?;
            let value = value.trim();
            (!value.is_empty()).then(|| value.to_string())
        })
}

/// The name of our uid in the user database, else `uid1234`.
fn uid_name() -> String {
    // SAFETY: getuid has no preconditions and cannot fail.
    let uid = unsafe { libc::getuid() };
    user_name(uid).unwrap_or_else(|| format!("uid{uid}"))
}

/// The name of `uid` in the user database (`/etc/passwd`, LDAP, … as the system is set up),
/// if it has one.
pub fn user_name(uid: u32) -> Option<String> {
    let mut buffer = vec![0u8; 1024];
    loop {
        // SAFETY: `passwd` is plain data that getpwuid_r fills in; every pointer passed is
        // valid for the call, `buffer` for its stated length, and the strings the result
        // points to live in `buffer`, which outlives their use below.
        let mut passwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let code = unsafe {
            libc::getpwuid_r(
                uid,
                &mut passwd,
                buffer.as_mut_ptr().cast(),
                buffer.len(),
                &mut result,
            )
        };
        if code == libc::ERANGE && buffer.len() < 1 << 20 {
            buffer.resize(buffer.len() * 4, 0);
            continue;
        }
        if code != 0 || result.is_null() || passwd.pw_name.is_null() {
            return None;
        }
        // SAFETY: on success `pw_name` points to a NUL-terminated string inside `buffer`.
        let name = unsafe { std::ffi::CStr::from_ptr(passwd.pw_name) };
        let name = name.to_string_lossy().into_owned();
        return (!name.is_empty()).then_some(name);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_user_database_names_root_and_not_a_missing_uid() {
        assert_eq!(super::user_name(0).as_deref(), Some("root"));
        assert_eq!(super::user_name(4_000_000_123), None);
    }

    #[test]
    fn reso_author_names_the_person_behind_a_service_account() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let name = |vars| super::name_from(env(vars));
        assert_eq!(
            name(&[("USER", "service"), ("RESO_AUTHOR", "carol")]).as_deref(),
            Some("carol")
        );
        assert_eq!(
            name(&[("USER", "service"), ("RESO_AUTHOR", "  ")]).as_deref(),
            Some("service"),
            "a blank author is no author"
        );
        assert_eq!(name(&[("LOGNAME", "dora")]).as_deref(), Some("dora"));
        assert_eq!(name(&[]), None);
    }
}
