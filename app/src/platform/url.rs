//! Building page addresses: query values percent-encoded so that links keep
//! their filters, in the browser and on the server alike.

/// Percent-encodes a query value (RFC 3986 unreserved characters stay).
pub fn encode_query_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_encoded_but_paths_stay_readable() {
        assert_eq!(
            encode_query_value("/admin/users?x=1&y=2"),
            "/admin/users%3Fx%3D1%26y%3D2"
        );
        assert_eq!(encode_query_value("/қ"), "/%D2%9B");
    }
}
