//! The commitment-text hash kept in each record, so that a reworded commitment is flagged
//! "text changed" until the user confirms it. Knows nothing of files or the store.

use sha2::{Digest, Sha256};

/// Lower-case hex SHA-256 of the commitment text, as stored in `text_sha256`.
pub fn text_sha256(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn hash_is_lower_case_hex() {
        assert_eq!(
            super::text_sha256("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
